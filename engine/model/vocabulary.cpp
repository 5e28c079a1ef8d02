#include "model/vocabulary.hpp"

namespace erde {

MaterialCategory category_of(Material m) {
  switch (m) {
    case Material::fuel: return MaterialCategory::fuel;
    case Material::excavator:
    case Material::pump:
    case Material::chainsaw: return MaterialCategory::engineering_machinery;
    case Material::sandbag:
    case Material::expanding_bag:
    case Material::water_barrier: return MaterialCategory::building_materials;
    case Material::raincoat:
    case Material::rain_boots:
    case Material::protective_suit: return MaterialCategory::protective_gear;
    case Material::life_jacket:
    case Material::lifebuoy:
    case Material::rescue_boat:
    case Material::first_aid_kit:
    case Material::drone:
    case Material::comms: return MaterialCategory::life_rescue;
    case Material::lighting:
    case Material::generator: return MaterialCategory::site_lighting;
    case Material::tent:
    case Material::quilt:
    case Material::drinking_water:
    case Material::instant_food:
    case Material::folding_bed: return MaterialCategory::living_supplies;
    case Material::gas_detector:
    case Material::absorbent: return MaterialCategory::hazmat_handling;
  }
  return MaterialCategory::living_supplies;
}

std::string_view default_unit(Material m) {
  switch (m) {
    case Material::sandbag:
    case Material::expanding_bag: return "bag";
    case Material::drinking_water: return "litre";
    case Material::fuel: return "litre";
    case Material::instant_food: return "box";
    case Material::rain_boots: return "pair";
    case Material::water_barrier: return "metre";
    case Material::absorbent: return "kg";
    default: return "piece";
  }
}

}  // namespace erde
