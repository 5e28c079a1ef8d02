#pragma once
// The full-screen console (ncurses): the live picture, scrolling, and prompts for a dispatcher.
#include "live_link.hpp"

namespace erde::console {

int run_screen(LiveLink& link);

}  // namespace erde::console
