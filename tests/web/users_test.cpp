#include <gtest/gtest.h>

#include <thread>

#include "gateway/sessions.hpp"
#include "gateway/users.hpp"
#include "util/error.hpp"

using namespace erde;
using namespace erde::web;

namespace {

std::string users_text() {
  static const std::string text = "# role name hash\n"
                                  "viewer     wall   " + hash_password("wall-pass") + "\n"
                                  "\n"
                                  "dispatcher duty   " + hash_password("duty-pass") + "   # night shift\n"
                                  "admin      ops    " + hash_password("ops-pass") + "\n";
  return text;
}

}  // namespace

TEST(Users, ParsesRolesAndComments) {
  auto users = parse_users(users_text(), "users.txt");
  ASSERT_EQ(users.size(), 3u);
  EXPECT_EQ(users[0].name, "wall");
  EXPECT_EQ(users[0].role, service::Role::viewer);
  EXPECT_EQ(users[1].role, service::Role::dispatcher);
  EXPECT_EQ(users[2].role, service::Role::admin);
  EXPECT_EQ(users[2].password_hash.rfind("$argon2id$", 0), 0u);
}

TEST(Users, AuthenticatesOnlyTheRightPassword) {
  auto users = parse_users(users_text(), "users.txt");
  auto duty = authenticate(users, "duty", "duty-pass");
  ASSERT_TRUE(duty);
  EXPECT_EQ(duty->role, service::Role::dispatcher);
  EXPECT_FALSE(authenticate(users, "duty", "wall-pass"));
  EXPECT_FALSE(authenticate(users, "duty", ""));
  EXPECT_FALSE(authenticate(users, "nobody", "duty-pass"));
}

TEST(Users, RefusesMalformedFilesNamingTheLine) {
  auto message = [](const std::string& text) {
    try {
      parse_users(text, "u.txt");
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  std::string hash = hash_password("x");
  EXPECT_EQ(message("boss anna " + hash + "\n"), "u.txt:1: unknown role 'boss'; allowed: viewer, dispatcher, admin");
  EXPECT_EQ(message("\nviewer anna\n"), "u.txt:2: expected '<role> <name> <password hash>'");
  EXPECT_NE(message("viewer anna secret123\n").find("not plain text"), std::string::npos);
  EXPECT_NE(message("viewer anna " + hash + "\nadmin anna " + hash + "\n").find("listed twice"), std::string::npos);
}

TEST(Sessions, CookieValueFindsTheExactName) {
  EXPECT_EQ(cookie_value("a=1; erde_session=abc; b=2", "erde_session"), "abc");
  EXPECT_EQ(cookie_value("erde_session=xyz", "erde_session"), "xyz");
  EXPECT_EQ(cookie_value("not_erde_session=1; erde_session_old=2", "erde_session"), "");
  EXPECT_EQ(cookie_value("", "erde_session"), "");
}

TEST(Sessions, OpenFindCloseAndExpire) {
  SessionStore store;
  std::string token = store.open({"duty", service::Role::dispatcher});
  EXPECT_EQ(token.size(), 64u);
  auto found = store.find(token);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->user, "duty");
  EXPECT_FALSE(store.find(token + "0"));
  EXPECT_FALSE(store.find(""));
  EXPECT_NE(store.open({"duty", service::Role::dispatcher}), token);
  store.close(token);
  EXPECT_FALSE(store.find(token));

  SessionStore brief(std::chrono::seconds(0));
  std::string short_lived = brief.open({"wall", service::Role::viewer});
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_FALSE(brief.find(short_lived));
}

TEST(Sessions, CookieIsHttpOnlyAndStrict) {
  EXPECT_EQ(session_cookie("abc"), "erde_session=abc; Path=/; HttpOnly; SameSite=Strict");
  EXPECT_NE(session_cookie("").find("Max-Age=0"), std::string::npos);
}
