// An id names one incident for good: once an incident is archived out of the live picture
// (only the newest kClosedIncidentsKept closed ones stay), its id is not given to a new one —
// neither when a client asks for it nor by the counter — and a restored state and a replayed
// one agree on that.
#include <gtest/gtest.h>

#include <cstdio>

#include "service/domain_state.hpp"
#include "service/sample_dataset.hpp"
#include "service_fixture.hpp"

namespace erde::service {
namespace {

using nlohmann::json;

using Machine = testing::DirectMachine;

json fire(const std::string& id = {}) {
  json a = {{"type", "fire"}, {"location", {{"lon", 113.27}, {"lat", 23.13}}}};
  if (!id.empty()) a["id"] = id;
  return a;
}

std::string numbered(size_t n) {
  char id[16];
  std::snprintf(id, sizeof id, "I-%06zu", n);
  return id;
}

// Submits and closes `own` (a client-chosen id) first, then enough numbered incidents that
// `own` and I-000001 are archived.
void archive_some(Machine& s, const std::string& own) {
  ASSERT_EQ(s.run("incident.submit", fire(own)), "");
  ASSERT_EQ(s.run("incident.close", {{"id", own}}), "");
  for (size_t n = 1; n <= kClosedIncidentsKept + 1; ++n) {
    ASSERT_EQ(s.run("incident.submit", fire()), "");
    ASSERT_EQ(s.run("incident.close", {{"id", numbered(n)}}), "");
  }
}

TEST(ArchivedIds, AnArchivedIdIsNotReused) {
  Machine s;
  archive_some(s, "F-ARCH");
  // Both are gone from the live picture...
  EXPECT_EQ(std::get<RequestError>(s.m.query("query.incident", {{"id", "F-ARCH"}})).code, "unknown_id");
  EXPECT_EQ(std::get<RequestError>(s.m.query("query.incident", {{"id", "I-000001"}})).code, "unknown_id");
  // ...but their ids stay taken.
  EXPECT_EQ(s.run("incident.submit", fire("F-ARCH")), "conflict");
  EXPECT_EQ(s.run("incident.submit", fire("I-000001")), "conflict");
  // An id still in the live picture is refused as before, a new one accepted.
  EXPECT_EQ(s.run("incident.submit", fire("I-000002")), "conflict");
  EXPECT_EQ(s.run("incident.submit", fire("F-NEW")), "");
}

TEST(ArchivedIds, TheCounterSkipsArchivedClientIds) {
  Machine s;
  // A client took the id the counter will reach next; it is archived before the counter gets there.
  const std::string ahead = numbered(kClosedIncidentsKept + 2);
  archive_some(s, ahead);
  std::vector<Update> u;
  ASSERT_EQ(s.run("incident.submit", fire(), &u), "");
  EXPECT_EQ(u[0].body["id"], numbered(kClosedIncidentsKept + 3));
}

TEST(ArchivedIds, RestoreKeepsThemSoRestoreAndReplayAgree) {
  Machine s;
  archive_some(s, "F-ARCH");
  const json snapshot = s.m.snapshot();
  EXPECT_EQ(snapshot["archived_incidents"], (json{"F-ARCH", "I-000001"}));
  Machine restored;
  restored.m.restore(snapshot);
  EXPECT_EQ(restored.m.snapshot(), snapshot);
  EXPECT_EQ(restored.run("incident.submit", fire("F-ARCH")), "conflict");
  EXPECT_EQ(restored.run("incident.submit", fire("I-000001")), "conflict");
  // A snapshot from before archived ids were kept still restores (with none).
  json old = snapshot;
  old.erase("archived_incidents");
  Machine older;
  older.m.restore(old);
  EXPECT_EQ(older.m.snapshot()["archived_incidents"], json::array());
}

}  // namespace
}  // namespace erde::service
