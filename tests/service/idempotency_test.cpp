// Idempotency keys: a retried command is applied once and answered with its first result, also
// after a restart (the key is journaled); a key reused for another command is refused.
#include <gtest/gtest.h>

#include "service/service_core.hpp"
#include "service_fixture.hpp"

namespace erde::service {
namespace {

using nlohmann::json;
using testing::TempDir;

std::string keyed(const std::string& key, const json& args, int id) {
  return json{{"id", id}, {"kind", "incident.submit"}, {"args", args}, {"idempotency_key", key}}.dump();
}

TEST(Idempotency, ARetryReturnsTheFirstOutcomeAndAppliesNothing) {
  TempDir dir;
  Caller duty{"duty", Role::dispatcher};
  int64_t t = 1000;
  Clock clock = [&t] { return t++; };
  const json fire = testing::fire_at(113.27, 23.13);
  json first, before_retry;
  uint64_t seq_after_first = 0;
  {
    Journal journal(dir.path / "j");
    ServiceCore core(make_domain_state_machine(sample_dataset()), &journal, clock, {});
    std::vector<Published> out;
    first = json::parse(core.handle({keyed("k1", fire, 1)}, duty, out));
    ASSERT_EQ(first["ok"], true) << first.dump();
    EXPECT_FALSE(first.contains("duplicate"));
    seq_after_first = core.seq();
    before_retry = core.machine().snapshot();
    const size_t published = out.size();

    json again = json::parse(core.handle({keyed("k1", fire, 2)}, duty, out));
    EXPECT_EQ(again["id"], 2);
    EXPECT_EQ(again["duplicate"], true);
    EXPECT_EQ(again["result"], first["result"]);
    EXPECT_EQ(core.seq(), seq_after_first);
    EXPECT_EQ(out.size(), published) << "a retry publishes nothing";
    EXPECT_EQ(core.machine().snapshot(), before_retry);

    json other = json::parse(core.handle({keyed("k1", testing::fire_at(113.28, 23.13), 3)}, duty, out));
    EXPECT_EQ(other["ok"], false);
    EXPECT_EQ(other["error"]["code"], "conflict");
    EXPECT_EQ(other["error"]["field"], "idempotency_key");

    Caller officer{"other-officer", Role::dispatcher};
    json theirs = json::parse(core.handle({keyed("k1", fire, 4)}, officer, out));
    EXPECT_EQ(theirs["ok"], true) << "keys are per caller";
    EXPECT_FALSE(theirs.contains("duplicate"));
    EXPECT_NE(theirs["result"]["entity"]["id"], first["result"]["entity"]["id"]);
  }
  EXPECT_EQ(scan_journal(dir.path / "j").records.size(), 2u);

  // After a restart the journal still knows the key and its first outcome.
  Journal journal(dir.path / "j");
  ServiceCore core(make_domain_state_machine(sample_dataset()), &journal, clock, {});
  core.replay(journal.opened().records);
  EXPECT_EQ(core.keyed_outcomes(), 2u);
  std::vector<Published> out;
  json retried = json::parse(core.handle({keyed("k1", fire, 5)}, duty, out));
  EXPECT_EQ(retried["duplicate"], true);
  EXPECT_EQ(retried["result"], first["result"]);
  EXPECT_TRUE(out.empty());
}

TEST(Idempotency, ARefusedCommandIsNotRememberedSoItsRetryIsJudgedAfresh) {
  Caller duty{"duty", Role::dispatcher};
  ServiceCore core(make_domain_state_machine(sample_dataset()), nullptr, testing::fixed_clock, {});
  std::vector<Published> out;
  json bad = testing::fire_at(113.27, 23.13);
  bad["severity"] = "enormous";
  EXPECT_EQ(json::parse(core.handle({keyed("k2", bad, 1)}, duty, out))["ok"], false);
  EXPECT_EQ(core.keyed_outcomes(), 0u);
  json good = json::parse(core.handle({keyed("k2", testing::fire_at(113.27, 23.13), 2)}, duty, out));
  EXPECT_EQ(good["ok"], true);
  EXPECT_FALSE(good.contains("duplicate"));
}

}  // namespace
}  // namespace erde::service
