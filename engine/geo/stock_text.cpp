#include "geo/stock_text.hpp"

#include <array>
#include <charconv>
#include <cmath>

#include "util/text.hpp"

namespace erde {

namespace {

// Splits at any of the separators (which may be multi-byte UTF-8).
template <size_t N>
std::vector<std::string_view> split_any(std::string_view text,
                                        const std::array<std::string_view, N>& separators,
                                        size_t max_parts) {
  std::vector<std::string_view> out;
  size_t start = 0, i = 0;
  while (i < text.size() && out.size() + 1 < max_parts) {
    size_t len = 0;
    for (std::string_view sep : separators)
      if (text.substr(i, sep.size()) == sep) len = sep.size();
    if (len) {
      out.push_back(text.substr(start, i - start));
      i += len;
      start = i;
    } else {
      ++i;
    }
  }
  out.push_back(text.substr(start));
  return out;
}

}  // namespace

std::vector<StockItem> parse_stock_text(std::string_view text, std::vector<std::string>& errors) {
  constexpr std::array<std::string_view, 2> item_separators{";", "；"};
  constexpr std::array<std::string_view, 3> pair_separators{"=", ":", "："};
  std::vector<StockItem> out;
  int number = 0;
  for (std::string_view raw : split_any(text, item_separators, SIZE_MAX)) {
    std::string_view item = trim(raw);
    if (item.empty()) continue;
    ++number;
    std::string where = "item " + std::to_string(number) + " '" + std::string(item) + "': ";
    auto parts = split_any(item, pair_separators, 2);
    if (parts.size() != 2) {
      errors.push_back(where + "expected material=quantity [unit]");
      continue;
    }
    std::string_view name = trim(parts[0]);
    std::string_view amount = trim(parts[1]);
    auto material = parse_enum<Material>(name);
    if (!material) {
      errors.push_back(where + "unknown material '" + std::string(name) +
                       "'; allowed: " + allowed_values<Material>());
      continue;
    }
    double quantity = 0;
    auto res = std::from_chars(amount.data(), amount.data() + amount.size(), quantity);
    if (res.ec != std::errc() || !std::isfinite(quantity)) {
      errors.push_back(where + "quantity must be a number");
      continue;
    }
    if (quantity < 0) {
      errors.push_back(where + "quantity must not be negative");
      continue;
    }
    if (quantity > kMaxStockQuantity) {
      errors.push_back(where + "quantity must be at most 1e12");
      continue;
    }
    std::string_view unit = trim(amount.substr(static_cast<size_t>(res.ptr - amount.data())));
    out.push_back({*material, quantity,
                   unit.empty() ? std::string(default_unit(*material)) : std::string(unit)});
  }
  return out;
}

void add_stock(std::vector<StockItem>& stock, const StockItem& item) {
  for (StockItem& own : stock)
    if (own.material == item.material && own.unit == item.unit) {
      own.quantity += item.quantity;
      return;
    }
  stock.push_back(item);
}

}  // namespace erde
