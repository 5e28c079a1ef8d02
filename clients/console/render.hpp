#pragma once
// The live picture as lines of text, the same for the full-screen view and the plain-text
// (--once / --for) output. Pure: the time is passed in.
#include <cstdint>
#include <string>
#include <vector>

#include "picture.hpp"

namespace erde::console {

struct RenderOptions {
  size_t width = 100;          // columns; longer lines are cut with "…"
  int64_t now_ms = 0;          // steady-clock time, to tell a silent server
  size_t closed_shown = 5;     // most recent closed incidents listed
  size_t feed_shown = 8;       // lines of the recent-changes feed
  bool list_available_teams = true;
};

// The status line: sequence, live / silent / resyncing.
std::string render_status(const Picture& picture, int64_t now_ms);
std::vector<std::string> render_picture(const Picture& picture, const RenderOptions& options);

}  // namespace erde::console
