// Reading request arguments: whole numbers, ids as a person reads them, free text.
#include <gtest/gtest.h>

#include "service/args.hpp"
#include "service/domain_state.hpp"
#include "service/sample_dataset.hpp"
#include "service/service_core.hpp"

namespace erde::service {
namespace {

using nlohmann::json;

// The refusal's code, or "" when accepted.
template <typename F>
std::string refusal(F&& read) {
  try {
    read();
    return "";
  } catch (const Rejected& e) {
    return e.error.code;
  }
}

TEST(ReadInteger, WholeNumbersOnly) {
  EXPECT_EQ(read_integer(json(3), "k", 1, 100), 3);
  EXPECT_EQ(read_integer(json(3.0), "k", 1, 100), 3);
  EXPECT_EQ(read_integer(json(100u), "k", 1, 100), 100);
  EXPECT_EQ(read_integer(json(-4), "k", -10, 10), -4);
  EXPECT_EQ(refusal([] { read_integer(json(1.5), "k", 1, 100); }), "bad_request");
  EXPECT_EQ(refusal([] { read_integer(json(99.999), "k", 1, 100); }), "bad_request");
  EXPECT_EQ(refusal([] { read_integer(json("3"), "k", 1, 100); }), "bad_request");
  EXPECT_EQ(refusal([] { read_integer(json(true), "k", 1, 100); }), "bad_request");
  EXPECT_EQ(refusal([] { read_integer(json(0), "k", 1, 100); }), "out_of_range");
  EXPECT_EQ(refusal([] { read_integer(json(101), "k", 1, 100); }), "out_of_range");
  EXPECT_EQ(refusal([] { read_integer(json(1e300), "k", 1, 100); }), "out_of_range");
  EXPECT_EQ(refusal([] { read_integer(json(18446744073709551615ull), "k", 1, 100); }), "out_of_range");
  try {
    read_integer(json(1.5), "args.k", 1, 100);
  } catch (const Rejected& e) {
    EXPECT_EQ(e.error.field, "args.k");
  }
}

TEST(ReadId, InvisibleFormatSpaceAndControlCharactersAreRefused) {
  EXPECT_EQ(read_id(json("I-000001"), "id"), "I-000001");
  EXPECT_EQ(read_id(json("火灾-东区-3"), "id"), "火灾-东区-3");
  for (const char* bad : {"I-000001\u200b",   // zero-width space
                          "\u200dI-000001",   // zero-width joiner
                          "I-\u202e100000",   // right-to-left override
                          "I-0\u2066001",     // isolate
                          "I-000001\ufeff",   // byte-order mark
                          "I-000001\u00ad",   // soft hyphen (Cf)
                          "I-\u00a0000001",   // no-break space (Zs)
                          "I-\u3000000001",   // ideographic space (Zs)
                          "I-\u2028000001",   // line separator (Zl)
                          "I-\u2029000001",   // paragraph separator (Zp)
                          "I 000001", "I-000001\t", "I-\x1b[2J", "I-\x7f",
                          "I-\u0085",         // C1 next line
                          "I-\ufffd",         // replacement character
                          "I-\ufdd0", "I-\uffff", "I-\U0010FFFE",  // non-characters
                          "I-\U000E0001",     // language tag (Cf)
                          "I-\xff", "I-\xc0\xaf", ""})
    EXPECT_EQ(refusal([&] { read_id(json(std::string(bad)), "id"); }), "bad_value") << bad;
  EXPECT_EQ(refusal([] { read_id(json(std::string(65, 'a')), "id"); }), "bad_value");
  EXPECT_EQ(refusal([] { read_id(json(17), "id"); }), "bad_request");
}

TEST(ReadId, IdsAreReadInUnicodeNfc) {
  // "café" with a combining acute accent (NFD) is the same id as with the precomposed é.
  EXPECT_EQ(read_id(json("caf\u0065\u0301"), "id"), "caf\u00e9");
  EXPECT_EQ(read_id(json("caf\u00e9"), "id"), "caf\u00e9");
  // Hangul jamo compose; the angstrom sign (a singleton) becomes Å.
  EXPECT_EQ(read_id(json("\u1100\u1161"), "id"), "\uac00");
  EXPECT_EQ(read_id(json("\u212b-1"), "id"), "\u00c5-1");
  // NFC is not NFKC: a full-width letter stays what it is.
  EXPECT_EQ(read_id(json("\uff21-1"), "id"), "\uff21-1");
  EXPECT_FALSE(id_problem("I-000001"));
  EXPECT_TRUE(id_problem("I-000001\u200b"));
}

TEST(ReadText, FreeTextKeepsEverythingButControlCharacters) {
  const std::string address = "东区 仓库 3号\n(north gate)\tnear \u202eRTL\u200b and café\r\n";
  EXPECT_EQ(read_text(json(address), "args.address", 4000), address);
  for (const char* bad : {"a\x1b]0;title\x07", "a\x1b[2J", "a\x07", "a\x7f",
                          "a\u009b2J", "a\x08"})
    EXPECT_EQ(refusal([&] { read_text(json(std::string(bad)), "args.address", 4000); }), "bad_value") << bad;
  EXPECT_EQ(refusal([] { read_text(json(std::string("a\0b", 3)), "args.address", 4000); }), "bad_value");
  EXPECT_EQ(refusal([] { read_text(json(std::string(4001, 'x')), "args.address", 4000); }), "out_of_range");
}


TEST(ReadInteger, SnapshotPageSizeIsAWholeNumberOfBytes) {
  ServiceCore core(make_domain_state_machine(sample_dataset()), nullptr, [] { return int64_t{1}; },
                   [](const std::string&) {});
  std::vector<Published> out;
  auto reply = [&](const json& args) {
    const std::string frame = json{{"id", 1}, {"kind", "snapshot"}, {"args", args}}.dump();
    return json::parse(core.handle({frame}, Caller{"tester", Role::viewer}, out));
  };
  const json fraction = reply({{"max_bytes", 5000.5}});
  EXPECT_EQ(fraction["ok"], false) << fraction.dump();
  EXPECT_EQ(fraction["error"]["code"], "bad_request") << fraction.dump();
  EXPECT_EQ(fraction["error"]["field"], "args.max_bytes");
  EXPECT_EQ(reply({{"max_bytes", 5000}})["ok"], true);
}

}  // namespace
}  // namespace erde::service
