#include "function/time_zone_functions.hpp"

#include <cctype>
#include <string>

#include "function/kernel_util.hpp"
#include "kanto/error.hpp"
#include "types/datetime.hpp"
#include "types/time.hpp"
#include "types/zone_abbreviations.hpp"
#include "types/zoneinfo.hpp"

namespace kanto {

namespace {

using datetime::TimeZone;

std::string Lower(const std::string& s) {
  std::string out = s;
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool Digits(const std::string& s, size_t* at, int max_digits, int* value) {
  size_t begin = *at;
  *value = 0;
  while (*at < s.size() && std::isdigit(static_cast<unsigned char>(s[*at])) && *at - begin < static_cast<size_t>(max_digits)) {
    *value = *value * 10 + (s[*at] - '0');
    ++*at;
  }
  return *at > begin;
}

// A POSIX offset "[+-]hh[:mm[:ss]]" from `at` to the end: hours WEST of UTC when positive, as in
// POSIX TZ strings. Returns false when the rest is not one.
bool PosixOffset(const std::string& s, size_t at, int32_t* east) {
  int sign = 1;
  if (at < s.size() && (s[at] == '+' || s[at] == '-')) sign = s[at++] == '-' ? -1 : 1;
  int h = 0, m = 0, sec = 0;
  if (!Digits(s, &at, 3, &h) || h > 167) return false;
  if (at < s.size() && s[at] == ':') {
    ++at;
    if (!Digits(s, &at, 2, &m) || m > 59) return false;
    if (at < s.size() && s[at] == ':') {
      ++at;
      if (!Digits(s, &at, 2, &sec) || sec > 59) return false;
    }
  }
  if (at != s.size()) return false;
  *east = -sign * ((h * 60 + m) * 60 + sec);
  return true;
}

// The zone AT TIME ZONE 'name' means, as PostgreSQL looks it up: an abbreviation first, then a zone
// of the tz database, then a POSIX offset ('+02', 'UTC+3' and 'EST5' are west of UTC). `fixed` holds a
// fixed-offset zone when one is made. 22023 when nothing matches; 0A000 for the abbreviations and
// POSIX rules Kanto does not read.
const TimeZone* FindZone(const std::string& name, TimeZone* fixed) {
  std::string low = Lower(name);
  if (int32_t east = 0; datetime::FixedZoneAbbreviation(low, &east)) {
    *fixed = TimeZone::FromTransitions(name, east, {});
    return fixed;
  }
  if (datetime::IsOtherZoneAbbreviation(low)) {
    throw Error(sqlstate::kFeatureNotSupported, "time zone abbreviation \"" + name + "\" is not supported");
  }
  if (const TimeZone* zone = datetime::FindZoneFile(name)) return zone;
  size_t letters = 0;
  while (letters < low.size() && std::isalpha(static_cast<unsigned char>(low[letters]))) letters++;
  int32_t east = 0;
  if (PosixOffset(low, letters, &east)) {
    *fixed = TimeZone::FromTransitions(name, east, {});
    return fixed;
  }
  if (letters >= 1 && letters < low.size() && (std::isdigit(static_cast<unsigned char>(low[letters])) ||
                                               low[letters] == '+' || low[letters] == '-')) {
    throw Error(sqlstate::kFeatureNotSupported, "time zone \"" + name + "\" with daylight-saving rules is not supported");
  }
  throw Error(sqlstate::kInvalidParameterValue, "time zone \"" + name + "\" not recognized");
}

// An interval as a zone: its time part, whole seconds, east of UTC.
int64_t IntervalOffset(const Interval& iv) {
  if (iv.months != 0 || iv.days != 0) {
    throw Error(sqlstate::kInvalidParameterValue,
                "interval time zone \"" + datetime::FormatInterval(iv) + "\" must not include months or days");
  }
  return iv.micros / datetime::kMicrosPerSecond;
}

bool Infinite(int64_t ts) { return ts == INT64_MAX || ts == INT64_MIN; }

// ts + seconds, in PostgreSQL's timestamp range (22008 outside it).
int64_t Shift(int64_t ts, int64_t seconds) {
  int64_t out = 0, micros = 0;
  if (__builtin_mul_overflow(seconds, datetime::kMicrosPerSecond, &micros) || __builtin_add_overflow(ts, micros, &out) || out < -211813488000000000LL ||
      out == INT64_MAX) {
    throw Error(sqlstate::kDatetimeFieldOverflow, "timestamp out of range");
  }
  return out;
}

}  // namespace

const TimeZone* FindTimeZone(const std::string& name, TimeZone* fixed) { return FindZone(name, fixed); }

const TimeZone& SessionZone(const FunctionContext& ctx) {
  static const TimeZone utc = TimeZone::Load("UTC");
  return ctx.time_zone ? *ctx.time_zone : utc;
}

int64_t WallClockInZone(int64_t local, const std::string& name, bool iso_offsets) {
  if (Infinite(local)) return local;
  if (iso_offsets && !name.empty() && std::isdigit(static_cast<unsigned char>(name[0]))) {
    throw Error(sqlstate::kInvalidParameterValue, "invalid input syntax for type numeric time zone: \"" + name + "\"")
        .WithHint("Numeric time zones must have \"-\" or \"+\" as first character.");
  }
  if (iso_offsets && !name.empty() && (name[0] == '+' || name[0] == '-')) {
    // [+-]hh[:mm[:ss]] or [+-]hhmm, east of UTC.
    size_t at = 1;
    int h = 0, m = 0, sec = 0;
    bool ok = Digits(name, &at, 2, &h);
    if (ok && at < name.size() && name[at] == ':') {
      ++at;
      ok = Digits(name, &at, 2, &m);
      if (ok && at < name.size() && name[at] == ':') {
        ++at;
        ok = Digits(name, &at, 2, &sec);
      }
    } else if (ok && at < name.size()) {
      ok = Digits(name, &at, 2, &m);
    }
    if (!ok || at != name.size()) throw Error(sqlstate::kInvalidParameterValue, "time zone \"" + name + "\" not recognized");
    if (h > 15 || m > 59 || sec > 59)
      throw Error(sqlstate::kInvalidParameterValue, "numeric time zone \"" + name + "\" out of range");
    int64_t east = (name[0] == '-' ? -1 : 1) * ((h * 60 + m) * 60 + sec);
    return Shift(local, -east);
  }
  TimeZone fixed;
  const TimeZone* zone = FindZone(name, &fixed);
  return Shift(local, -static_cast<int64_t>(zone->OffsetForLocal(local)));
}

void AddTimeZoneFunctions(FunctionRegistry& r) {
  LogicalType text = T(TypeId::kText), interval = T(TypeId::kInterval), ts = T(TypeId::kTimestamp),
              tz = T(TypeId::kTimestampTz);
  // timestamptz AT TIME ZONE zone: the wall-clock time there.
  AddRowFunction(r, "timezone", {text, tz}, ts, [](const std::vector<Value>& a, FunctionContext&) {
    TimeZone fixed;
    const TimeZone* zone = FindZone(a[0].str_value(), &fixed);
    int64_t utc = a[1].int_value();
    if (Infinite(utc)) return Value::Timestamp(utc);
    return Value::Timestamp(Shift(utc, zone->OffsetAt(utc)));
  });
  // timestamp AT TIME ZONE zone: that wall-clock time there, as an instant.
  AddRowFunction(r, "timezone", {text, ts}, tz, [](const std::vector<Value>& a, FunctionContext&) {
    TimeZone fixed;
    const TimeZone* zone = FindZone(a[0].str_value(), &fixed);
    int64_t local = a[1].int_value();
    if (Infinite(local)) return Value::TimestampTz(local);
    return Value::TimestampTz(Shift(local, -static_cast<int64_t>(zone->OffsetForLocal(local))));
  });
  AddRowFunction(r, "timezone", {interval, tz}, ts, [](const std::vector<Value>& a, FunctionContext&) {
    int64_t east = IntervalOffset(a[0].interval_value());
    int64_t utc = a[1].int_value();
    return Value::Timestamp(Infinite(utc) ? utc : Shift(utc, east));
  });
  AddRowFunction(r, "timezone", {interval, ts}, tz, [](const std::vector<Value>& a, FunctionContext&) {
    int64_t east = IntervalOffset(a[0].interval_value());
    int64_t local = a[1].int_value();
    return Value::TimestampTz(Infinite(local) ? local : Shift(local, -east));
  });
  // timetz AT TIME ZONE zone: the same instant with the zone's offset (a zone with rules: its offset
  // at the transaction start, as PostgreSQL's timetz_zone). time reaches these through timetz.
  LogicalType timetz = T(TypeId::kTimeTz);
  auto shifted = [timetz](const Value& v, int64_t east) {
    datetime::TimeTz t = datetime::TimeTzAtZone(datetime::UnpackTimeTz(v.int_value()), static_cast<int32_t>(east));
    return Value::FromInt(timetz, datetime::PackTimeTz(t));
  };
  AddRowFunction(r, "timezone", {text, timetz}, timetz, [shifted](const std::vector<Value>& a, FunctionContext& ctx) {
    TimeZone fixed;
    const TimeZone* zone = FindZone(a[0].str_value(), &fixed);
    return shifted(a[1], zone->OffsetAt(ctx.transaction_start_micros));
  });
  AddRowFunction(r, "timezone", {interval, timetz}, timetz, [shifted](const std::vector<Value>& a, FunctionContext&) {
    return shifted(a[1], IntervalOffset(a[0].interval_value()));
  });
}

}  // namespace kanto
