// Paged snapshots without sockets: the pages of a state in a row are exactly its entities, each
// page within its byte limit, cursors are plain topic strings; the replica's merge rule (pages
// taken at different sequence numbers, then the updates after the FIRST page's) ends in the
// exact state.
#include <gtest/gtest.h>

#include "service/domain_state.hpp"
#include "service/replica.hpp"
#include "service/sample_dataset.hpp"
#include "service/service_core.hpp"
#include "service/snapshot_pages.hpp"
#include "service_fixture.hpp"

namespace erde::service {
namespace {

using nlohmann::json;

// Every command here must apply.
struct Machine : testing::DirectMachine {
  void run(const std::string& kind, const json& args) {
    ASSERT_EQ(DirectMachine::run(kind, args), "") << kind << " " << args.dump();
  }
};

json fire_at(double lon, const std::string& description = "") {
  return {{"type", "fire"}, {"location", {{"lon", lon}, {"lat", 23.13}}}, {"description", description}};
}

// A state with every collection filled.
Machine busy_machine() {
  Machine s;
  for (int n = 0; n < 40; ++n) s.run("incident.submit", fire_at(113.2 + n * 1e-3, std::string(200, 'x')));
  s.run("incident.close", {{"id", "I-000003"}});
  s.run("closure.add", {{"reason", "flood"}, {"geometry", {{"type", "Point"}, {"coordinates", {113.27, 23.13}}}}});
  s.run("team.status", {{"team", "T-fire-1"}, {"status", "dispatched"}, {"incident", "I-000001"}});
  return s;
}

// Every page from the start, with their sizes.
std::map<std::string, json> all_pages(const StateMachine& m, size_t max_bytes, size_t& pages,
                                      size_t& largest) {
  std::map<std::string, json> out;
  std::string after;
  pages = largest = 0;
  for (;;) {
    SnapshotPage page = m.snapshot_page(after, max_bytes);
    ++pages;
    largest = std::max(largest, page.entities.size());
    json entities = json::parse(page.entities);
    EXPECT_EQ(entities.size(), page.count);
    for (auto& [topic, value] : entities.items()) {
      EXPECT_GT(topic, after) << "a page goes back";
      EXPECT_TRUE(out.emplace(topic, value).second) << topic << " on two pages";
    }
    if (!page.next) break;
    EXPECT_EQ(*page.next, std::prev(out.end())->first);
    after = *page.next;
  }
  return out;
}

TEST(SnapshotPages, PagesInARowAreTheWholeStateWithinTheLimit) {
  Machine s = busy_machine();
  const auto whole = snapshot_entities(s.m.snapshot());
  EXPECT_TRUE(whole.count("depot." + sample_dataset().depots.front().id));
  for (size_t max_bytes : {size_t(4096), size_t(20000), size_t(1) << 20}) {
    size_t pages = 0, largest = 0;
    EXPECT_EQ(all_pages(s.m, max_bytes, pages, largest), whole) << max_bytes;
    EXPECT_LE(largest, max_bytes);
    if (max_bytes == 4096) {
      EXPECT_GT(pages, 5u);
    }
    if (max_bytes == (size_t(1) << 20)) {
      EXPECT_EQ(pages, 1u);
    }
  }
}

TEST(SnapshotPages, ACursorIsAnyTopicString) {
  Machine s = busy_machine();
  const auto whole = snapshot_entities(s.m.snapshot());
  for (std::string after : {"", "a", "closure.", "closure.~", "depot", "incident.I-000002", "incident.I-0000025",
                            "plan.", "shelter.zzz", "team.T-fire-1", "team.~", "~"}) {
    json page = json::parse(s.m.snapshot_page(after, 1 << 20).entities);
    std::map<std::string, json> expected(whole.upper_bound(after), whole.end());
    std::map<std::string, json> got;
    for (auto& [topic, value] : page.items()) got[topic] = value;
    EXPECT_EQ(got, expected) << "after " << after;
  }
  // A first entity larger than the limit still goes alone on its page.
  SnapshotPage one = s.m.snapshot_page("", 10);
  EXPECT_EQ(one.count, 1u);
  EXPECT_TRUE(one.next);
}

TEST(SnapshotPages, TheGenericPagerOfAWholeSnapshotAgrees) {
  Machine s = busy_machine();
  const json state = s.m.snapshot();
  std::string after;
  for (;;) {
    SnapshotPage a = page_of_snapshot(state, after, 5000);
    SnapshotPage b = s.m.snapshot_page(after, 5000);
    EXPECT_EQ(json::parse(a.entities), json::parse(b.entities));
    EXPECT_EQ(a.next, b.next);
    if (!a.next || !b.next) break;
    after = *a.next;
  }
}

TEST(SnapshotPages, TheRequestTakesAfterAndMaxBytesAndRefusesAnythingElse) {
  ServiceCore core(busy_machine().m, nullptr, [] { return int64_t(5); }, [](const std::string&) {});
  std::vector<Published> out;
  auto ask = [&](const json& args) {
    std::string text = json{{"id", "p"}, {"kind", "snapshot"}, {"args", args}}.dump();
    return json::parse(core.handle({text}, Caller{"viewer", Role::viewer}, out));
  };
  json first = ask(json::object());
  ASSERT_TRUE(first["ok"]) << first.dump();
  EXPECT_EQ(first["id"], "p");
  EXPECT_EQ(first["result"]["seq"], first["seq"]);
  EXPECT_TRUE(first["result"]["next"].is_null());  // the sample state fits in the default page
  json small = ask({{"max_bytes", 4096}});
  ASSERT_TRUE(small["ok"]);
  ASSERT_TRUE(small["result"]["next"].is_string());
  json second = ask({{"max_bytes", 4096}, {"after", small["result"]["next"]}});
  ASSERT_TRUE(second["ok"]);
  EXPECT_GT(second["result"]["entities"].begin().key(), small["result"]["next"].get<std::string>());
  EXPECT_EQ(ask({{"max_bytes", 10}})["error"]["code"], "out_of_range");
  EXPECT_EQ(ask({{"max_bytes", "big"}})["error"]["field"], "args.max_bytes");
  EXPECT_EQ(ask({{"after", 3}})["error"]["field"], "args.after");
  EXPECT_EQ(ask({{"limit", 3}})["error"]["code"], "bad_request");
  EXPECT_TRUE(out.empty());
}

json page(uint64_t seq, const std::map<std::string, json>& entities, const json& next) {
  json e = json::object();
  for (const auto& [topic, value] : entities) e[topic] = value;
  return {{"seq", seq}, {"entities", e}, {"next", next}};
}

json value(int v) { return {{"v", v}}; }

// The rule of docs/PROTOCOL.md: pages taken at growing sequence numbers, then every update
// after the first page's, in order. Entities on later pages are newer than the first page;
// re-applying the updates between is harmless because each body is the entity's whole value.
TEST(ReplicaPages, PagesAtDifferentSequencesPlusTheUpdatesAfterTheFirstGiveTheExactState) {
  // The server's truth: seq 10 {a:1, b:1, c:1, e:1}; 11 c=2; 12 a removed; 13 d=1 (new, between
  // the pages' cursors); 14 e=2; 15 b=2.
  Replica r;
  EXPECT_FALSE(r.load_snapshot(page(10, {{"a", value(1)}, {"b", value(1)}}, "b")));
  EXPECT_TRUE(r.loading());
  EXPECT_FALSE(r.synced);
  EXPECT_EQ(r.next_after(), "b");
  // Page 2 at seq 13: c is already 2, d already exists.
  EXPECT_FALSE(r.load_snapshot(page(13, {{"c", value(2)}, {"d", value(1)}}, "d")));
  // Page 3 at seq 14: e is already 2.
  EXPECT_TRUE(r.load_snapshot(page(14, {{"e", value(2)}}, nullptr)));
  EXPECT_TRUE(r.synced);
  EXPECT_FALSE(r.loading());
  EXPECT_EQ(r.seq, 10u);  // the FIRST page's
  // The queued updates, 9 (before the first page) to 15.
  EXPECT_EQ(r.apply("a", 9, value(0).dump()), UpdateOutcome::already_seen);
  EXPECT_EQ(r.apply("c", 11, value(2).dump()), UpdateOutcome::applied);
  EXPECT_EQ(r.apply("a", 12, json{{"removed", true}}.dump()), UpdateOutcome::applied);
  EXPECT_EQ(r.apply("d", 13, value(1).dump()), UpdateOutcome::applied);
  EXPECT_EQ(r.heartbeat(13), UpdateOutcome::already_seen);
  EXPECT_EQ(r.apply("e", 14, value(2).dump()), UpdateOutcome::applied);
  EXPECT_EQ(r.apply("b", 15, value(2).dump()), UpdateOutcome::applied);
  std::map<std::string, json> truth = {{"b", value(2)}, {"c", value(2)}, {"d", value(1)}, {"e", value(2)}};
  EXPECT_EQ(r.entities, truth);
  EXPECT_EQ(r.seq, 15u);
  // A lost update is still a gap.
  EXPECT_EQ(r.apply("b", 17, value(3).dump()), UpdateOutcome::gap);
  EXPECT_FALSE(r.synced);
}

TEST(ReplicaPages, AnEntityRemovedBetweenPagesIsGoneAfterTheMerge) {
  Replica r;
  EXPECT_FALSE(r.load_snapshot(page(20, {{"a", value(1)}}, "a")));
  // z was removed at 21, before its page was taken: the page does not have it.
  EXPECT_TRUE(r.load_snapshot(page(22, {{"y", value(5)}}, nullptr)));
  EXPECT_EQ(r.apply("z", 21, json{{"removed", true}}.dump()), UpdateOutcome::applied);
  EXPECT_EQ(r.apply("y", 22, value(5).dump()), UpdateOutcome::applied);
  EXPECT_EQ(r.entities, (std::map<std::string, json>{{"a", value(1)}, {"y", value(5)}}));
}

TEST(ReplicaPages, APageOlderThanTheOneBeforeOrMalformedStartsAgain) {
  Replica r;
  EXPECT_FALSE(r.load_snapshot(page(30, {{"a", value(1)}}, "a")));
  EXPECT_FALSE(r.load_snapshot(page(12, {{"b", value(1)}}, nullptr)));  // the server went back
  EXPECT_FALSE(r.loading());
  EXPECT_FALSE(r.synced);
  EXPECT_FALSE(r.load_snapshot(page(30, {{"a", value(1)}}, "a")));
  EXPECT_FALSE(r.load_snapshot(json{{"seq", 31}, {"entities", json::array()}, {"next", nullptr}}));
  EXPECT_FALSE(r.loading());
  EXPECT_FALSE(r.load_snapshot(json{{"seq", 31}, {"entities", json::object()}}));  // no next
  // A fresh first page after restart_snapshot() forgets the pages before.
  EXPECT_FALSE(r.load_snapshot(page(40, {{"a", value(1)}}, "a")));
  r.restart_snapshot();
  EXPECT_TRUE(r.load_snapshot(page(41, {{"q", value(1)}}, nullptr)));
  EXPECT_EQ(r.seq, 41u);
  EXPECT_EQ(r.entities, (std::map<std::string, json>{{"q", value(1)}}));
}

TEST(ReplicaPages, TheWholeStateFormStillLoads) {
  Machine s = busy_machine();
  Replica r;
  ASSERT_TRUE(r.load_snapshot(json{{"seq", 7}, {"state", s.m.snapshot()}}));
  EXPECT_EQ(r.seq, 7u);
  EXPECT_EQ(r.entities, snapshot_entities(s.m.snapshot()));
}

}  // namespace
}  // namespace erde::service
