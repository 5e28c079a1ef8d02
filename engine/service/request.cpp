#include "service/request.hpp"

#include <algorithm>

#include "service/args.hpp"

namespace erde::service {

namespace {
// A user name as in the gateway's users file: no blanks or control characters, and no '@',
// which joins it to the relay's name ("li.wei@web", "李伟@web").
// Read as ids are: nothing invisible, and in NFC, so one person has one spelling in the journal.
bool valid_user_name(std::string_view name) {
  return !name.empty() && name.size() <= 64 && name.find('@') == std::string_view::npos &&
         !id_problem(name);
}
}  // namespace

int json_depth(std::string_view text, int limit) {
  int depth = 0;
  int deepest = 0;
  bool in_string = false;
  bool escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return deepest;
}

namespace {

std::variant<Request, RequestError> decode_fields(nlohmann::json& doc, Request& request) {
  auto kind = doc.find("kind");
  if (kind == doc.end()) return RequestError{code::bad_request, "missing kind", "kind"};
  if (!kind->is_string()) return RequestError{code::bad_request, "kind must be a string", "kind"};
  request.kind = kind->get<std::string>();
  if (request.kind.empty() || request.kind.size() > 64)
    return RequestError{code::bad_request, "kind must be 1 to 64 characters", "kind"};
  if (auto args = doc.find("args"); args == doc.end() || args->is_null()) {
    request.args = nlohmann::json::object();
  } else if (!args->is_object()) {
    return RequestError{code::bad_request, "args must be an object", "args"};
  } else {
    request.args = std::move(*args);
  }
  if (auto who = doc.find("on_behalf_of"); who != doc.end()) {
    if (!who->is_string() || !valid_user_name(who->get_ref<const std::string&>()))
      return RequestError{code::bad_request, "on_behalf_of is a user name: 1 to 64 bytes, no blanks, no '@'",
                          "on_behalf_of"};
    request.on_behalf_of = to_nfc(who->get_ref<const std::string&>());
  }
  if (auto key = doc.find("idempotency_key"); key != doc.end()) {
    const bool printable = key->is_string() && !key->get_ref<const std::string&>().empty() &&
                           key->get_ref<const std::string&>().size() <= kMaxIdempotencyKeyBytes &&
                           std::all_of(key->get_ref<const std::string&>().begin(),
                                       key->get_ref<const std::string&>().end(),
                                       [](char c) { return c > 0x20 && c < 0x7f; });
    if (!printable)
      return RequestError{code::bad_request, "idempotency_key is 1 to 64 printable ASCII characters, no blanks",
                          "idempotency_key"};
    request.idempotency_key = key->get<std::string>();
  }
  for (const auto& item : doc.items())
    if (item.key() != "id" && item.key() != "kind" && item.key() != "args" &&
        item.key() != "on_behalf_of" && item.key() != "idempotency_key")
      return RequestError{code::bad_request, "unknown request field '" + item.key().substr(0, 64) + "'",
                          item.key().substr(0, 64)};
  return request;
}

}  // namespace

std::variant<Request, DecodeRefusal> decode_request(const std::vector<std::string_view>& frames,
                                                    size_t max_frame_bytes) {
  auto refuse = [](RequestError e, nlohmann::json id = nullptr) {
    return DecodeRefusal{std::move(id), std::move(e)};
  };
  if (frames.size() != 1)
    return refuse({code::bad_frames,
                   "a request is exactly one frame holding a JSON object; got " +
                       std::to_string(frames.size()) + " frames",
                   ""});
  std::string_view text = frames.front();
  if (text.size() > max_frame_bytes)
    return refuse({code::too_large,
                   "request of " + std::to_string(text.size()) + " bytes exceeds the limit of " +
                       std::to_string(max_frame_bytes),
                   ""});
  if (json_depth(text, kMaxJsonDepth) > kMaxJsonDepth)
    return refuse({code::bad_json, "JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels", ""});
  nlohmann::json doc = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return refuse({code::bad_json, "request is not valid JSON", ""});
  if (!doc.is_object()) return refuse({code::bad_request, "request must be a JSON object", ""});

  Request request;
  if (auto it = doc.find("id"); it != doc.end()) {
    if (!it->is_string() && !it->is_number_integer() && !it->is_number_unsigned() && !it->is_null())
      return refuse({code::bad_request, "id must be a string or an integer", "id"});
    request.id = *it;
  }
  auto decoded = decode_fields(doc, request);
  if (auto* error = std::get_if<RequestError>(&decoded)) return refuse(std::move(*error), request.id);
  return std::move(std::get<Request>(decoded));
}

namespace {
std::string dump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}
}  // namespace

std::string encode_ok(const nlohmann::json& id, uint64_t seq, const nlohmann::json& result) {
  return dump({{"id", id}, {"ok", true}, {"seq", seq}, {"result", result}});
}

std::string encode_error(const nlohmann::json& id, const RequestError& error) {
  nlohmann::json e = {{"code", error.code}, {"message", error.message}};
  e["field"] = error.field.empty() ? nlohmann::json(nullptr) : nlohmann::json(error.field);
  return dump({{"id", id}, {"ok", false}, {"error", e}});
}

}  // namespace erde::service
