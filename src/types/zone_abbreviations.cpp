#include "types/zone_abbreviations.hpp"

#include <string>

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

bool IsOtherZoneAbbreviation(std::string_view lower) {
  // Every other abbreviation of PostgreSQL 15's default set (pg_timezone_abbrevs).
  static const std::string kOtherAbbreviations =
      " acdt acsst acst act acwst adt aedt aesst aest aft almst almt amst amt anast anat arst art ast awsst awst"
      " azost azot azst azt bdst bdt bnt bort bot bra brst brt btt cadt cast cct cetdst chadt chast chut ckt clst"
      " clt cot cxt davt ddut easst east eat eetdst egst egt fet fjst fjt fkst fkt fnst fnt galt gamt gest get gft"
      " gilt gyt hkt ict idt iot irkst irkt irt ist jayt kdt kgst kgt kost krast krat lhdt lhst ligt lint lkt magst"
      " magt mart mawt mesz metdst mez mht mmt mpt msd msk must mut mvt myt ndt nft novst novt npt nst nut nzdt"
      " nzst nzt omsst omst pet petst pett pgt pht pkst pkt pmdt pmst pont pwt pyst pyt ret sadt sast sct sgt taht"
      " tft tjt tkt tmt tot trut tvt ulast ulat uyst uyt uzst uzt vet vlast vlat volt vut wadt wakt wast wat wdt"
      " wetdst wft wgst wgt xjt yakst yakt yapt yekst yekt ";
  return !lower.empty() && kOtherAbbreviations.find(" " + std::string(lower) + " ") != std::string::npos;
}

}  // namespace kanto::datetime
