#include "types/zone_abbreviations.hpp"

namespace kanto::datetime {

bool FixedZoneAbbreviation(std::string_view lower, int32_t* east) {
  static constexpr struct {
    std::string_view name;
    int32_t offset;
  } kFixedAbbreviations[] = {
      {"utc", 0},          {"ut", 0},           {"uct", 0},          {"gmt", 0},          {"z", 0},
      {"zulu", 0},         {"est", -5 * 3600},  {"edt", -4 * 3600},  {"cst", -6 * 3600},  {"cdt", -5 * 3600},
      {"mst", -7 * 3600},  {"mdt", -6 * 3600},  {"pst", -8 * 3600},  {"pdt", -7 * 3600},  {"akst", -9 * 3600},
      {"akdt", -8 * 3600}, {"hst", -10 * 3600}, {"cet", 3600},       {"cest", 2 * 3600},  {"met", 3600},
      {"mest", 2 * 3600},  {"eet", 2 * 3600},   {"eest", 3 * 3600},  {"wet", 0},          {"west", 3600},
      {"bst", 3600},       {"jst", 9 * 3600},   {"kst", 9 * 3600}};
  for (const auto& a : kFixedAbbreviations) {
    if (lower == a.name) {
      *east = a.offset;
      return true;
    }
  }
  return false;
}

}  // namespace kanto::datetime
