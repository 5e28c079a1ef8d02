#pragma once
// A depot's `stock` text: items `material=quantity [unit]` separated by ; or ；
// e.g. "sandbag=2000 bag; pump=4" or "沙包=2000袋；水泵=4台". `:` and `：` also separate a
// material from its quantity.
#include <string>
#include <string_view>
#include <vector>

#include "model/depot.hpp"

namespace erde {

// The most of one material a stock item or depot_stock row may hold: far above any real depot,
// and low enough that summing a depot's items stays finite (two finite 1e308 once made infinity).
inline constexpr double kMaxStockQuantity = 1e12;

// Parses every item; each bad one adds a reason to `errors` ("item 2 'foo=3': unknown ...")
// and is left out of the result.
std::vector<StockItem> parse_stock_text(std::string_view text, std::vector<std::string>& errors);

// Adds `item` to `stock`, summing with an item of the same material and unit.
void add_stock(std::vector<StockItem>& stock, const StockItem& item);

}  // namespace erde
