// Mutual-aid requests (增援请求): every unmet need of a plan, and nothing else, goes to the
// contact the response plans name for it (or the default), one request per recipient.
#include <gtest/gtest.h>

#include "dispatch/mutual_aid.hpp"
#include "geo/load.hpp"

namespace erde {
namespace {

using C = Capability;

MutualAidContacts contacts() {
  MutualAidContacts c;
  c.fallback = MutualAidContact{"city centre", "12350"};
  c.teams = {{C::water_rescue, {"fire command", "119"}}};
  c.materials = {{Material::sandbag, {"flood depot", ""}}};
  return c;
}

TEST(MutualAid, EachUnmetNeedGoesToItsContactGroupedByRecipient) {
  TeamSelection teams;
  teams.shortfall = {{C::medical, 1, "every team with capability medical is busy"},
                     {C::water_rescue, 2, "not enough available teams with capability water_rescue"}};
  MaterialPlan materials;
  materials.shortfall = {{Material::sandbag, 500}, {Material::pump, 2}};
  EvacuationPlan evacuation;
  evacuation.unplaced_total = 120;
  const std::vector<MutualAidRequest> r = mutual_aid_requests(contacts(), teams, materials, evacuation);
  ASSERT_EQ(r.size(), 3u);
  // The default recipient first: its first need (medical) comes first.
  ASSERT_TRUE(r[0].to);
  EXPECT_EQ(r[0].to->to, "city centre");
  ASSERT_EQ(r[0].needs.size(), 3u);  // medical, pump (no own contact), shelter places (no own contact)
  EXPECT_EQ(r[0].needs[0].capability, C::medical);
  EXPECT_EQ(r[0].needs[0].missing, 1);
  EXPECT_EQ(r[0].needs[0].reason, "every team with capability medical is busy");
  EXPECT_EQ(r[0].needs[1].kind, AidNeed::Kind::material);
  EXPECT_EQ(r[0].needs[1].material, Material::pump);
  EXPECT_EQ(r[0].needs[2].kind, AidNeed::Kind::shelter_places);
  EXPECT_EQ(r[0].needs[2].missing, 120);
  EXPECT_EQ(r[1].to->to, "fire command");
  ASSERT_EQ(r[1].needs.size(), 1u);
  EXPECT_EQ(r[1].needs[0].capability, C::water_rescue);
  EXPECT_EQ(r[1].needs[0].missing, 2);
  EXPECT_EQ(r[2].to->to, "flood depot");
  EXPECT_EQ(r[2].needs[0].missing, 500);
}

TEST(MutualAid, NothingUnmetAsksForNothingAndNoContactsStillListTheNeeds) {
  const TeamSelection met;
  const MaterialPlan stocked;
  EvacuationPlan placed;
  EXPECT_TRUE(mutual_aid_requests(contacts(), met, stocked, placed).empty());
  EXPECT_TRUE(mutual_aid_requests(contacts(), met, stocked, std::nullopt).empty());
  TeamSelection short_one;
  short_one.shortfall = {{C::gas, 1, "no team has capability gas"}};
  const std::vector<MutualAidRequest> r = mutual_aid_requests({}, short_one, stocked, std::nullopt);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_FALSE(r[0].to);
  ASSERT_EQ(r[0].needs.size(), 1u);
  EXPECT_EQ(r[0].needs[0].capability, C::gas);
}

TEST(MutualAid, TheAreasHoldingAPointAreItsChainOfParents) {
  LoadOptions options;
  options.progress = false;
  const Dataset data = load_sources({std::string(ERDE_SOURCE_DIR) + "/geodata/demo/demo.gpkg"}, options).data;
  size_t checked = 0;
  for (const AdminArea& community : data.areas) {
    if (community.level != AreaLevel::community || checked >= 40) continue;
    ++checked;
    const std::vector<AreaName> chain = areas_holding(data.areas, community.centroid);
    // district, its street, the community: each the parent of the next.
    ASSERT_EQ(chain.size(), 3u) << community.id;
    EXPECT_EQ(chain[2].id, community.id);
    EXPECT_EQ(chain[1].id, community.parent_id);
    EXPECT_EQ(chain[0].level, AreaLevel::district);
  }
  EXPECT_EQ(checked, 40u);
  EXPECT_TRUE(areas_holding(data.areas, {0, 0}).empty());
}

}  // namespace
}  // namespace erde
