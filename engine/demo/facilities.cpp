#include "demo/facilities.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <memory>

#include "demo/names.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

namespace erde::demo {
namespace {

std::string numbered(const char* prefix, size_t n, int width) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s%0*zu", prefix, width, n);
  return buf;
}

// Finds spots next to drivable roads inside a chosen street, away from the river and from
// facilities placed before.
class Placer {
 public:
  Placer(const Frame& frame, const MetricRoads& roads, const MetricAreas& areas, const GeosContext& geos)
      : frame_(frame), roads_(roads), geos_(geos), by_street_(areas.streets.size()) {
    std::vector<uint8_t> drivable_end(roads.nodes.size(), 0);
    for (const MetricEdge& e : roads.edges)
      if (drivable(e.road_class) && !e.tunnel && !e.bridge && e.access.empty())
        drivable_end[e.a] = drivable_end[e.b] = 1;
    for (const MetricArea& s : areas.streets) prepared_.push_back(GEOSPrepare_r(geos.handle(), s.shape.get()));
    for (uint32_t n = 0; n < roads.nodes.size(); ++n) {
      if (!drivable_end[n]) continue;
      const int s = street_of(roads.nodes[n]);
      if (s >= 0) by_street_[static_cast<size_t>(s)].push_back(n);
    }
  }
  ~Placer() {
    for (auto* p : prepared_) GEOSPreparedGeom_destroy_r(geos_.handle(), p);
  }
  Placer(const Placer&) = delete;
  Placer& operator=(const Placer&) = delete;

  int street_of(XY p) const {
    GeomPtr pt = make_point(geos_, p);
    for (size_t s = 0; s < prepared_.size(); ++s)
      if (GEOSPreparedContains_r(geos_.handle(), prepared_[s], pt.get()) == 1) return static_cast<int>(s);
    return -1;
  }

  // A point 15-30 m diagonally off a road node of `street`, at least `clear` m from water.
  XY place(int street, Rng& rng, double clear = 20, double gap = 150) {
    const auto& nodes = by_street_.at(static_cast<size_t>(street));
    if (nodes.empty()) throw Error("demo: a street has no roads");
    for (int attempt = 0; attempt < 4000; ++attempt) {
      const uint32_t n = nodes[rng.below(static_cast<uint32_t>(nodes.size()))];
      const double len = rng.uniform(15, 30) * 0.7071;
      XY p{roads_.nodes[n].x + (rng.chance(0.5) ? len : -len), roads_.nodes[n].y + (rng.chance(0.5) ? len : -len)};
      if (frame_.river.clearance(p) < clear || street_of(p) != street) continue;
      const double need = attempt < 2000 ? gap : gap / 4;
      bool far = true;
      for (XY q : used_) far = far && dist(p, q) >= need;
      if (!far) continue;
      used_.push_back(p);
      node_ = n;
      return p;
    }
    throw Error("demo: cannot place a facility in street " + std::to_string(street + 1));
  }
  // The road node the last placed point sits beside.
  uint32_t node() const { return node_; }
  // Road node nearest to `target` with a drivable road, on dry land.
  uint32_t nearest_node(XY target) const {
    uint32_t best = 0;
    double d = 1e300;
    for (const auto& list : by_street_)
      for (uint32_t n : list)
        if (dist(roads_.nodes[n], target) < d) d = dist(roads_.nodes[n], target), best = n;
    return best;
  }

 private:
  const Frame& frame_;
  const MetricRoads& roads_;
  const GeosContext& geos_;
  std::vector<const GEOSPreparedGeometry*> prepared_;
  std::vector<std::vector<uint32_t>> by_street_;
  std::vector<XY> used_;
  uint32_t node_ = 0;
};

std::vector<XY> rectangle(XY c, double w, double h) {
  return {{c.x - w / 2, c.y - h / 2}, {c.x + w / 2, c.y - h / 2}, {c.x + w / 2, c.y + h / 2}, {c.x - w / 2, c.y + h / 2}};
}

struct Ctx {
  const Frame& frame;
  const MetricRoads& roads;
  const MetricAreas& areas;
  Rng& rng;
  const GeosContext& geos;
  Placer placer;
  NamePool names;
  DemoDistrict& out;

  const std::string& street_id(int s) const { return areas.streets[static_cast<size_t>(s)].id; }
  const std::string& base(int s) const { return street_base(s); }
  LonLat ll(XY p) const { return frame.to_lonlat(p); }
};

// ---------------------------------------------------------------------------------- shelters

void add_shelters(Ctx& c) {
  constexpr std::array<int, 3> kDistrictParks{0, 7, 10};
  auto is_in = [](int s, const auto& list) { return std::find(std::begin(list), std::end(list), s) != std::end(list); };
  constexpr std::array<const char*, 5> kParkWords{"公园", "文化公园", "体育公园", "湿地公园", "中心广场"};
  auto add = [&](int s, const std::string& name, ShelterSetting setting, ShelterType type, AreaLevel level,
                 double area_m2) {
    Shelter sh;
    sh.id = numbered("HC-SH-", c.out.data.shelters.size() + 1, 2);
    sh.name = name;
    sh.setting = setting;
    sh.type = type;
    sh.level = level;
    sh.effective_area_m2 = std::round(area_m2);
    sh.capacity = static_cast<int64_t>(sh.effective_area_m2 / (setting == ShelterSetting::indoor ? 2.0 : 1.5));
    sh.street_id = c.street_id(s);
    const bool footprint = setting == ShelterSetting::outdoor && type == ShelterType::fixed;
    double w = 0, h = 0;
    if (footprint) {
      const double side = std::min(std::sqrt(area_m2 * 1.15), 280.0);
      const double aspect = c.rng.uniform(0.75, 1.33);
      w = side * aspect, h = side / aspect;
    }
    const XY p = c.placer.place(s, c.rng, 20 + std::hypot(w, h) / 2);
    sh.location = c.ll(p);
    if (footprint) sh.footprint.wkb = lonlat_wkb(c.geos, make_polygon(c.geos, rectangle(p, w, h)).get(), c.frame);
    c.out.data.shelters.push_back(std::move(sh));
  };

  for (int s = 0; s < kStreetCount; ++s) {
    const double need = 1.5 * static_cast<double>(c.areas.streets[static_cast<size_t>(s)].population);
    const bool no_indoor = is_in(s, kStreetsWithoutIndoorShelter);
    double total = need * c.rng.uniform(1.08, 1.45);
    if (s == kStreetShortOfShelterArea) total = need * 0.56;
    if (is_in(s, kDistrictParks)) total = need * c.rng.uniform(1.9, 2.4);
    const double indoor = no_indoor ? 0 : c.rng.uniform(2500, 7500);
    const double extra = s == 3 ? c.rng.uniform(6000, 9000) : 0;
    const double outdoor = total - indoor - extra;
    if (is_in(s, kDistrictParks))
      add(s, c.base(s) + "中央公园应急避难场所", ShelterSetting::outdoor, ShelterType::fixed, AreaLevel::district, outdoor);
    else
      add(s, c.base(s) + kParkWords[c.rng.below(kParkWords.size())] + "应急避难场所", ShelterSetting::outdoor,
          ShelterType::fixed, AreaLevel::street, outdoor);
    if (!no_indoor) {
      if (s % 2 == 0)
        add(s, c.base(s) + "中学体育馆室内应急避难场所", ShelterSetting::indoor, ShelterType::fixed, AreaLevel::street,
            indoor);
      else
        add(s, c.base(s) + "街道社区服务中心室内避难点", ShelterSetting::indoor, ShelterType::emergency,
            AreaLevel::community, indoor);
    }
    if (extra > 0)
      add(s, c.base(s) + "文化广场紧急避难场所", ShelterSetting::outdoor, ShelterType::emergency, AreaLevel::community,
          extra);
  }
}

// ---------------------------------------------------------------------------------- depots

struct StockRange {
  Material material;
  int lo, hi;
};

std::string stock_text(Ctx& c, const std::vector<StockRange>& items, std::vector<DepotStockRow>* rows,
                       const std::string& depot_id) {
  std::string text;
  for (const StockRange& item : items) {
    const int q = c.rng.between(item.lo, item.hi);
    const std::string unit(default_unit(item.material));
    if (rows) {
      rows->push_back({depot_id, item.material, static_cast<double>(q), unit});
      continue;
    }
    if (!text.empty()) text += "; ";
    text += std::string(to_string(item.material)) + "=" + std::to_string(q) + " " + unit;
  }
  return text;
}

void add_depot(Ctx& c, int street, DepotKind kind, const std::string& name, const std::vector<StockRange>& field,
               const std::vector<StockRange>& table) {
  Depot d;
  d.id = numbered("HC-DP-", c.out.data.depots.size() + 1, 2);
  d.name = name;
  d.kind = kind;
  d.street_id = c.street_id(street);
  d.location = c.ll(c.placer.place(street, c.rng));
  const std::string text = stock_text(c, field, nullptr, d.id);
  stock_text(c, table, &c.out.depot_stock, d.id);
  // The model keeps parsed stock; the writer formats it back, so parse our own text here.
  for (const std::string& part : split(text, ';')) {
    const auto eq = part.find('=');
    if (eq == std::string::npos) continue;
    StockItem item;
    item.material = parse_enum_or_throw<Material>(trim(std::string_view(part).substr(0, eq)));
    const std::string rest(trim(std::string_view(part).substr(eq + 1)));
    item.quantity = std::stod(rest);
    item.unit = rest.substr(rest.find(' ') + 1);
    d.stock.push_back(item);
  }
  c.out.data.depots.push_back(std::move(d));
}

void add_depots(Ctx& c) {
  using M = Material;
  add_depot(c, 9, DepotKind::district_depot, "花城区救灾物资储备库",
            {{M::tent, 150, 250}, {M::quilt, 400, 600}, {M::folding_bed, 250, 350}, {M::drinking_water, 4000, 6000},
             {M::instant_food, 600, 900}, {M::sandbag, 4000, 6000}, {M::expanding_bag, 1000, 1500},
             {M::water_barrier, 200, 300}, {M::pump, 15, 25}, {M::generator, 8, 12}, {M::lighting, 40, 60},
             {M::raincoat, 500, 800}, {M::rain_boots, 400, 600}, {M::life_jacket, 150, 250}},
            {{M::drone, 3, 5}, {M::rescue_boat, 3, 5}, {M::comms, 15, 25}, {M::lifebuoy, 40, 60}, {M::chainsaw, 8, 12}});
  for (int s = 0; s < kStreetCount; ++s)
    add_depot(c, s, DepotKind::street_reserve, c.base(s) + "街道应急物资储备点",
              {{M::sandbag, 300, 800}, {M::expanding_bag, 100, 300}, {M::water_barrier, 20, 60}, {M::pump, 2, 6},
               {M::raincoat, 50, 150}, {M::rain_boots, 30, 100}, {M::lighting, 5, 15}, {M::generator, 1, 3},
               {M::life_jacket, 20, 50}, {M::first_aid_kit, 10, 30}},
              {});
  add_depot(c, 4, DepotKind::enterprise, "花城燃气有限公司应急物资仓库", {},
            {{M::gas_detector, 15, 25}, {M::protective_suit, 30, 50}, {M::absorbent, 300, 600}, {M::generator, 2, 4}});
  add_depot(c, 13, DepotKind::enterprise, c.names.draw(c.rng) + "建设集团应急抢险物资仓库",
            {{M::excavator, 2, 4}, {M::sandbag, 2000, 3000}, {M::pump, 6, 10}, {M::chainsaw, 4, 8}, {M::fuel, 800, 1500}},
            {});
  add_depot(c, 1, DepotKind::social, "花城区红十字会备灾仓库",
            {{M::tent, 40, 80}, {M::quilt, 200, 300}, {M::first_aid_kit, 100, 200}, {M::drinking_water, 1000, 2000}}, {});
  add_depot(c, 16, DepotKind::social, c.names.draw(c.rng) + "超市生活物资协议储备点", {},
            {{M::drinking_water, 3000, 5000}, {M::instant_food, 500, 800}, {M::raincoat, 200, 300}});
}

// ---------------------------------------------------------------------------------- teams

void add_team(Ctx& c, XY p, TeamKind kind, const std::string& name, std::vector<Capability> caps, int headcount,
              const std::string& equipment) {
  Team t;
  t.id = numbered("HC-TM-", c.out.data.teams.size() + 1, 2);
  t.name = name;
  t.kind = kind;
  t.capabilities = std::move(caps);
  t.headcount = headcount;
  t.equipment = split(equipment, ';');
  const int s = c.placer.street_of(p);
  t.street_id = s >= 0 ? c.street_id(s) : "";
  t.base = c.ll(p);
  c.out.data.teams.push_back(std::move(t));
}

void add_teams(Ctx& c) {
  using C = Capability;
  struct Pro {
    const char* name;
    std::vector<Capability> caps;
    int headcount;
    const char* equipment;
  };
  const std::vector<Pro> pros{
      {"花城区危险化学品应急救援队", {C::hazmat, C::search_rescue}, 62, "防化服;气体检测仪;堵漏工具;洗消设备"},
      {"花城区水域救援队", {C::water_rescue, C::search_rescue}, 58, "冲锋舟;救生衣;抛投器;潜水装备"},
      {"花城区防汛排水抢险队", {C::drainage}, 75, "大功率水泵;移动泵车;沙包;发电机"},
      {"花城区房屋安全应急抢险队", {C::building_collapse, C::search_rescue}, 56, "液压破拆工具;支撑设备;生命探测仪"},
      {"花城区燃气抢险队", {C::gas}, 52, "燃气检测仪;防爆工具;堵漏器材"},
      {"花城区电力抢修队", {C::power}, 48, "应急发电车;绝缘工具;照明设备"},
      {"花城区医疗卫生应急救援队", {C::medical}, 55, "救护车;急救包;担架;移动医疗单元"},
      {"花城区交通应急保障队", {C::traffic}, 46, "清障车;交通锥;警示灯;拖车"},
  };
  for (size_t k = 0; k < pros.size(); ++k) {
    const int s = static_cast<int>((k * 7 + 2) % kStreetCount);
    add_team(c, c.placer.place(s, c.rng), TeamKind::professional, pros[k].name, pros[k].caps, pros[k].headcount,
             pros[k].equipment);
  }
  for (int s = 0; s < kStreetCount; ++s)
    add_team(c, c.placer.place(s, c.rng), TeamKind::street_parttime, c.base(s) + "街道兼职应急抢险队",
             {C::drainage, C::search_rescue, C::building_collapse}, 15, "水泵;沙包;雨衣;照明灯;铁锹");

  // Fire and rescue stations spread over the district, one south of the river.
  const std::array<XY, 4> targets{XY{-1700, 1300}, XY{1700, 1300}, XY{-300, -150}, XY{800, -2050}};
  const std::array<const char*, 4> station{"北山", "东湖", "中心", "南岸"};
  const std::array<int, 4> crew{40, 36, 44, 38};
  for (size_t k = 0; k < targets.size(); ++k) {
    const uint32_t n = c.placer.nearest_node(targets[k]);
    const XY p{c.roads.nodes[n].x + 14, c.roads.nodes[n].y + 14};
    std::vector<Capability> caps{C::fire_fighting, C::search_rescue, C::high_angle};
    if (k == 2) caps.push_back(C::hazmat);
    if (k == 3) caps.push_back(C::water_rescue);
    add_team(c, p, TeamKind::fire_rescue, std::string("花城区消防救援大队") + station[k] + "消防救援站", caps, crew[k],
             "水罐消防车;泡沫消防车;登高平台消防车;抢险救援车;破拆工具");
  }
  // Micro fire stations in the urban villages first, then in old estates.
  for (int k = 0; k < 6; ++k) {
    XY p;
    if (static_cast<size_t>(k) < c.frame.villages.size()) {
      const uint32_t n = c.placer.nearest_node(c.frame.villages[static_cast<size_t>(k)].centre);
      p = {c.roads.nodes[n].x - 12, c.roads.nodes[n].y + 12};
    } else {
      p = c.placer.place(static_cast<int>(c.rng.below(kStreetCount)), c.rng);
    }
    add_team(c, p, TeamKind::micro_fire_station, c.names.draw(c.rng) + "社区微型消防站", {C::fire_fighting},
             c.rng.between(6, 9), "手抬机动泵;灭火器;水带;空气呼吸器");
  }
}

// ---------------------------------------------------------------------------------- risk points

struct Dossier {
  const char* unit;     // empty: the street office
  const char* hazards;
  const char* effect;
  const char* measures;
};

Dossier dossier(RiskKind k) {
  switch (k) {
    case RiskKind::hazchem_enterprise:
      return {"", "储存易燃易爆及有毒化学品，存在泄漏、火灾、爆炸风险", "泄漏扩散可能影响周边500米范围居民区",
              "落实企业主体责任，定期隐患排查，配备应急物资和专职救援人员"};
    case RiskKind::petrol_station:
      return {"", "汽油柴油储罐及加油作业，存在火灾爆炸风险", "毗邻主干道和居民楼，事故可能造成交通中断",
              "严格动火作业审批，油气回收设施定期检测，夜间加强巡查"};
    case RiskKind::gas_station:
      return {"", "压缩天然气高压储存，存在泄漏和爆炸风险", "影响周边道路通行和加气车辆",
              "储气设施定期检验，安装可燃气体报警装置"};
    case RiskKind::lpg_station:
      return {"花城燃气有限公司", "液化石油气储罐及灌装作业，存在泄漏、火灾、爆炸风险",
              "一旦爆炸可能波及周边居民区和学校", "实行重点监管，储罐区视频监控和泄漏报警联网，每季度开展应急演练"};
    case RiskKind::urban_village:
      return {"", "建筑密集、巷道狭窄、电线私拉乱接，火灾易蔓延", "消防车难以进入，人员疏散困难",
              "设置微型消防站，清理通道，开展用电安全专项整治"};
    case RiskKind::high_rise:
      return {"", "高层建筑火灾扑救难度大，竖向蔓延快", "人员疏散时间长，可能造成重大伤亡",
              "落实消防设施维护保养，定期组织疏散演练"};
    case RiskKind::underground_space:
      return {"", "地下空间通风排烟困难，暴雨时易倒灌", "人员疏散和救援困难",
              "汛期设置挡水设施，保持疏散通道畅通"};
    case RiskKind::crowded_place:
      return {"", "人员高度密集，存在拥挤踩踏和火灾风险", "事故可能造成群死群伤并影响周边交通",
              "大型活动实行安全评估和人流管控，落实应急预案"};
    case RiskKind::nine_small_places:
      return {"", "小型经营场所用火用电不规范，消防设施不足", "可能引燃相邻住宅",
              "开展九小场所消防安全检查，配备灭火器和应急照明"};
    case RiskKind::old_estate:
      return {"", "建筑老化，消防设施缺失，电线老化", "影响居民生命财产安全",
              "纳入老旧小区改造计划，加强网格巡查"};
    case RiskKind::dilapidated_housing:
      return {"花城区住房和建设局", "房屋结构老化，台风暴雨期间存在倒塌风险", "可能危及住户及行人安全",
              "实行危房动态监测，险情预警时及时转移住户"};
    case RiskKind::waterlogging_point:
      return {"花城区水务局", "地势低洼，排水能力不足，暴雨时积水深度可超过40厘米", "车辆涉水熄火、行人触电溺水风险",
              "汛期预置抽水泵和沙包，设置积水警示和交通管制"};
    case RiskKind::geohazard_point:
      return {"花城区规划和自然资源局", "边坡土质松散，强降雨时存在崩塌滑坡风险", "坡脚居民房屋及道路受威胁",
              "设置位移监测和群测群防员，暴雨预警时提前转移人员"};
    case RiskKind::deep_foundation_pit:
      return {"", "深基坑开挖支护，存在坍塌和周边地面沉降风险", "影响周边建筑和地下管线",
              "实施第三方监测，雨季加强巡查和排水"};
    case RiskKind::gas_pipeline:
      return {"花城燃气有限公司", "中压燃气管道，存在第三方施工破坏和泄漏风险", "泄漏可能引发爆炸，影响沿线居民",
              "管道沿线设置警示标志，施工前管线交底，定期巡线检测"};
  }
  return {"", "", "", ""};
}

struct RiskSpec {
  RiskKind kind;
  RiskLevel level;
  int count;
};

std::string risk_name(Ctx& c, RiskKind k, uint32_t node, int serial) {
  const std::string& road = c.roads.node_road[node];
  const std::string pool = c.names.draw(c.rng);
  switch (k) {
    case RiskKind::hazchem_enterprise:
      return "花城" + pool + (serial % 2 ? "化工有限公司" : "化学试剂仓储有限公司");
    case RiskKind::petrol_station: return road + "加油站";
    case RiskKind::gas_station: return road + "CNG加气站";
    case RiskKind::lpg_station: return "花城液化石油气储配站";
    case RiskKind::urban_village: return pool + "村";
    case RiskKind::high_rise: return pool + "大厦";
    case RiskKind::underground_space: return serial % 2 ? road + "地下商业街" : pool + "地下停车场";
    case RiskKind::crowded_place: {
      static constexpr std::array<const char*, 5> kinds{"广场购物中心", "医院", "体育馆", "汽车客运站", "专业批发市场"};
      return pool + kinds[static_cast<size_t>(serial) % kinds.size()];
    }
    case RiskKind::nine_small_places: {
      static constexpr std::array<const char*, 4> kinds{"旅馆", "网吧", "小餐饮店", "小商铺"};
      return road + pool + kinds[static_cast<size_t>(serial) % kinds.size()];
    }
    case RiskKind::old_estate: return pool + "新村（老旧小区）";
    case RiskKind::dilapidated_housing: return road + std::to_string(c.rng.between(1, 200)) + "号危房";
    case RiskKind::waterlogging_point: return road + "低洼路段内涝点";
    case RiskKind::geohazard_point: return pool + "山边坡地质灾害隐患点";
    case RiskKind::deep_foundation_pit: return pool + "项目深基坑";
    case RiskKind::gas_pipeline: return road + "中压燃气管道";
  }
  return pool;
}

// A chain of up to four road segments following one named drivable road from a random start.
std::vector<XY> along_road(Ctx& c) {
  const auto& edges = c.roads.edges;
  for (int attempt = 0; attempt < 1000; ++attempt) {
    const MetricEdge& start = edges[c.rng.below(static_cast<uint32_t>(edges.size()))];
    if (start.road_class != RoadClass::tertiary || start.bend != 0) continue;
    std::vector<XY> pts{c.roads.nodes[start.a], c.roads.nodes[start.b]};
    uint32_t at = start.b, prev = start.a;
    for (int step = 0; step < 3; ++step) {
      bool moved = false;
      for (const MetricEdge& e : edges) {
        if (e.name != start.name || e.tunnel || e.bridge || e.bend != 0) continue;
        const uint32_t next = e.a == at ? e.b : e.b == at ? e.a : UINT32_MAX;
        if (next == UINT32_MAX || next == prev) continue;
        pts.push_back(c.roads.nodes[next]);
        prev = at, at = next, moved = true;
        break;
      }
      if (!moved) break;
    }
    bool dry = true;
    for (XY p : pts) dry = dry && c.frame.river.clearance(p) > 20 && c.placer.street_of(p) >= 0;
    if (!dry) continue;
    for (XY& p : pts) p.y += 3;  // under the pavement beside the carriageway
    return pts;
  }
  throw Error("demo: no road for a pipeline");
}

void add_risk_points(Ctx& c) {
  using K = RiskKind;
  using L = RiskLevel;
  const std::vector<RiskSpec> specs{
      {K::lpg_station, L::orange, 1},        {K::waterlogging_point, L::yellow, 3}, {K::geohazard_point, L::yellow, 1},
      {K::petrol_station, L::yellow, 4},     {K::hazchem_enterprise, L::yellow, 3}, {K::urban_village, L::yellow, 4},
      {K::high_rise, L::yellow, 3},          {K::crowded_place, L::yellow, 3},      {K::petrol_station, L::blue, 4},
      {K::gas_station, L::blue, 1},          {K::hazchem_enterprise, L::blue, 2},   {K::urban_village, L::blue, 2},
      {K::high_rise, L::blue, 22},           {K::underground_space, L::blue, 8},    {K::crowded_place, L::blue, 22},
      {K::nine_small_places, L::blue, 24},   {K::old_estate, L::blue, 24},          {K::dilapidated_housing, L::blue, 8},
      {K::deep_foundation_pit, L::blue, 4},  {K::gas_pipeline, L::blue, 3},
  };
  int village = 0, waterlogging = 0;
  for (const RiskSpec& spec : specs) {
    for (int k = 0; k < spec.count; ++k) {
      RiskPoint r;
      r.id = numbered("HC-RP-", c.out.data.risk_points.size() + 1, 3);
      r.kind = spec.kind;
      r.level = spec.level;
      XY p;
      uint32_t node = 0;
      GeomPtr shape;
      if (spec.kind == K::urban_village && static_cast<size_t>(village) < c.frame.villages.size()) {
        const Zone& z = c.frame.villages[static_cast<size_t>(village++)];
        node = c.placer.nearest_node(z.centre);
        p = {c.roads.nodes[node].x + 10, c.roads.nodes[node].y - 10};
        std::vector<XY> ring;
        for (int v = 0; v < 10; ++v) {
          const double t = 2 * 3.141592653589793 * v / 10;
          const double rad = z.radius * c.rng.uniform(0.85, 1.05);
          ring.push_back({z.centre.x + rad * std::cos(t), z.centre.y + rad * std::sin(t)});
        }
        shape = make_polygon(c.geos, ring);
      } else if (spec.kind == K::waterlogging_point) {
        // One at the arterial underpass, the others on low roads near the river.
        if (waterlogging++ == 0 && !c.roads.tunnel_nodes.empty()) {
          node = c.roads.tunnel_nodes.front();
        } else {
          for (int attempt = 0;; ++attempt) {
            node = c.rng.below(static_cast<uint32_t>(c.roads.nodes.size()));
            const double clear = c.frame.river.clearance(c.roads.nodes[node]);
            if (!c.roads.node_road[node].empty() && clear > 25 && clear < 160 &&
                c.placer.street_of(c.roads.nodes[node]) >= 0)
              break;
            if (attempt > 100000) throw Error("demo: no place for a waterlogging point");
          }
        }
        p = {c.roads.nodes[node].x + 2, c.roads.nodes[node].y + 2};
      } else if (spec.kind == K::geohazard_point) {
        node = c.placer.nearest_node({0, 4000});  // the hilly north edge
        p = {c.roads.nodes[node].x + 20, c.roads.nodes[node].y + 20};
      } else if (spec.kind == K::gas_pipeline) {
        std::vector<XY> pts = along_road(c);
        p = pts[pts.size() / 2];
        node = c.placer.nearest_node(p);
        shape = make_line(c.geos, pts);
      } else {
        p = c.placer.place(static_cast<int>(c.rng.below(kStreetCount)), c.rng, 20, 60);
        node = c.placer.node();
        if (spec.kind == K::deep_foundation_pit) shape = make_polygon(c.geos, rectangle(p, 60, 40));
      }
      r.name = risk_name(c, spec.kind, node, k);
      if (r.name.empty() || c.roads.node_road[node].empty()) r.name = c.names.draw(c.rng) + r.name;
      const int s = c.placer.street_of(p);
      r.street_id = s >= 0 ? c.street_id(s) : "";
      const Dossier d = dossier(spec.kind);
      r.responsible_unit = *d.unit ? d.unit : (s >= 0 ? c.base(s) + "街道办事处" : "花城区应急管理局");
      if (spec.kind == K::hazchem_enterprise || spec.kind == K::petrol_station || spec.kind == K::gas_station ||
          spec.kind == K::high_rise || spec.kind == K::crowded_place)
        r.responsible_unit = r.name + "（主体责任单位）";
      r.hazard_factors = d.hazards;
      r.surroundings_effect = d.effect;
      r.control_measures = d.measures;
      r.location = c.ll(p);
      if (shape) r.shape.wkb = lonlat_wkb(c.geos, shape.get(), c.frame);
      c.out.data.risk_points.push_back(std::move(r));
    }
  }
}

}  // namespace

void add_facilities(const Frame& frame, const MetricRoads& roads, const MetricAreas& areas, Rng& rng,
                    const GeosContext& geos, DemoDistrict& out) {
  Ctx c{frame, roads, areas, rng, geos, Placer(frame, roads, areas, geos), NamePool{}, out};
  add_shelters(c);
  add_depots(c);
  add_teams(c);
  add_risk_points(c);
}

}  // namespace erde::demo
