// The json and jsonb operators: -> ->> #> #>> on both; jsonb's comparisons (btree order),
// containment @> <@, existence ? ?| ?&, concatenation ||, deletion - and #-.
#include "function/comparison_ops.hpp"
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

std::vector<Value> Texts(const Value& v) { return DecodeArray(v.str_value(), kText); }

// jsonb ? key: a top-level object key, or a string element of a top-level array (or the scalar).
bool HasKey(const JsonValue& j, const std::string& key) {
  if (j.kind == Kind::kObject) return JsonMember(j, key) != nullptr;
  if (j.kind == Kind::kString) return j.text == key;
  if (j.kind != Kind::kArray) return false;
  for (const JsonValue& e : j.items) {
    if (e.kind == Kind::kString && e.text == key) return true;
  }
  return false;
}

// jsonb || jsonb: objects merge (the right side wins); otherwise both sides as arrays, concatenated
// (an object or a scalar is a one-element array).
JsonValue Concat(JsonValue a, JsonValue b) {
  JsonValue out;
  if (a.kind == Kind::kObject && b.kind == Kind::kObject) {
    out = std::move(a);
    for (size_t i = 0; i < b.keys.size(); i++) {
      out.keys.push_back(std::move(b.keys[i]));
      out.items.push_back(std::move(b.items[i]));
    }
    NormalizeJsonb(&out);
    return out;
  }
  out.kind = Kind::kArray;
  for (JsonValue* side : {&a, &b}) {
    if (side->kind == Kind::kArray) {
      for (JsonValue& e : side->items) out.items.push_back(std::move(e));
    } else {
      out.items.push_back(std::move(*side));
    }
  }
  return out;
}

void RemoveKeys(JsonValue* j, const std::vector<std::string>& keys) {
  if (!j->is_container()) JsonInvalid("cannot delete from scalar");
  auto match = [&](const std::string& s) {
    for (const std::string& k : keys) {
      if (k == s) return true;
    }
    return false;
  };
  std::vector<std::string> out_keys;
  std::vector<JsonValue> out_items;
  for (size_t i = 0; i < j->items.size(); i++) {
    bool object = j->kind == Kind::kObject;
    if (object ? match(j->keys[i]) : (j->items[i].kind == Kind::kString && match(j->items[i].text))) continue;
    if (object) out_keys.push_back(std::move(j->keys[i]));
    out_items.push_back(std::move(j->items[i]));
  }
  j->keys = std::move(out_keys);
  j->items = std::move(out_items);
}

// #-: removes the value at `path` (nothing when a step is missing).
void DeletePath(JsonValue* j, const std::vector<Value>& path, size_t step) {
  if (step == path.size() || !j->is_container()) return;
  const std::string& s = path[step].str_value();
  size_t at;
  if (j->kind == Kind::kObject) {
    const JsonValue* m = JsonMember(*j, s);
    if (!m) return;
    at = static_cast<size_t>(m - j->items.data());
  } else {
    int64_t index = JsonPathIndex(s, step + 1);
    auto n = static_cast<int64_t>(j->items.size());
    if (index < 0) index += n;
    if (index < 0 || index >= n) return;
    at = static_cast<size_t>(index);
  }
  if (step + 1 < path.size()) {
    DeletePath(&j->items[at], path, step + 1);
    return;
  }
  if (j->kind == Kind::kObject) j->keys.erase(j->keys.begin() + static_cast<std::ptrdiff_t>(at));
  j->items.erase(j->items.begin() + static_cast<std::ptrdiff_t>(at));
}

// -> int: an array element; jsonb's top-level scalar is a one-element array there (json's is not).
const JsonValue* Element(const LogicalType& type, const JsonValue& j, int64_t index) {
  if (type.id == TypeId::kJsonb && !j.is_container()) return index == 0 || index == -1 ? &j : nullptr;
  return JsonElement(j, index);
}

void AddJson(FunctionRegistry& r, const char* name, std::vector<LogicalType> args, LogicalType ret, RowFn fn) {
  AddRowFunction(r, name, std::move(args), ret, std::move(fn));
}

// -> ->> #> #>> over one of the two types.
void RegisterExtraction(FunctionRegistry& r, const LogicalType& type) {
  LogicalType int4(TypeId::kInt4);
  AddJson(r, "->", {type, kText}, type, [type](const std::vector<Value>& a, FunctionContext&) {
    return JsonOf(type, JsonMember(ParseJson(a[0].str_value()), a[1].str_value()));
  });
  AddJson(r, "->", {type, int4}, type, [type](const std::vector<Value>& a, FunctionContext&) {
    return JsonOf(type, Element(type, ParseJson(a[0].str_value()), a[1].int_value()));
  });
  AddJson(r, "->>", {type, kText}, kText, [](const std::vector<Value>& a, FunctionContext&) {
    return JsonAsText(JsonMember(ParseJson(a[0].str_value()), a[1].str_value()));
  });
  AddJson(r, "->>", {type, int4}, kText, [type](const std::vector<Value>& a, FunctionContext&) {
    return JsonAsText(Element(type, ParseJson(a[0].str_value()), a[1].int_value()));
  });
  AddJson(r, "#>", {type, kTexts}, type, [type](const std::vector<Value>& a, FunctionContext&) {
    return JsonOf(type, JsonAtPath(ParseJson(a[0].str_value()), Texts(a[1])));
  });
  AddJson(r, "#>>", {type, kTexts}, kText, [](const std::vector<Value>& a, FunctionContext&) {
    return JsonAsText(JsonAtPath(ParseJson(a[0].str_value()), Texts(a[1])));
  });
}

}  // namespace

void RegisterJsonOperators(FunctionRegistry& r) {
  RegisterExtraction(r, LogicalType(TypeId::kJson));
  RegisterExtraction(r, kJsonb);
  LogicalType boolean(TypeId::kBool), int4(TypeId::kInt4);
  for (const ComparisonOp& op : kComparisonOps) {
    auto pred = op.pred;
    AddJson(r, op.name, {kJsonb, kJsonb}, boolean, [pred](const std::vector<Value>& a, FunctionContext&) {
      return Value::Bool(pred(CompareJsonb(a[0].str_value(), a[1].str_value())));
    });
  }
  AddJson(r, "@>", {kJsonb, kJsonb}, boolean, [](const std::vector<Value>& a, FunctionContext&) {
    return Value::Bool(JsonbContains(JsonbTree(a[0].str_value()), JsonbTree(a[1].str_value())));
  });
  AddJson(r, "<@", {kJsonb, kJsonb}, boolean, [](const std::vector<Value>& a, FunctionContext&) {
    return Value::Bool(JsonbContains(JsonbTree(a[1].str_value()), JsonbTree(a[0].str_value())));
  });
  AddJson(r, "?", {kJsonb, kText}, boolean, [](const std::vector<Value>& a, FunctionContext&) {
    return Value::Bool(HasKey(JsonbTree(a[0].str_value()), a[1].str_value()));
  });
  for (bool any : {true, false}) {
    AddJson(r, any ? "?|" : "?&", {kJsonb, kTexts}, boolean, [any](const std::vector<Value>& a, FunctionContext&) {
      JsonValue j = JsonbTree(a[0].str_value());
      for (const Value& k : Texts(a[1])) {
        if (k.is_null()) continue;  // NULL keys are skipped
        if (HasKey(j, k.str_value()) == any) return Value::Bool(any);
      }
      return Value::Bool(!any);
    });
  }
  AddJson(r, "||", {kJsonb, kJsonb}, kJsonb, [](const std::vector<Value>& a, FunctionContext&) {
    return JsonbOf(Concat(JsonbTree(a[0].str_value()), JsonbTree(a[1].str_value())));
  });
  AddJson(r, "-", {kJsonb, kText}, kJsonb, [](const std::vector<Value>& a, FunctionContext&) {
    JsonValue j = JsonbTree(a[0].str_value());
    RemoveKeys(&j, {a[1].str_value()});
    return JsonbOf(j);
  });
  AddJson(r, "-", {kJsonb, kTexts}, kJsonb, [](const std::vector<Value>& a, FunctionContext&) {
    JsonValue j = JsonbTree(a[0].str_value());
    std::vector<std::string> keys;
    for (const Value& k : Texts(a[1])) {
      if (!k.is_null()) keys.push_back(k.str_value());
    }
    RemoveKeys(&j, keys);
    return JsonbOf(j);
  });
  AddJson(r, "-", {kJsonb, int4}, kJsonb, [](const std::vector<Value>& a, FunctionContext&) {
    JsonValue j = JsonbTree(a[0].str_value());
    if (j.kind == Kind::kObject) JsonInvalid("cannot delete from object using integer index");
    if (j.kind != Kind::kArray) JsonInvalid("cannot delete from scalar");
    if (const JsonValue* e = JsonElement(j, a[1].int_value())) j.items.erase(j.items.begin() + (e - j.items.data()));
    return JsonbOf(j);
  });
  AddJson(r, "#-", {kJsonb, kTexts}, kJsonb, [](const std::vector<Value>& a, FunctionContext&) {
    JsonValue j = JsonbTree(a[0].str_value());
    if (!j.is_container()) JsonInvalid("cannot delete path in scalar");
    std::vector<Value> path = Texts(a[1]);
    for (size_t i = 0; i < path.size(); i++) {
      if (path[i].is_null()) {
        throw Error(sqlstate::kNullValueNotAllowed, "path element at position " + std::to_string(i + 1) + " is null");
      }
    }
    DeletePath(&j, path, 0);
    return JsonbOf(j);
  });
}

}  // namespace kanto
