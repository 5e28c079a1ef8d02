#include "screen.hpp"

#include <curses.h>
#include <unistd.h>

#include <algorithm>
#include <string>

#include "input.hpp"
#include "render.hpp"
#include "text_width.hpp"
#include "util/text.hpp"

namespace erde::console {

namespace {

enum class Prompt { none, incident, team_status, preempt, share };

std::string utf8_of(const std::wstring& text) {
  std::string out;
  for (wchar_t wc : text) {
    auto c = static_cast<uint32_t>(wc);
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0x800) {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (c >> 18));
      out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

struct ScreenState {
  Prompt prompt = Prompt::none;
  std::wstring typed;
  std::string message;  // the last outcome, on the bottom line
  int scroll = 0;
  bool quit = false;
};

void put_line(int row, const std::string& text, int columns, attr_t attributes = A_NORMAL) {
  attron(attributes);
  mvaddstr(row, 0, fit_to_width(printable_text(text), static_cast<size_t>(std::max(columns - 1, 1))).c_str());
  attroff(attributes);
}

void draw(LiveLink& link, const ScreenState& state) {
  erase();
  int rows = LINES, columns = COLS;
  RenderOptions options;
  options.width = static_cast<size_t>(std::max(columns - 1, 20));
  options.now_ms = steady_ms();
  options.feed_shown = 12;
  auto lines = render_picture(link.picture(), options);
  bool alarm = !link.picture().replica.synced || server_silent(link.picture(), options.now_ms);
  put_line(0, lines.empty() ? "" : lines[0], columns, alarm ? (A_BOLD | COLOR_PAIR(1)) : A_REVERSE);
  int body_rows = std::max(rows - 3, 0);  // below: the outcome line, then the prompt or help
  int first = std::clamp(state.scroll, 0, std::max(static_cast<int>(lines.size()) - 1 - body_rows, 0));
  for (int r = 0; r < body_rows && first + 1 + r < static_cast<int>(lines.size()); ++r) {
    const std::string& line = lines[static_cast<size_t>(first + 1 + r)];
    bool heading = !line.empty() && line[0] != ' ';
    put_line(1 + r, line, columns, heading ? A_BOLD : A_NORMAL);
  }
  put_line(rows - 2, state.message, columns, A_BOLD);
  std::string bottom;
  if (state.prompt == Prompt::incident) bottom = std::string(kIncidentPrompt) + utf8_of(state.typed);
  else if (state.prompt == Prompt::team_status) bottom = std::string(kTeamStatusPrompt) + utf8_of(state.typed);
  else if (state.prompt == Prompt::preempt) bottom = std::string(kPreemptPrompt) + utf8_of(state.typed);
  else if (state.prompt == Prompt::share) bottom = std::string(kSharePrompt) + utf8_of(state.typed);
  else bottom = "n new incident 新事件 · s team status 队伍状态 · p pre-empt 抽调 · e share stock 分配 · r resync · ↑↓ PgUp PgDn · q quit";
  put_line(rows - 1, bottom, columns, state.prompt == Prompt::none ? A_DIM : A_NORMAL);
  if (state.prompt != Prompt::none) {
    curs_set(1);
    move(rows - 1, std::min(static_cast<int>(display_width(bottom)), columns - 1));
  } else {
    curs_set(0);
  }
  refresh();
}

void submit(LiveLink& link, ScreenState& state) {
  std::string text = utf8_of(state.typed);
  ParsedInput parsed = state.prompt == Prompt::incident  ? parse_incident_input(text)
                       : state.prompt == Prompt::preempt ? parse_preempt_input(text)
                       : state.prompt == Prompt::share   ? parse_share_input(text)
                                                         : parse_team_status_input(text);
  if (parsed.args.is_null()) {
    state.message = "not sent 未提交: " + parsed.error;
    return;  // the prompt stays open with the text, to correct it
  }
  if (state.prompt == Prompt::incident) link.send("incident.submit", parsed.args, "incident");
  else if (state.prompt == Prompt::preempt) link.send("incident.preempt", parsed.args, "preempt");
  else if (state.prompt == Prompt::share) link.send("event.share", parsed.args, "share");
  else link.send("team.status", parsed.args, "team");
  state.message = "sent 已发送: " + text + " …";
  state.prompt = Prompt::none;
  state.typed.clear();
}

void on_key(LiveLink& link, ScreenState& state, int kind, wint_t key) {
  if (state.prompt != Prompt::none) {
    if (kind == OK && key == 27) {  // Esc
      state.prompt = Prompt::none;
      state.typed.clear();
      state.message = "cancelled 已取消";
    } else if (kind == OK && (key == '\n' || key == '\r')) {
      submit(link, state);
    } else if ((kind == KEY_CODE_YES && key == KEY_BACKSPACE) || (kind == OK && (key == 127 || key == 8))) {
      if (!state.typed.empty()) state.typed.pop_back();
    } else if (kind == OK && key >= 32) {
      state.typed += static_cast<wchar_t>(key);
    }
    return;
  }
  if (kind == KEY_CODE_YES) {
    if (key == KEY_UP) --state.scroll;
    else if (key == KEY_DOWN) ++state.scroll;
    else if (key == KEY_PPAGE) state.scroll -= std::max(LINES - 3, 1);
    else if (key == KEY_NPAGE) state.scroll += std::max(LINES - 3, 1);
    else if (key == KEY_HOME) state.scroll = 0;
    state.scroll = std::max(state.scroll, 0);
    return;
  }
  switch (key) {
    case 'q': case 'Q': state.quit = true; break;
    case 'n': case 'N': state.prompt = Prompt::incident; break;
    case 's': case 'S': state.prompt = Prompt::team_status; break;
    case 'p': case 'P': state.prompt = Prompt::preempt; break;
    case 'e': case 'E': state.prompt = Prompt::share; break;
    case 'r': case 'R':
      link.picture().replica.synced = false;
      state.message = "resync requested 已请求重新同步";
      break;
    default: break;
  }
}

void show_replies(LiveLink& link, ScreenState& state) {
  while (!link.replies().empty()) {
    Reply reply = std::move(link.replies().front());
    link.replies().pop_front();
    std::string refusal = refusal_text(reply.body);
    std::string what = reply.purpose == "incident"  ? "incident 事件"
                       : reply.purpose == "preempt" ? "pre-emption 抽调"
                       : reply.purpose == "share"   ? "stock sharing 分配"
                                                    : "team status 队伍状态";
    if (refusal.empty()) {
      const auto& result = reply.body["result"];
      std::string id = result.contains("entity") && result["entity"].contains("id")
                           ? result["entity"]["id"].get<std::string>() : std::string();
      state.message = what + " accepted 已受理 " + id + " (seq " +
                      std::to_string(reply.body.value("seq", 0ull)) + ")";
    } else {
      state.message = what + " refused 被拒: " + refusal;
    }
    add_note(link.picture(), state.message);
  }
}

}  // namespace

int run_screen(LiveLink& link) {
  initscr();
  cbreak();
  noecho();
  keypad(stdscr, TRUE);
  nodelay(stdscr, TRUE);
  set_escdelay(50);
  if (has_colors()) {
    start_color();
    use_default_colors();
    init_pair(1, COLOR_WHITE, COLOR_RED);
  }
  ScreenState state;
  int64_t drawn_at = 0;
  uint64_t drawn_feed = ~0ull;
  uint64_t drawn_seq = ~0ull;
  bool dirty = true;
  while (!state.quit) {
    bool key_ready = link.pump(std::chrono::milliseconds(250), STDIN_FILENO);
    if (link.picture().replica.synced == false && link.picture().last_heard_ms >= 0) dirty = true;
    if (key_ready) {
      wint_t key = 0;
      for (int kind; (kind = get_wch(&key)) != ERR;) {
        if (kind == KEY_CODE_YES && key == KEY_RESIZE) {
          dirty = true;
          continue;
        }
        on_key(link, state, kind, key);
        dirty = true;
      }
    }
    show_replies(link, state);
    int64_t now = steady_ms();
    const Picture& picture = link.picture();
    if (picture.feed_added != drawn_feed || picture.replica.seq != drawn_seq) dirty = true;
    if (dirty || now - drawn_at >= 1000) {  // at least each second: the silence counter moves
      draw(link, state);
      drawn_at = now;
      drawn_feed = picture.feed_added;
      drawn_seq = picture.replica.seq;
      dirty = false;
    }
  }
  endwin();
  return 0;
}

}  // namespace erde::console
