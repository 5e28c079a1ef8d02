#include "service/sample_dataset.hpp"

namespace erde::service {

Dataset sample_dataset() {
  Dataset d;
  Team fire;
  fire.id = "T-fire-1";
  fire.name = "越秀消防救援站";
  fire.kind = TeamKind::fire_rescue;
  fire.capabilities = {Capability::fire_fighting, Capability::search_rescue};
  fire.headcount = 24;
  fire.street_id = "S-01";
  fire.base = {113.2668, 23.1291};
  d.teams.push_back(fire);

  Team water = fire;
  water.id = "T-water-1";
  water.name = "水域救援队";
  water.kind = TeamKind::professional;
  water.capabilities = {Capability::water_rescue, Capability::drainage};
  water.headcount = 12;
  water.base = {113.2801, 23.1202};
  d.teams.push_back(water);

  Team street = fire;
  street.id = "T-street-1";
  street.name = "北京街兼职抢险队";
  street.kind = TeamKind::street_parttime;
  street.capabilities = {Capability::drainage};
  street.headcount = 15;
  street.base = {113.2702, 23.1250};
  d.teams.push_back(street);

  Shelter park;
  park.id = "SH-1";
  park.name = "越秀公园";
  park.setting = ShelterSetting::outdoor;
  park.effective_area_m2 = 42000;
  park.capacity = 28000;
  park.street_id = "S-01";
  park.location = {113.2679, 23.1394};
  d.shelters.push_back(park);

  Shelter school = park;
  school.id = "SH-2";
  school.name = "第十三中学体育馆";
  school.setting = ShelterSetting::indoor;
  school.effective_area_m2 = 1800;
  school.capacity = 1200;
  school.location = {113.2752, 23.1268};
  d.shelters.push_back(school);

  Depot depot;
  depot.id = "D-1";
  depot.name = "北京街储备点";
  depot.kind = DepotKind::street_reserve;
  depot.street_id = "S-01";
  depot.location = {113.2711, 23.1262};
  depot.stock = {{Material::sandbag, 500, "bag"}, {Material::pump, 4, "unit"}};
  d.depots.push_back(depot);
  return d;
}

}  // namespace erde::service
