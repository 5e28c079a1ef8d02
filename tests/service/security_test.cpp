// CURVE through the ZAP handler: known keys admitted with their role, unknown keys refused and
// logged, requests above a role refused; key files round-trip.
#include <gtest/gtest.h>

#include "service_fixture.hpp"
#include "util/error.hpp"

namespace erde::service {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using testing::InProcessServer;
using testing::TempDir;

struct SecureSetup {
  TempDir dir;
  testing::LogSink log;
  KeyPair server = generate_keypair();
  KeyPair viewer = generate_keypair();
  KeyPair dispatcher = generate_keypair();
  KeyPair admin = generate_keypair();
  KeyPair stranger = generate_keypair();
  KeyPair gateway = generate_keypair();
  std::unique_ptr<InProcessServer> running;

  SecureSetup() {
    auto options = testing::insecure_options(dir, &log);
    options.server_keys = server;
    options.clients = {{"wall", Role::viewer, viewer.public_z85},
                       {"duty-officer", Role::dispatcher, dispatcher.public_z85},
                       {"ops-admin", Role::admin, admin.public_z85},
                       {"web", Role::dispatcher, gateway.public_z85, true}};
    running = std::make_unique<InProcessServer>(options);
  }
  Connection as(const KeyPair& client) const {
    return Connection{running->ready().bound, client, server.public_z85};
  }
};

std::string outcome(const std::optional<json>& reply) {
  if (!reply) return "no reply";
  return (*reply)["ok"] == true ? "ok" : (*reply)["error"]["code"].get<std::string>();
}

TEST(Security, RolesLimitWhatEachKeyMayDo) {
  SecureSetup s;
  ASSERT_TRUE(s.running->running()) << s.running->failure();
  zmq::context_t ctx;
  Requester viewer(ctx, s.as(s.viewer));
  Requester dispatcher(ctx, s.as(s.dispatcher));
  Requester admin(ctx, s.as(s.admin));
  json closure = {{"reason", "r"}, {"geometry", {{"type", "Point"}, {"coordinates", {113.2, 23.1}}}}};

  EXPECT_EQ(outcome(viewer.call("ping", json::object())), "ok");
  EXPECT_EQ(outcome(viewer.call("query.teams", json::object())), "ok");
  EXPECT_EQ(outcome(viewer.call("incident.submit", testing::fire_at(113.2, 23.1))), "forbidden");
  EXPECT_EQ(outcome(dispatcher.call("incident.submit", testing::fire_at(113.2, 23.1))), "ok");
  EXPECT_EQ(outcome(dispatcher.call("team.status", {{"team", "T-fire-1"}, {"status", "off_duty"}})), "ok");
  EXPECT_EQ(outcome(dispatcher.call("closure.add", closure)), "forbidden");
  EXPECT_EQ(outcome(admin.call("closure.add", closure)), "ok");
  EXPECT_TRUE(s.log.contains("refused incident.submit from wall (viewer; needs dispatcher)"));
  EXPECT_TRUE(s.log.contains("refused closure.add from duty-officer"));

  auto incident = viewer.call("query.incident", {{"id", "I-000001"}});
  ASSERT_EQ(outcome(incident), "ok");
  EXPECT_EQ((*incident)["result"]["submitted_by"], "duty-officer");

  // A viewer may follow the live picture.
  CloneClient wall(ctx, s.as(s.viewer));
  ASSERT_TRUE(wall.sync());
  EXPECT_EQ(wall.seq(), 3u);
  wall.pump(300ms);
  EXPECT_LT(wall.silence_ms(), 300);
}

TEST(Security, OnlyARelayActsForANamedPersonAndTheJournalSaysWho) {
  SecureSetup s;
  ASSERT_TRUE(s.running->running()) << s.running->failure();
  zmq::context_t ctx;
  Requester gateway(ctx, s.as(s.gateway));
  Requester dispatcher(ctx, s.as(s.dispatcher));
  Requester viewer(ctx, s.as(s.viewer));

  auto relayed = gateway.call("incident.submit", testing::fire_at(113.2, 23.1), 5s, "li.wei");
  ASSERT_EQ(outcome(relayed), "ok");
  EXPECT_EQ((*relayed)["result"]["entity"]["submitted_by"], "li.wei@web");
  // The relay's own role still bounds what the person may do through it.
  json closure = {{"reason", "r"}, {"geometry", {{"type", "Point"}, {"coordinates", {113.2, 23.1}}}}};
  EXPECT_EQ(outcome(gateway.call("closure.add", closure, 5s, "li.wei")), "forbidden");

  auto posing = dispatcher.call("incident.submit", testing::fire_at(113.2, 23.1), 5s, "someone");
  ASSERT_EQ(outcome(posing), "forbidden");
  EXPECT_EQ((*posing)["error"]["field"], "on_behalf_of");
  EXPECT_TRUE(s.log.contains("refused incident.submit from duty-officer: duty-officer is not a relay"));
  EXPECT_EQ(outcome(viewer.call("query.teams", json::object(), 5s, "x")), "forbidden");

  // The journal keeps the person with the command.
  s.running.reset();
  auto records = scan_journal(s.dir.path / "journal").records;
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(decode_journal_entry(records[0]).command.by, "li.wei@web");
}

TEST(Security, AnUnknownKeyIsRefusedAndLogged) {
  SecureSetup s;
  ASSERT_TRUE(s.running->running()) << s.running->failure();
  zmq::context_t ctx;
  Requester stranger(ctx, s.as(s.stranger));
  EXPECT_EQ(outcome(stranger.call("ping", json::object(), 1s)), "no reply");
  EXPECT_TRUE(s.log.contains("refused unknown key " + s.stranger.public_z85));

  CloneClient eavesdropper(ctx, s.as(s.stranger));
  eavesdropper.pump(500ms);
  EXPECT_GT(eavesdropper.silence_ms(), 400);  // not even heartbeats

  // Plain text against the CURVE server gets nowhere either.
  Requester plain(ctx, Connection{s.running->ready().bound, std::nullopt, {}});
  EXPECT_EQ(outcome(plain.call("ping", json::object(), 500ms)), "no reply");
}

TEST(Security, KeyFilesRoundTrip) {
  TempDir dir;
  auto keys = generate_keypair();
  write_certificates(dir.path / "centre", keys);
  auto secret = load_certificate(dir.path / "centre.key_secret");
  EXPECT_EQ(secret.public_z85, keys.public_z85);
  EXPECT_EQ(secret.secret_z85, keys.secret_z85);
  auto pub = load_certificate(dir.path / "centre.key");
  EXPECT_EQ(pub.public_z85, keys.public_z85);
  EXPECT_TRUE(pub.secret_z85.empty());
  EXPECT_THROW(write_certificates(dir.path / "centre", keys), Error);
  EXPECT_EQ(std::filesystem::status(dir.path / "centre.key_secret").permissions() &
                std::filesystem::perms::group_all,
            std::filesystem::perms::none);

  auto clients = parse_client_keys("# comment\nviewer wall " + keys.public_z85 + "  # big screen\n\n", "k");
  ASSERT_EQ(clients.size(), 1u);
  EXPECT_EQ(clients[0].name, "wall");
  KeyPair hashed = generate_keypair();  // '#' is a Z85 character: not a comment inside a key
  for (int i = 0; i < 500 && hashed.public_z85.find('#') == std::string::npos; ++i) hashed = generate_keypair();
  auto with_hash = parse_client_keys("admin ops " + hashed.public_z85 + "\t# comment", "k");
  EXPECT_EQ(with_hash.at(0).public_z85, hashed.public_z85);
  EXPECT_THROW(parse_client_keys("boss x " + keys.public_z85, "k"), Error);
  auto relay = parse_client_keys("dispatcher web " + keys.public_z85 + " relay", "k");
  ASSERT_EQ(relay.size(), 1u);
  EXPECT_TRUE(relay[0].relay);
  EXPECT_FALSE(with_hash[0].relay);
  EXPECT_THROW(parse_client_keys("dispatcher web " + keys.public_z85 + " trusted", "k"), Error);
  EXPECT_THROW(parse_client_keys("viewer x shortkey", "k"), Error);
  EXPECT_THROW(parse_client_keys("viewer x " + keys.public_z85 + "\nadmin y " + keys.public_z85, "k"), Error);
}

TEST(Security, BindSpecsParse) {
  auto e = parse_bind("tcp://127.0.0.1:5555/5556");
  EXPECT_EQ(e.request, "tcp://127.0.0.1:5555");
  EXPECT_EQ(e.publish, "tcp://127.0.0.1:5556");
  e = parse_bind("ipc:///tmp/a,ipc:///tmp/b");
  EXPECT_EQ(e.publish, "ipc:///tmp/b");
  EXPECT_THROW(parse_bind("tcp://127.0.0.1:5555"), Error);
  EXPECT_THROW(parse_bind("tcp://127.0.0.1:5555/5555"), Error);
  EXPECT_THROW(parse_bind("tcp://127.0.0.1:5555/abc"), Error);
}

}  // namespace
}  // namespace erde::service
