// json and jsonb processing functions: json[b]_typeof, _array_length, _extract_path[_text],
// _strip_nulls, jsonb_set, jsonb_insert, jsonb_pretty, and the arrays behind the set-returning
// json[b]_each[_text], _array_elements[_text] and _object_keys (the binder runs those as unnest
// of "$<name>.<column>", planner/bind_set_function.cpp).
#include "function/json_access.hpp"
#include "function/kernel_util.hpp"
#include "kanto/error.hpp"
#include "types/array.hpp"
#include "types/jsonb.hpp"

namespace kanto {

namespace {

using Kind = JsonValue::Kind;
using json_types::kJsonb;
using json_types::kText;
using json_types::kTexts;


// jsonb_set (insert = false) and jsonb_insert (insert = true) along `path` from `step`.
struct PathWrite {
  const std::vector<Value>* path;
  const JsonValue* value;
  bool create = true;    // jsonb_set: create_missing
  bool insert = false;   // jsonb_insert
  bool after = false;    // jsonb_insert: insert_after

  void Apply(JsonValue* j, size_t step) const {
    const Value& p = (*path)[step];
    if (p.is_null()) {
      throw Error(sqlstate::kNullValueNotAllowed, "path element at position " + std::to_string(step + 1) + " is null");
    }
    bool last = step + 1 == path->size();
    const std::string& s = p.str_value();
    if (j->kind == Kind::kObject) {
      const JsonValue* m = JsonMember(*j, s);
      if (m) {
        auto at = static_cast<size_t>(m - j->items.data());
        if (!last) {
          Apply(&j->items[at], step + 1);
        } else if (insert) {
          throw Error(sqlstate::kInvalidParameterValue, "cannot replace existing key")
              .WithHint("Try using the function jsonb_set to replace key value.");
        } else {
          j->items[at] = *value;
        }
      } else if (last && (create || insert)) {
        j->keys.push_back(s);
        j->items.push_back(*value);
        NormalizeJsonb(j);
      }
      return;
    }
    if (j->kind != Kind::kArray) return;
    int64_t index = JsonPathIndex(s, step + 1);
    auto n = static_cast<int64_t>(j->items.size());
    if (index < 0) index = -index > n ? (insert ? 0 : -1) : index + n;
    if (insert && last) {
      int64_t at = std::min<int64_t>(index + (after && index < n ? 1 : 0), n);
      j->items.insert(j->items.begin() + at, *value);
      return;
    }
    if (index >= 0 && index < n) {
      if (last) j->items[static_cast<size_t>(index)] = *value;
      else Apply(&j->items[static_cast<size_t>(index)], step + 1);
    } else if (last && create) {
      j->items.insert(index < 0 ? j->items.begin() : j->items.end(), *value);
    }
  }
};

Value SetPath(const std::vector<Value>& a, bool insert) {
  JsonValue j = JsonbTree(a[0].str_value());
  std::vector<Value> path = DecodeArray(a[1].str_value(), kText);
  if (!j.is_container()) JsonInvalid("cannot set path in scalar");
  if (path.empty()) return a[0];
  JsonValue value = JsonbTree(a[2].str_value());
  PathWrite w{&path, &value};
  w.insert = insert;
  if (a.size() > 3) (insert ? w.after : w.create) = a[3].int_value() != 0;
  w.Apply(&j, 0);
  return JsonbOf(j);
}

// json_strip_nulls / jsonb_strip_nulls: object members whose value is null go, at every depth.
void StripNulls(JsonValue* j) {
  std::vector<std::string> keys;
  std::vector<JsonValue> items;
  for (size_t i = 0; i < j->items.size(); i++) {
    if (j->kind == Kind::kObject && j->items[i].kind == Kind::kNull) continue;
    StripNulls(&j->items[i]);
    if (j->kind == Kind::kObject) keys.push_back(std::move(j->keys[i]));
    items.push_back(std::move(j->items[i]));
  }
  j->keys = std::move(keys);
  j->items = std::move(items);
}

// json text without whitespace, as json_strip_nulls writes it.
void AppendCompact(std::string* out, const JsonValue& j) {
  if (!j.is_container()) {
    *out += j.raw;
    return;
  }
  bool object = j.kind == Kind::kObject;
  out->push_back(object ? '{' : '[');
  for (size_t i = 0; i < j.items.size(); i++) {
    if (i) out->push_back(',');
    if (object) {
      AppendJsonString(out, j.keys[i]);
      out->push_back(':');
    }
    AppendCompact(out, j.items[i]);
  }
  out->push_back(object ? '}' : ']');
}

const char* Article(const JsonValue& j) { return j.kind == Kind::kArray ? "an array" : j.kind == Kind::kObject ? "an object" : "a scalar"; }

// The columns of the set-returning functions, each as an array over the elements or members.
void RegisterSetColumns(FunctionRegistry& r, const LogicalType& type) {
  bool b = type.id == TypeId::kJsonb;
  std::string p = b ? "jsonb" : "json";
  LogicalType types = LogicalType::ArrayOf(type);
  auto object_of = [b, p](const JsonValue& j, const std::string& fn) {
    if (j.kind == Kind::kObject) return;
    if (b) JsonInvalid("cannot call " + fn + " on a non-object");
    JsonInvalid(j.kind == Kind::kArray ? "cannot deconstruct an array as an object" : "cannot deconstruct a scalar");
  };
  for (bool text : {false, true}) {
    std::string each = p + "_each" + (text ? "_text" : "");
    AddRowFunction(r, "$" + each + ".key", {type}, kTexts, [object_of, each](const std::vector<Value>& a, FunctionContext&) {
      JsonValue j = ParseJson(a[0].str_value());
      object_of(j, each);
      std::vector<Value> out;
      for (const std::string& k : j.keys) out.push_back(Value::Text(k));
      return MakeArrayValue(kTexts, out);
    });
    LogicalType value_type = text ? kText : type;
    LogicalType values = LogicalType::ArrayOf(value_type);
    auto values_of = [type, text, values](const JsonValue& j) {
      std::vector<Value> out;
      for (const JsonValue& e : j.items) out.push_back(text ? JsonAsText(&e) : JsonOf(type, &e));
      return MakeArrayValue(values, out);
    };
    AddRowFunction(r, "$" + each + ".value", {type}, values, [object_of, each, values_of](const std::vector<Value>& a, FunctionContext&) {
      JsonValue j = ParseJson(a[0].str_value());
      object_of(j, each);
      return values_of(j);
    });
    std::string elements = p + "_array_elements" + (text ? "_text" : "");
    AddRowFunction(r, "$" + elements + ".value", {type}, values, [b, elements, values_of](const std::vector<Value>& a, FunctionContext&) {
      JsonValue j = ParseJson(a[0].str_value());
      if (j.kind != Kind::kArray) {
        if (b) JsonInvalid(std::string("cannot extract elements from ") + (j.kind == Kind::kObject ? "an object" : "a scalar"));
        JsonInvalid("cannot call " + elements + " on " + (j.kind == Kind::kObject ? "a non-array" : "a scalar"));
      }
      return values_of(j);
    });
  }
  std::string keys = p + "_object_keys";
  AddRowFunction(r, "$" + keys, {type}, kTexts, [keys](const std::vector<Value>& a, FunctionContext&) {
    JsonValue j = ParseJson(a[0].str_value());
    if (j.kind != Kind::kObject) JsonInvalid("cannot call " + keys + " on " + Article(j));
    std::vector<Value> out;
    for (const std::string& k : j.keys) out.push_back(Value::Text(k));
    return MakeArrayValue(kTexts, out);
  });
}

void RegisterBoth(FunctionRegistry& r, const LogicalType& type) {
  bool b = type.id == TypeId::kJsonb;
  std::string p = b ? "jsonb" : "json";
  AddRowFunction(r, p + "_typeof", {type}, kText, [](const std::vector<Value>& a, FunctionContext&) {
    return Value::Text(JsonTypeName(ParseJson(a[0].str_value())));
  });
  AddRowFunction(r, p + "_array_length", {type}, LogicalType(TypeId::kInt4), [](const std::vector<Value>& a, FunctionContext&) {
    JsonValue j = ParseJson(a[0].str_value());
    if (j.kind == Kind::kObject) JsonInvalid("cannot get array length of a non-array");
    if (j.kind != Kind::kArray) JsonInvalid("cannot get array length of a scalar");
    return Value::Int4(static_cast<int64_t>(j.items.size()));
  });
  for (bool text : {false, true}) {
    ScalarFunction f;
    f.name = p + "_extract_path" + (text ? "_text" : "");
    f.arg_types = {type, kText};  // VARIADIC text[]
    f.variadic = true;
    f.return_type = text ? kText : type;
    f.kernel = RowKernel([type, text](const std::vector<Value>& a, FunctionContext&) {
      std::vector<Value> path(a.begin() + 1, a.end());
      JsonValue j = ParseJson(a[0].str_value());
      const JsonValue* at = JsonAtPath(j, path);
      return text ? JsonAsText(at) : JsonOf(type, at);
    }, /*strict=*/false);
    r.Add(std::move(f));
  }
  AddRowFunction(r, p + "_strip_nulls", {type}, type, [b](const std::vector<Value>& a, FunctionContext&) {
    JsonValue j = ParseJson(a[0].str_value());
    StripNulls(&j);
    if (b) return JsonbOf(j);
    std::string out;
    AppendCompact(&out, j);
    return Value::FromString(LogicalType(TypeId::kJson), std::move(out));
  });
  RegisterSetColumns(r, type);
}

}  // namespace

void RegisterJsonProcessing(FunctionRegistry& r) {
  RegisterBoth(r, LogicalType(TypeId::kJson));
  RegisterBoth(r, kJsonb);
  LogicalType boolean(TypeId::kBool);
  AddRowFunction(r, "jsonb_pretty", {kJsonb}, kText, [](const std::vector<Value>& a, FunctionContext&) {
    return Value::Text(JsonbPretty(JsonbTree(a[0].str_value())));
  });
  for (bool insert : {false, true}) {
    const char* name = insert ? "jsonb_insert" : "jsonb_set";
    auto fn = [insert](const std::vector<Value>& a, FunctionContext&) { return SetPath(a, insert); };
    AddRowFunction(r, name, {kJsonb, kTexts, kJsonb}, kJsonb, fn);
    AddRowFunction(r, name, {kJsonb, kTexts, kJsonb, boolean}, kJsonb, fn);
  }
}

}  // namespace kanto
