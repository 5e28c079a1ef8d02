#include <random>

#include <gtest/gtest.h>

#include "dispatch/materials.hpp"
#include "fixtures.hpp"

namespace erde {
namespace {

using test::depot;
using M = Material;

std::vector<Depot> three_depots() {
  return {depot("D_far", {{M::sandbag, 5000, "bag"}, {M::pump, 10, "piece"}}),
          depot("D_near", {{M::sandbag, 300, "bag"}, {M::sandbag, 100, "bag"}}),  // two stock lines
          depot("D_mid", {{M::sandbag, 500, "bag"}, {M::pump, 2, "piece"}})};
}
const std::vector<double> kEta = {1800, 300, 900};

TEST(Materials, NearestDepotFirstSplittingWhenShort) {
  auto depots = three_depots();
  Reservations ledger;
  std::vector<MaterialRequirement> need = {{M::sandbag, 1000}, {M::pump, 4}};
  MaterialPlan p = plan_materials(depots, kEta, need, ledger);
  ASSERT_EQ(p.picks.size(), 5u);
  EXPECT_EQ(p.picks[0].depot_id, "D_near");
  EXPECT_EQ(p.picks[0].quantity, 400);
  EXPECT_EQ(p.picks[1].depot_id, "D_mid");
  EXPECT_EQ(p.picks[1].quantity, 500);
  EXPECT_EQ(p.picks[2].depot_id, "D_far");
  EXPECT_EQ(p.picks[2].quantity, 100);
  EXPECT_EQ(p.picks[3].material, M::pump);
  EXPECT_EQ(p.picks[3].depot_id, "D_mid");
  EXPECT_EQ(p.picks[3].quantity, 2);
  EXPECT_EQ(p.picks[4].depot_id, "D_far");
  EXPECT_EQ(p.picks[4].quantity, 2);
  EXPECT_TRUE(p.complete());
  EXPECT_EQ(p.ready_eta_s, 1800);
}

TEST(Materials, ReservationsStopASecondIncidentFromGettingTheSameSandbags) {
  auto depots = three_depots();
  Reservations ledger;
  // Incident A takes 5500 of the 5900 sandbags.
  MaterialPlan a = plan_materials(depots, kEta, std::vector<MaterialRequirement>{{M::sandbag, 5500}}, ledger);
  EXPECT_TRUE(a.complete());
  hold_materials(ledger, "A", a);
  EXPECT_EQ(free_stock(depots[0], M::sandbag, ledger), 400);
  EXPECT_EQ(free_stock(depots[1], M::sandbag, ledger), 0);
  EXPECT_EQ(free_stock(depots[2], M::sandbag, ledger), 0);

  // Incident B, nearer to the far depot, wants 900: gets the 400 left, 500 short.
  std::vector<double> eta_b = {120, 600, 700};
  MaterialPlan b = plan_materials(depots, eta_b, std::vector<MaterialRequirement>{{M::sandbag, 900}}, ledger);
  ASSERT_EQ(b.picks.size(), 1u);
  EXPECT_EQ(b.picks[0].depot_id, "D_far");
  EXPECT_EQ(b.picks[0].quantity, 400);
  ASSERT_EQ(b.shortfall.size(), 1u);
  EXPECT_EQ(b.shortfall[0].material, M::sandbag);
  EXPECT_EQ(b.shortfall[0].missing, 500);
  hold_materials(ledger, "B", b);

  // Closing A gives its sandbags back; B's hold stays.
  EXPECT_TRUE(ledger.release("A"));
  EXPECT_FALSE(ledger.release("A"));
  EXPECT_EQ(free_stock(depots[0], M::sandbag, ledger), 4600);
  EXPECT_EQ(free_stock(depots[1], M::sandbag, ledger), 400);
  EXPECT_EQ(free_stock(depots[2], M::sandbag, ledger), 500);
}

TEST(Materials, UnreachableDepotsAndMissingItemsAreShortfall) {
  auto depots = three_depots();
  Reservations ledger;
  std::vector<double> eta = {kNoRoute, 300, kNoRoute};
  MaterialPlan p = plan_materials(depots, eta, std::vector<MaterialRequirement>{{M::pump, 1}, {M::tent, 20}}, ledger);
  EXPECT_TRUE(p.picks.empty());
  ASSERT_EQ(p.shortfall.size(), 2u);
  EXPECT_EQ(p.shortfall[0].material, M::pump);
  EXPECT_EQ(p.shortfall[0].missing, 1);
  EXPECT_EQ(p.shortfall[1].material, M::tent);
  EXPECT_EQ(p.shortfall[1].missing, 20);
}

TEST(Materials, EqualTravelTimesBreakTiesByDepotId) {
  std::vector<Depot> depots = {depot("B", {{M::pump, 5, ""}}), depot("A", {{M::pump, 5, ""}})};
  Reservations ledger;
  MaterialPlan p = plan_materials(depots, std::vector<double>{60, 60}, std::vector<MaterialRequirement>{{M::pump, 3}}, ledger);
  ASSERT_EQ(p.picks.size(), 1u);
  EXPECT_EQ(p.picks[0].depot_id, "A");
}

TEST(Materials, LedgerTotalsEqualTheSumOverIncidentsThroughHoldsAndReleases) {
  Reservations ledger;
  std::mt19937 rng(7);
  const std::vector<std::string> incidents = {"A", "B", "C", "D"}, depots = {"D1", "D2"}, shelters = {"S1", "S2", "S3"};
  const Material kinds[] = {Material::sandbag, Material::pump};
  auto pick = [&rng](const auto& v) { return v[rng() % v.size()]; };
  for (int step = 0; step < 2000; ++step) {
    switch (rng() % 3) {
      case 0: ledger.hold_material(pick(incidents), pick(depots), kinds[rng() % 2], 0.1 * double(rng() % 50)); break;
      case 1: ledger.hold_places(pick(incidents), pick(shelters), int64_t(rng() % 300)); break;
      default: ledger.release(pick(incidents));
    }
    for (const auto& d : depots)
      for (Material m : kinds) {
        double sum = 0;
        for (const auto& [incident, holds] : ledger.materials)
          if (auto it = holds.find({d, m}); it != holds.end()) sum += it->second;
        ASSERT_NEAR(ledger.held(d, m), sum, 1e-6) << "step " << step;
      }
    for (const auto& sh : shelters) {
      int64_t sum = 0;
      for (const auto& [incident, holds] : ledger.shelter_places)
        if (auto it = holds.find(sh); it != holds.end()) sum += it->second;
      ASSERT_EQ(ledger.placed(sh), sum) << "step " << step;
    }
  }
  for (const auto& i : incidents) ledger.release(i);
  EXPECT_TRUE(ledger.held_total.empty());
  EXPECT_TRUE(ledger.placed_total.empty());
}

}  // namespace
}  // namespace erde
