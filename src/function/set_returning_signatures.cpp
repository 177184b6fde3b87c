#include "function/set_returning_signatures.hpp"

#include <tuple>

namespace kanto {

const std::vector<SetReturningSignature>& SetReturningSignatures() {
  static const std::vector<SetReturningSignature>* signatures = [] {
    auto* out = new std::vector<SetReturningSignature>;
    const LogicalType text(TypeId::kText), int4(TypeId::kInt4), any(TypeId::kUnknown);
    const LogicalType any_array = LogicalType::ArrayOf(any), regclass(TypeId::kRegclass);
    auto add = [&](std::string name, std::vector<LogicalType> args, LogicalType result, std::string source,
                   float rows = 1000, char volatility = 'i', char parallel = 's') {
      SetReturningSignature s;
      s.name = std::move(name);
      s.arg_types = std::move(args);
      s.result = std::move(result);
      s.source = std::move(source);
      s.rows = rows;
      s.volatility = volatility;
      s.parallel = parallel;
      out->push_back(std::move(s));
      return &out->back();
    };
    for (auto [type, suffix] : {std::pair{TypeId::kInt4, "int4"}, {TypeId::kInt8, "int8"}, {TypeId::kNumeric, "numeric"}}) {
      LogicalType t(type);
      add("generate_series", {t, t}, t, std::string("generate_series_") + suffix);
      add("generate_series", {t, t, t}, t, std::string("generate_series_step_") + suffix);
    }
    const LogicalType interval(TypeId::kInterval);
    for (auto [type, suffix, volatility] : {std::tuple{TypeId::kTimestamp, "timestamp", 'i'}, {TypeId::kTimestampTz, "timestamptz", 's'}}) {
      LogicalType t(type);
      add("generate_series", {t, t, interval}, t, std::string("generate_series_") + suffix, 1000, volatility);
    }
    add("generate_subscripts", {any_array, int4}, int4, "generate_subscripts_nodir");
    add("generate_subscripts", {any_array, int4, LogicalType(TypeId::kBool)}, int4, "generate_subscripts");
    add("pg_listening_channels", {}, text, "pg_listening_channels", 10, 's', 'r');
    SetReturningSignature* options =
        add("pg_options_to_table", {LogicalType::ArrayOf(text)}, text, "pg_options_to_table", 3, 's');
    options->arg_names = {"options_array"};
    options->out_args = {{"option_name", text}, {"option_value", text}};
    SetReturningSignature* ancestors =
        add("pg_partition_ancestors", {regclass}, regclass, "pg_partition_ancestors", 10, 'v');
    ancestors->arg_names = {"partitionid"};
    ancestors->out_args = {{"relid", regclass}};
    add("regexp_matches", {text, text}, LogicalType::ArrayOf(text), "regexp_matches_no_flags", 1);
    add("regexp_matches", {text, text, text}, LogicalType::ArrayOf(text), "regexp_matches", 10);
    add("regexp_split_to_table", {text, text}, text, "regexp_split_to_table_no_flags");
    add("regexp_split_to_table", {text, text, text}, text, "regexp_split_to_table");
    add("unnest", {any_array}, any, "array_unnest", 100);
    for (TypeId id : {TypeId::kJson, TypeId::kJsonb}) {
      const LogicalType json(id);
      const std::string p = id == TypeId::kJson ? "json" : "jsonb";
      for (bool as_text : {false, true}) {
        const std::string suffix = as_text ? "_text" : "";
        SetReturningSignature* each = add(p + "_each" + suffix, {json}, LogicalType(TypeId::kRecord), p + "_each" + suffix, 100);
        each->arg_names = {"from_json"};
        each->out_args = {{"key", text}, {"value", as_text ? text : json}};
        SetReturningSignature* elements =
            add(p + "_array_elements" + suffix, {json}, as_text ? text : json, p + "_array_elements" + suffix, 100);
        elements->arg_names = {"from_json"};
        elements->out_args = {{"value", as_text ? text : json}};
      }
      add(p + "_object_keys", {json}, LogicalType(TypeId::kText), p + "_object_keys", 100);
    }
    return out;
  }();
  return *signatures;
}

}  // namespace kanto
