// Reading request arguments: whole numbers.
#include <gtest/gtest.h>

#include "service/args.hpp"

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

}  // namespace
}  // namespace erde::service
