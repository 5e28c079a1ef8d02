#include "demo/names.hpp"

#include <array>
#include <string_view>

#include "util/error.hpp"

namespace erde::demo {
namespace {

constexpr std::array<std::string_view, 18> kStreets{
    "花城", "东湖", "西园", "北山", "明珠", "青云", "紫荆", "木棉", "玉带",
    "文德", "光明", "龙津", "凤凰", "金桂", "银湖", "海棠", "翠竹", "锦绣"};

constexpr std::array<std::string_view, 36> kFirst{
    "东", "西", "南", "北", "中", "新", "和", "安", "康", "福", "德", "仁",
    "春", "秋", "明", "光", "华", "兴", "荣", "昌", "盛", "泰", "宁", "祥",
    "瑞", "永", "丰", "嘉", "松", "柏", "梅", "兰", "竹", "桃", "杏", "云"};
constexpr std::array<std::string_view, 32> kSecond{
    "山", "湖", "园", "苑", "桥", "坊", "里", "塘", "岗", "湾", "林", "源",
    "华", "兴", "宁", "安", "乐", "景", "秀", "丰", "泰", "和", "光", "明",
    "德", "溪", "庭", "苗", "峰", "阳", "江", "台"};

}  // namespace

const std::string& street_base(int index) {
  static const std::array<std::string, 18> names = [] {
    std::array<std::string, 18> out;
    for (size_t i = 0; i < out.size(); ++i) out[i] = std::string(kStreets[i]);
    return out;
  }();
  return names.at(static_cast<size_t>(index));
}

std::string NamePool::draw(Rng& rng) {
  for (int attempt = 0; attempt < 10000; ++attempt) {
    std::string name = std::string(kFirst[rng.below(static_cast<uint32_t>(kFirst.size()))]) +
                       std::string(kSecond[rng.below(static_cast<uint32_t>(kSecond.size()))]);
    if (name.substr(0, 3) == name.substr(3)) continue;
    if (used_.insert(name).second) return name;
  }
  throw Error("demo: ran out of names");
}

}  // namespace erde::demo
