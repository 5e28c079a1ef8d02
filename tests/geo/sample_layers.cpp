#include "sample_layers.hpp"

#include <cstdio>

namespace erde::test {

std::string box(double lon0, double lat0, double lon1, double lat1) {
  char buf[256];
  std::snprintf(buf, sizeof buf, "POLYGON ((%.9f %.9f, %.9f %.9f, %.9f %.9f, %.9f %.9f, %.9f %.9f))",
                lon0, lat0, lon1, lat0, lon1, lat1, lon0, lat1, lon0, lat0);
  return buf;
}

Layer areas_layer() {
  Layer l{"areas", 4326, wkbUnknown, {{"id"}, {"name"}, {"level"}, {"parent_id"}, {"population", OFTInteger}}, {}, {}};
  l.features = {
      {{{"id", "D1"}, {"name", "越秀区"}, {"level", "district"}, {"population", "1038000"}},
       box(113.26, 23.12, 113.28, 23.14), nullptr},
      {{{"id", "S1"}, {"name", "北京街道"}, {"level", "街道"}, {"parent_id", "D1"}},
       box(113.26, 23.12, 113.27, 23.14), nullptr},
      {{{"id", "S2"}, {"name", "人民街道"}, {"level", "street"}, {"parent_id", "D1"}, {"population", "50000"}},
       box(113.27, 23.12, 113.28, 23.14), nullptr},
  };
  return l;
}

Layer shelters_layer() {
  Layer l{"shelters", 4326, wkbUnknown,
          {{"id"}, {"name"}, {"setting"}, {"type"}, {"level"}, {"effective_area_m2", OFTReal},
           {"capacity", OFTInteger}, {"street_id"}},
          {}, {}};
  l.features = {
      {{{"id", "SH1"}, {"name", "越秀区体育馆"}, {"setting", "indoor"}, {"type", "fixed"},
        {"effective_area_m2", "2400.5"}, {"capacity", "1600"}, {"street_id", "S1"}},
       "POINT (113.265 23.125)", nullptr},
      {{{"id", "SH2"}, {"name", "越秀公园"}, {"setting", "Outdoor"}, {"type", "Fixed"},
        {"level", "district"}, {"effective_area_m2", "30000"}, {"capacity", "20000"}},
       box(113.271, 23.131, 113.273, 23.133), nullptr},
      {{{"id", "SH3"}, {"name", "人民公园"}, {"setting", "室外"}, {"type", "紧急"}, {"level", "社区"},
        {"effective_area_m2", "800"}, {"capacity", "500"}, {"street_id", "S2"}},
       "POINT (113.275 23.128)", nullptr},
  };
  return l;
}

Layer depots_layer() {
  Layer l{"depots", 4326, wkbPoint, {{"id"}, {"name"}, {"kind"}, {"street_id"}, {"stock"}}, {}, {}};
  l.features = {
      {{{"id", "DP1"}, {"name", "区救灾物资储备库"}, {"kind", "救灾物资储备库"},
        {"stock", "沙包=2000袋；水泵=4台; raincoat=300"}},
       "POINT (113.268 23.129)", nullptr},
      {{{"id", "DP2"}, {"name", "北京街储备点"}, {"kind", "street_reserve"}, {"street_id", "S1"}},
       "POINT (113.262 23.135)", nullptr},
  };
  return l;
}

Layer depot_stock_layer() {
  Layer l{"depot_stock", 0, wkbNone, {{"depot_id"}, {"material"}, {"quantity", OFTReal}, {"unit"}}, {}, {}};
  l.features = {
      {{{"depot_id", "DP1"}, {"material", "sandbag"}, {"quantity", "500"}, {"unit", "袋"}}, "", nullptr},
      {{{"depot_id", "DP2"}, {"material", "帐篷"}, {"quantity", "40"}}, "", nullptr},
  };
  return l;
}

Layer teams_layer() {
  Layer l{"teams", 4326, wkbPoint,
          {{"id"}, {"name"}, {"kind"}, {"capabilities"}, {"headcount", OFTInteger}, {"equipment"},
           {"street_id"}, {"status"}},
          {}, {}};
  l.features = {
      {{{"id", "T1"}, {"name", "越秀消防救援站"}, {"kind", "fire_rescue"},
        {"capabilities", "fire_fighting; search_rescue|high_angle"}, {"headcount", "45"},
        {"equipment", "ladder truck, pump"}},
       "POINT (113.266 23.132)", nullptr},
      {{{"id", "T2"}, {"name", "北京街道兼职抢险队"}, {"kind", "街道兼职抢险队"},
        {"capabilities", "排水、房屋抢险"}, {"headcount", "15"}, {"status", "出动"}, {"street_id", "S1"}},
       "POINT (113.263 23.127)", nullptr},
  };
  return l;
}

Layer risk_points_layer() {
  Layer l{"risk_points", 4326, wkbUnknown,
          {{"id"}, {"name"}, {"kind"}, {"level"}, {"street_id"}, {"responsible_unit"},
           {"hazard_factors"}, {"surroundings_effect"}, {"control_measures"}},
          {}, {}};
  l.features = {
      {{{"id", "R1"}, {"name", "解放路加油站"}, {"kind", "加油站"}, {"level", "橙色"},
        {"responsible_unit", "中石化"}, {"hazard_factors", "汽油"}},
       "POINT (113.269 23.136)", nullptr},
      {{{"id", "R2"}, {"name", "中山路燃气管道"}, {"kind", "gas_pipeline"}, {"level", "Yellow"}},
       "LINESTRING (113.261 23.121, 113.279 23.121)", nullptr},
  };
  return l;
}

Layer roads_layer() {
  Layer l{"roads", 4326, wkbLineString, {{"highway"}}, {}, {}};
  l.features = {{{{"highway", "primary"}}, "LINESTRING (113.26 23.13, 113.28 23.13)", nullptr}};
  return l;
}

std::vector<Layer> all_layers() {
  Layer notes{"notes", 4326, wkbPoint, {{"text"}}, {}, {}};
  notes.features = {{{{"text", "hello"}}, "POINT (113.27 23.13)", nullptr}};
  return {areas_layer(), shelters_layer(), depots_layer(), depot_stock_layer(),
          teams_layer(), risk_points_layer(), roads_layer(), notes};
}

}  // namespace erde::test
