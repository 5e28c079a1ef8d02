#pragma once
// The domain vocabulary from the district plans (see ../shared/brief/DOMAIN.md): every kind,
// level and status as an enum with its English name and Chinese term.
#include <cstdint>

#include "model/enum_table.hpp"

namespace erde {

enum class AreaLevel : uint8_t { district, street, community, grid };
enum class ShelterSetting : uint8_t { indoor, outdoor };
enum class ShelterType : uint8_t { fixed, emergency };
enum class DepotKind : uint8_t { district_depot, street_reserve, enterprise, social };
enum class TeamKind : uint8_t {
  fire_rescue, professional, street_parttime, enterprise, volunteer, micro_fire_station
};
enum class Capability : uint8_t {
  fire_fighting, hazmat, water_rescue, drainage, building_collapse, gas, power, medical,
  traffic, search_rescue, geological, high_angle
};
enum class TeamStatus : uint8_t { available, dispatched, on_scene, returning, off_duty };
enum class RiskKind : uint8_t {
  hazchem_enterprise, petrol_station, gas_station, lpg_station, urban_village, high_rise,
  underground_space, crowded_place, nine_small_places, old_estate, dilapidated_housing,
  waterlogging_point, geohazard_point, deep_foundation_pit, gas_pipeline
};
enum class RiskLevel : uint8_t { red, orange, yellow, blue };  // red is the highest
enum class IncidentType : uint8_t {
  fire, waterlogging, typhoon_rainstorm, hazchem_leak, building_collapse, gas_explosion,
  geological_hazard, traffic_accident, lift_entrapment, power_outage, crowd_stampede, drowning,
  forest_fire
};
enum class Severity : uint8_t { general, large, major, especially_major };
enum class ClosureCause : uint8_t { waterlogging, bridge_collapse, collapse, hazmat_cordon, other };
enum class MaterialCategory : uint8_t {
  fuel, engineering_machinery, building_materials, protective_gear, life_rescue, site_lighting,
  living_supplies, hazmat_handling
};
enum class Material : uint8_t {
  tent, raincoat, rain_boots, sandbag, expanding_bag, water_barrier, pump, chainsaw, lighting,
  generator, comms, drone, life_jacket, lifebuoy, rescue_boat, quilt, drinking_water,
  instant_food, fuel, excavator, protective_suit, gas_detector, absorbent, first_aid_kit,
  folding_bed
};

MaterialCategory category_of(Material m);
std::string_view default_unit(Material m);

template <> struct EnumTable<AreaLevel> {
  static constexpr std::string_view label = "area level";
  static constexpr std::array<EnumEntry<AreaLevel>, 4> entries{{
      {AreaLevel::district, "district", "区", "county", "县"},
      {AreaLevel::street, "street", "街道", "town", "镇"},
      {AreaLevel::community, "community", "社区", "village", "村"},
      {AreaLevel::grid, "grid", "网格"},
  }};
};

template <> struct EnumTable<ShelterSetting> {
  static constexpr std::string_view label = "shelter setting";
  static constexpr std::array<EnumEntry<ShelterSetting>, 2> entries{{
      {ShelterSetting::indoor, "indoor", "室内"},
      {ShelterSetting::outdoor, "outdoor", "室外"},
  }};
};

template <> struct EnumTable<ShelterType> {
  static constexpr std::string_view label = "shelter type";
  static constexpr std::array<EnumEntry<ShelterType>, 2> entries{{
      {ShelterType::fixed, "fixed", "固定"},
      {ShelterType::emergency, "emergency", "紧急"},
  }};
};

template <> struct EnumTable<DepotKind> {
  static constexpr std::string_view label = "depot kind";
  static constexpr std::array<EnumEntry<DepotKind>, 4> entries{{
      {DepotKind::district_depot, "district_depot", "救灾物资储备库", "储备库"},
      {DepotKind::street_reserve, "street_reserve", "街道储备点", "储备点"},
      {DepotKind::enterprise, "enterprise", "企业储备"},
      {DepotKind::social, "social", "社会储备"},
  }};
};

template <> struct EnumTable<TeamKind> {
  static constexpr std::string_view label = "team kind";
  static constexpr std::array<EnumEntry<TeamKind>, 6> entries{{
      {TeamKind::fire_rescue, "fire_rescue", "综合性消防救援", "消防救援"},
      {TeamKind::professional, "professional", "专业救援队"},
      {TeamKind::street_parttime, "street_parttime", "街道兼职抢险队"},
      {TeamKind::enterprise, "enterprise", "企业救援队"},
      {TeamKind::volunteer, "volunteer", "社会救援力量", "志愿者"},
      {TeamKind::micro_fire_station, "micro_fire_station", "微型消防站"},
  }};
};

template <> struct EnumTable<Capability> {
  static constexpr std::string_view label = "capability";
  static constexpr std::array<EnumEntry<Capability>, 12> entries{{
      {Capability::fire_fighting, "fire_fighting", "灭火", "fire"},
      {Capability::hazmat, "hazmat", "危化"},
      {Capability::water_rescue, "water_rescue", "水域救援", "水域"},
      {Capability::drainage, "drainage", "排水", "flood_drainage"},
      {Capability::building_collapse, "building_collapse", "房屋抢险", "house_emergency"},
      {Capability::gas, "gas", "燃气"},
      {Capability::power, "power", "电力"},
      {Capability::medical, "medical", "医疗"},
      {Capability::traffic, "traffic", "交通"},
      {Capability::search_rescue, "search_rescue", "搜救", "general_rescue"},
      {Capability::geological, "geological", "地质灾害"},
      {Capability::high_angle, "high_angle", "高空救援", "high_rise"},
  }};
};

template <> struct EnumTable<TeamStatus> {
  static constexpr std::string_view label = "team status";
  static constexpr std::array<EnumEntry<TeamStatus>, 5> entries{{
      {TeamStatus::available, "available", "待命", "可用"},
      {TeamStatus::dispatched, "dispatched", "出动"},
      {TeamStatus::on_scene, "on_scene", "到场", "在现场"},
      {TeamStatus::returning, "returning", "返回"},
      {TeamStatus::off_duty, "off_duty", "离岗", "休整"},
  }};
};

template <> struct EnumTable<RiskKind> {
  static constexpr std::string_view label = "risk kind";
  static constexpr std::array<EnumEntry<RiskKind>, 15> entries{{
      {RiskKind::hazchem_enterprise, "hazchem_enterprise", "危险化学品企业", "危化企业"},
      {RiskKind::petrol_station, "petrol_station", "加油站"},
      {RiskKind::gas_station, "gas_station", "加气站"},
      {RiskKind::lpg_station, "lpg_station", "液化石油气站", "lpg"},
      {RiskKind::urban_village, "urban_village", "城中村"},
      {RiskKind::high_rise, "high_rise", "高层建筑"},
      {RiskKind::underground_space, "underground_space", "地下空间"},
      {RiskKind::crowded_place, "crowded_place", "人员密集场所"},
      {RiskKind::nine_small_places, "nine_small_places", "九小场所"},
      {RiskKind::old_estate, "old_estate", "老旧小区"},
      {RiskKind::dilapidated_housing, "dilapidated_housing", "危房", "危旧房屋"},
      {RiskKind::waterlogging_point, "waterlogging_point", "内涝点"},
      {RiskKind::geohazard_point, "geohazard_point", "地质灾害点", "地质灾害隐患点"},
      {RiskKind::deep_foundation_pit, "deep_foundation_pit", "深基坑"},
      {RiskKind::gas_pipeline, "gas_pipeline", "燃气管道"},
  }};
};

template <> struct EnumTable<RiskLevel> {
  static constexpr std::string_view label = "risk level";
  static constexpr std::array<EnumEntry<RiskLevel>, 4> entries{{
      {RiskLevel::red, "red", "红", "红色", "major"},
      {RiskLevel::orange, "orange", "橙", "橙色", "large"},
      {RiskLevel::yellow, "yellow", "黄", "黄色", "general"},
      {RiskLevel::blue, "blue", "蓝", "蓝色", "low"},
  }};
};

template <> struct EnumTable<IncidentType> {
  static constexpr std::string_view label = "incident type";
  static constexpr std::array<EnumEntry<IncidentType>, 13> entries{{
      {IncidentType::fire, "fire", "火灾"},
      {IncidentType::waterlogging, "waterlogging", "内涝", "flood", "洪涝"},
      {IncidentType::typhoon_rainstorm, "typhoon_rainstorm", "台风暴雨", "typhoon", "台风"},
      {IncidentType::hazchem_leak, "hazchem_leak", "危化品泄漏", "hazmat_leak", "危化品事故"},
      {IncidentType::building_collapse, "building_collapse", "房屋倒塌", "house_emergency",
       "房屋险情"},
      {IncidentType::gas_explosion, "gas_explosion", "燃气爆炸"},
      {IncidentType::geological_hazard, "geological_hazard", "地质灾害"},
      {IncidentType::traffic_accident, "traffic_accident", "交通事故"},
      {IncidentType::lift_entrapment, "lift_entrapment", "电梯困人"},
      {IncidentType::power_outage, "power_outage", "大面积停电"},
      {IncidentType::crowd_stampede, "crowd_stampede", "拥挤踩踏", "stampede", "踩踏"},
      {IncidentType::drowning, "drowning", "溺水"},
      {IncidentType::forest_fire, "forest_fire", "森林火灾"},
  }};
};

template <> struct EnumTable<Severity> {
  static constexpr std::string_view label = "severity";
  static constexpr std::array<EnumEntry<Severity>, 4> entries{{
      {Severity::general, "general", "一般"},
      {Severity::large, "large", "较大"},
      {Severity::major, "major", "重大"},
      {Severity::especially_major, "especially_major", "特别重大"},
  }};
};

template <> struct EnumTable<MaterialCategory> {
  static constexpr std::string_view label = "material category";
  static constexpr std::array<EnumEntry<MaterialCategory>, 8> entries{{
      {MaterialCategory::fuel, "fuel", "油料"},
      {MaterialCategory::engineering_machinery, "engineering_machinery", "工程机械"},
      {MaterialCategory::building_materials, "building_materials", "建筑材料"},
      {MaterialCategory::protective_gear, "protective_gear", "防护用品"},
      {MaterialCategory::life_rescue, "life_rescue", "生命救助"},
      {MaterialCategory::site_lighting, "site_lighting", "现场照明"},
      {MaterialCategory::living_supplies, "living_supplies", "生活保障"},
      {MaterialCategory::hazmat_handling, "hazmat_handling", "危化处置"},
  }};
};

template <> struct EnumTable<Material> {
  static constexpr std::string_view label = "material";
  static constexpr std::array<EnumEntry<Material>, 25> entries{{
      {Material::tent, "tent", "帐篷", "flood_tent", "救灾帐篷"},
      {Material::raincoat, "raincoat", "雨衣"},
      {Material::rain_boots, "rain_boots", "雨靴", "水鞋"},
      {Material::sandbag, "sandbag", "沙包", "沙袋"},
      {Material::expanding_bag, "expanding_bag", "膨胀袋", "吸水膨胀袋"},
      {Material::water_barrier, "water_barrier", "堵水墙", "挡水板"},
      {Material::pump, "pump", "水泵", "抽水泵"},
      {Material::chainsaw, "chainsaw", "油锯"},
      {Material::lighting, "lighting", "照明灯", "照明设备"},
      {Material::generator, "generator", "发电机"},
      {Material::comms, "comms", "通信设备", "communications"},
      {Material::drone, "drone", "无人机"},
      {Material::life_jacket, "life_jacket", "救生衣"},
      {Material::lifebuoy, "lifebuoy", "救生圈"},
      {Material::rescue_boat, "rescue_boat", "冲锋舟"},
      {Material::quilt, "quilt", "棉被"},
      {Material::drinking_water, "drinking_water", "饮用水"},
      {Material::instant_food, "instant_food", "方便食品"},
      {Material::fuel, "fuel", "燃油"},
      {Material::excavator, "excavator", "挖掘机"},
      {Material::protective_suit, "protective_suit", "防护服"},
      {Material::gas_detector, "gas_detector", "气体检测仪"},
      {Material::absorbent, "absorbent", "吸附材料"},
      {Material::first_aid_kit, "first_aid_kit", "急救包"},
      {Material::folding_bed, "folding_bed", "折叠床"},
  }};
};

template <> struct EnumTable<ClosureCause> {
  static constexpr std::string_view label = "road closure cause";
  static constexpr std::array<EnumEntry<ClosureCause>, 5> entries{{
      {ClosureCause::waterlogging, "waterlogging", "内涝", "flooded_road", "积水"},
      {ClosureCause::bridge_collapse, "bridge_collapse", "桥梁垮塌", "bridge", "断桥"},
      {ClosureCause::collapse, "collapse", "塌方", "landslide", "路面塌陷"},
      {ClosureCause::hazmat_cordon, "hazmat_cordon", "危化警戒", "cordon", "警戒区"},
      {ClosureCause::other, "other", "其他"},
  }};
};

}  // namespace erde
