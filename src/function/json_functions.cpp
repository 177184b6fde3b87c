// json and jsonb constructors: json[b]_build_object, json[b]_build_array, to_json[b], row_to_json.
// SQL values become JSON as PostgreSQL's datum_to_json writes them: numbers and booleans bare
// (numeric NaN and Infinity quoted), json and jsonb as they are, arrays as JSON arrays, dates and
// timestamps in ISO 8601 ("T", "+05:30"), everything else as a string of its text output. The jsonb
// forms are that JSON text read as jsonb (datum_to_jsonb gives the same values).
#include "function/cast.hpp"
#include "function/kernel_util.hpp"
#include "kanto/error.hpp"
#include "types/array.hpp"
#include "types/json.hpp"
#include "types/jsonb.hpp"
#include "types/record.hpp"

namespace kanto {

namespace {

// "2020-01-01 10:00:00+05" as XSD writes it: "2020-01-01T10:00:00+05:00".
std::string IsoDateTime(std::string text, bool with_zone) {
  size_t space = text.find(' ');
  if (space == std::string::npos) return text;  // infinity
  text[space] = 'T';
  if (with_zone) {
    size_t sign = text.find_first_of("+-", space);
    if (sign != std::string::npos && text.size() - sign == 3) text += ":00";
  }
  return text;
}

void AppendJson(std::string* out, const Value& v, FunctionContext& ctx) {
  if (v.is_null()) {
    *out += "null";
    return;
  }
  const LogicalType& t = v.type();
  switch (t.id) {
    case TypeId::kBool: *out += v.int_value() ? "true" : "false"; return;
    case TypeId::kInt2:
    case TypeId::kInt4:
    case TypeId::kInt8:
    case TypeId::kFloat4:
    case TypeId::kFloat8:
    case TypeId::kNumeric: {
      std::string text = ValueToText(v, ctx);
      if (IsJsonNumber(text)) *out += text;
      else AppendJsonString(out, text);
      return;
    }
    case TypeId::kJson:
    case TypeId::kJsonb: *out += v.str_value(); return;
    case TypeId::kArray: {
      out->push_back('[');
      bool first = true;
      for (const Value& e : DecodeArray(v.str_value(), t.ElementType())) {
        if (!first) out->push_back(',');
        first = false;
        AppendJson(out, e, ctx);
      }
      out->push_back(']');
      return;
    }
    case TypeId::kRecord: {  // composite_to_json: {"name":value,...}
      if (!IsKnownRecord(t)) {
        AppendJsonString(out, ValueToText(v, ctx));
        return;
      }
      const RecordType& rec = RecordTypeOf(t);
      std::vector<Value> fields = DecodeRecord(v.str_value(), t);
      out->push_back('{');
      for (size_t i = 0; i < fields.size(); i++) {
        if (i) out->push_back(',');
        AppendJsonString(out, rec.fields[i].name);
        out->push_back(':');
        AppendJson(out, fields[i], ctx);
      }
      out->push_back('}');
      return;
    }
    case TypeId::kDate:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
      AppendJsonString(out, IsoDateTime(ValueToText(v, ctx), t.id == TypeId::kTimestampTz));
      return;
    default: AppendJsonString(out, t.IsString() ? v.str_value() : ValueToText(v, ctx)); return;
  }
}

// An object key: text as it is, a boolean as true / false, anything else as its text output.
std::string KeyText(const Value& key, FunctionContext& ctx) {
  if (key.type().IsString()) return key.str_value();
  if (key.type().id == TypeId::kBool) return key.int_value() ? "true" : "false";
  return ValueToText(key, ctx);
}

Value Json(std::string text) { return Value::FromString(LogicalType(TypeId::kJson), std::move(text)); }
Value Jsonb(const std::string& text) { return Value::FromString(LogicalType(TypeId::kJsonb), JsonbFromText(text)); }

std::string BuildObject(const std::vector<Value>& a, FunctionContext& ctx, bool jsonb) {
  if (a.size() % 2 != 0) {
    throw Error(sqlstate::kInvalidParameterValue, "argument list must have even number of elements")
        .WithHint(std::string("The arguments of ") + (jsonb ? "jsonb" : "json") +
                  "_build_object() must consist of alternating keys and values.");
  }
  std::string out = "{";
  for (size_t i = 0; i < a.size(); i += 2) {
    const Value& key = a[i];
    if (key.is_null()) {
      if (jsonb) {
        throw Error(sqlstate::kInvalidParameterValue, "argument " + std::to_string(i + 1) + ": key must not be null");
      }
      throw Error(sqlstate::kInvalidParameterValue, "argument " + std::to_string(i + 1) + " cannot be null")
          .WithHint("Object keys should be text.");
    }
    if (key.type().IsArray() || key.type().id == TypeId::kJson || key.type().id == TypeId::kJsonb ||
        key.type().id == TypeId::kRecord) {
      throw Error(sqlstate::kInvalidParameterValue, "key value must be scalar, not array, composite, or json");
    }
    if (i > 0) out += ", ";
    AppendJsonString(&out, KeyText(key, ctx));
    out += " : ";
    AppendJson(&out, a[i + 1], ctx);
  }
  return out + "}";
}

std::string BuildArray(const std::vector<Value>& a, FunctionContext& ctx) {
  std::string out = "[";
  for (size_t i = 0; i < a.size(); i++) {
    if (i > 0) out += ", ";
    AppendJson(&out, a[i], ctx);
  }
  return out + "]";
}

void AddVariadic(FunctionRegistry& r, const char* name, TypeId result, RowFn fn) {
  ScalarFunction f;
  f.name = name;
  f.arg_types = {T(TypeId::kUnknown)};  // VARIADIC "any"
  f.variadic = true;
  f.strict = false;
  f.return_type = T(result);
  f.kernel = RowKernel(std::move(fn), /*strict=*/false);
  r.Add(std::move(f));
}

}  // namespace

void RegisterJsonFunctions(FunctionRegistry& r) {
  AddVariadic(r, "json_build_object", TypeId::kJson,
              [](const std::vector<Value>& a, FunctionContext& ctx) { return Json(BuildObject(a, ctx, false)); });
  AddVariadic(r, "json_build_array", TypeId::kJson,
              [](const std::vector<Value>& a, FunctionContext& ctx) { return Json(BuildArray(a, ctx)); });
  AddVariadic(r, "jsonb_build_object", TypeId::kJsonb,
              [](const std::vector<Value>& a, FunctionContext& ctx) { return Jsonb(BuildObject(a, ctx, true)); });
  AddVariadic(r, "jsonb_build_array", TypeId::kJsonb,
              [](const std::vector<Value>& a, FunctionContext& ctx) { return Jsonb(BuildArray(a, ctx)); });
  AddRowFunction(r, "to_json", {T(TypeId::kUnknown)}, T(TypeId::kJson), [](const std::vector<Value>& a, FunctionContext& ctx) {
    std::string out;
    AppendJson(&out, a[0], ctx);
    return Json(out);
  });
  AddRowFunction(r, "to_jsonb", {T(TypeId::kUnknown)}, T(TypeId::kJsonb), [](const std::vector<Value>& a, FunctionContext& ctx) {
    std::string out;
    AppendJson(&out, a[0], ctx);
    return Jsonb(out);
  });
  // An object key of json[b]_object_agg: text as it is, other values as their text output.
  AddRowFunction(r, "$json_key", {T(TypeId::kUnknown)}, T(TypeId::kText), [](const std::vector<Value>& a, FunctionContext& ctx) {
    const Value& key = a[0];
    if (key.type().IsArray() || key.type().id == TypeId::kJson || key.type().id == TypeId::kJsonb ||
        key.type().id == TypeId::kRecord) {
      throw Error(sqlstate::kInvalidParameterValue, "key value must be scalar, not array, composite, or json");
    }
    return Value::Text(KeyText(key, ctx));
  });
  AddRowFunction(r, "row_to_json", {T(TypeId::kRecord)}, T(TypeId::kJson), [](const std::vector<Value>& a, FunctionContext& ctx) {
    std::string out;
    AppendJson(&out, a[0], ctx);
    return Json(out);
  });
}

}  // namespace kanto
