// The request decoder: each kind of bad input gives its structured error, never an exception.
#include <gtest/gtest.h>

#include "service/request.hpp"

namespace erde::service {
namespace {

std::string code_of(const std::vector<std::string_view>& frames, size_t limit = kDefaultMaxFrameBytes) {
  auto r = decode_request(frames, limit);
  if (auto* r_ = std::get_if<DecodeRefusal>(&r))
    return r_->error.code + (r_->error.field.empty() ? "" : "@" + r_->error.field);
  return "ok";
}

TEST(Decode, AcceptsAWellFormedRequest) {
  auto r = decode_request({R"({"id":"a1","kind":"ping"})"});
  ASSERT_TRUE(std::holds_alternative<Request>(r));
  EXPECT_EQ(std::get<Request>(r).id, "a1");
  EXPECT_TRUE(std::get<Request>(r).args.is_object());
}

TEST(Decode, RefusesEachKindOfBadInput) {
  EXPECT_EQ(code_of({}), "bad_frames");
  EXPECT_EQ(code_of({"{}", "{}"}), "bad_frames");
  EXPECT_EQ(code_of({"{\"kind\":"}), "bad_json");
  EXPECT_EQ(code_of({"\xff\xfe"}), "bad_json");
  EXPECT_EQ(code_of({"[1,2]"}), "bad_request");
  EXPECT_EQ(code_of({R"({"args":{}})"}), "bad_request@kind");
  EXPECT_EQ(code_of({R"({"kind":7})"}), "bad_request@kind");
  EXPECT_EQ(code_of({R"({"kind":"ping","args":[1]})"}), "bad_request@args");
  EXPECT_EQ(code_of({R"({"kind":"ping","id":{"a":1}})"}), "bad_request@id");
  EXPECT_EQ(code_of({R"({"kind":"ping","extra":1})"}), "bad_request@extra");
  std::string big = R"({"kind":"ping","args":{"pad":")" + std::string(2000, 'x') + "\"}}";
  EXPECT_EQ(code_of({big}, 1024), "too_large");
  std::string deep = std::string(1000, '[') + std::string(1000, ']');
  EXPECT_EQ(code_of({deep}), "bad_json");
  std::string deep_in_string = R"({"kind":"ping","args":{"s":")" + std::string(100, '[') + "\"}}";
  EXPECT_EQ(code_of({deep_in_string}), "ok");
  EXPECT_EQ(code_of({R"({"kind":"ping","on_behalf_of":""})"}), "bad_request@on_behalf_of");
  EXPECT_EQ(code_of({R"({"kind":"ping","on_behalf_of":7})"}), "bad_request@on_behalf_of");
  EXPECT_EQ(code_of({R"({"kind":"ping","on_behalf_of":"duty officer"})"}), "bad_request@on_behalf_of");
  EXPECT_EQ(code_of({R"({"kind":"ping","on_behalf_of":"duty\u200b"})"}), "bad_request@on_behalf_of");
  EXPECT_EQ(code_of({R"({"kind":"ping","on_behalf_of":"duty\u202e"})"}), "bad_request@on_behalf_of");
  EXPECT_EQ(code_of({R"({"kind":"ping","on_behalf_of":"duty@web"})"}), "bad_request@on_behalf_of");
  EXPECT_EQ(code_of({R"({"kind":"ping","on_behalf_of":"李伟"})"}), "ok");
  EXPECT_EQ(code_of({R"({"kind":"ping","on_behalf_of":")" + std::string(65, 'x') + "\"}"}), "bad_request@on_behalf_of");
}

TEST(Decode, ReadsThePersonARelayActsFor) {
  auto r = decode_request({R"({"kind":"ping","on_behalf_of":"li.wei-2"})"});
  ASSERT_TRUE(std::holds_alternative<Request>(r));
  EXPECT_EQ(std::get<Request>(r).on_behalf_of, "li.wei-2");
  EXPECT_EQ(std::get<Request>(decode_request({R"({"kind":"ping"})"})).on_behalf_of, "");
  // One person, one spelling: e plus a combining acute is recorded as the precomposed é.
  EXPECT_EQ(std::get<Request>(decode_request({R"({"kind":"ping","on_behalf_of":"rene\u0301"})"})).on_behalf_of,
            "ren\u00e9");
}

TEST(Decode, AnEnvelopeRefusalEchoesAValidId) {
  auto id_of = [](std::string_view text) {
    auto r = decode_request({text});
    auto* refusal = std::get_if<DecodeRefusal>(&r);
    return refusal ? refusal->id : nlohmann::json("accepted");
  };
  EXPECT_EQ(id_of(R"({"id":17,"kind":"ping","extra":1})"), 17);
  EXPECT_EQ(id_of(R"({"id":"a-1","args":{}})"), "a-1");
  EXPECT_EQ(id_of(R"({"id":"a-2","kind":"ping","on_behalf_of":"x y"})"), "a-2");
  EXPECT_EQ(id_of(R"({"id":"a-3","kind":"ping","idempotency_key":""})"), "a-3");
  EXPECT_EQ(id_of(R"({"id":{"not":"an id"},"kind":"ping","extra":1})"), nullptr);
  EXPECT_EQ(id_of(R"({"id":5,"kind":)"), nullptr);  // not JSON: no id can be read
}

TEST(Decode, IdempotencyKeysArePrintableAsciiUpTo64Bytes) {
  auto r = decode_request({R"({"kind":"ping","idempotency_key":"k-7f3a"})"});
  ASSERT_TRUE(std::holds_alternative<Request>(r));
  EXPECT_EQ(std::get<Request>(r).idempotency_key, "k-7f3a");
  EXPECT_EQ(code_of({R"({"kind":"ping","idempotency_key":"a b"})"}), "bad_request@idempotency_key");
  EXPECT_EQ(code_of({R"({"kind":"ping","idempotency_key":"k\u200b"})"}), "bad_request@idempotency_key");
  EXPECT_EQ(code_of({R"({"kind":"ping","idempotency_key":3})"}), "bad_request@idempotency_key");
  EXPECT_EQ(code_of({R"({"kind":"ping","idempotency_key":")" + std::string(65, 'k') + "\"}"}),
            "bad_request@idempotency_key");
  EXPECT_EQ(code_of({R"({"kind":"ping","idempotency_key":")" + std::string(64, 'k') + "\"}"}), "ok");
}

TEST(Decode, ErrorRepliesNameTheField) {
  auto text = encode_error("x", {code::out_of_range, "must be between -90 and 90", "args.location.lat"});
  auto j = nlohmann::json::parse(text);
  EXPECT_EQ(j["ok"], false);
  EXPECT_EQ(j["error"]["field"], "args.location.lat");
  EXPECT_EQ(j["id"], "x");
}

}  // namespace
}  // namespace erde::service
