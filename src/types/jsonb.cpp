#include "types/jsonb.hpp"

#include <algorithm>
#include <numeric>

#include "common/stack_depth.hpp"
#include "types/numeric.hpp"

namespace kanto {

namespace {

using Kind = JsonValue::Kind;

void PutCount(std::string* out, size_t n) {
  for (int i = 3; i >= 0; i--) out->push_back(static_cast<char>((n >> (8 * i)) & 0xff));
}

void PutString(std::string* out, const std::string& s) {
  for (char c : s) {
    out->push_back(c);
    if (c == '\0') out->push_back('\xff');
  }
  out->push_back('\0');
  out->push_back('\x01');
}

// Type ranks in PostgreSQL's order (jbvNull < jbvString < jbvNumeric < jbvBool < jbvArray < jbvObject).
char Rank(Kind k) { return static_cast<char>(0x10 + 0x10 * static_cast<int>(k)); }

void AppendKey(std::string* out, const JsonValue& v) {
  CheckStackDepth();
  out->push_back(Rank(v.kind));
  switch (v.kind) {
    case Kind::kNull: break;
    case Kind::kString: PutString(out, v.text); break;
    case Kind::kNumber: Numeric::Parse(v.text).EncodeKey(out); break;
    case Kind::kBool: out->push_back(v.boolean ? '\1' : '\0'); break;
    case Kind::kArray:
      PutCount(out, v.items.size());
      for (const JsonValue& e : v.items) AppendKey(out, e);
      break;
    case Kind::kObject:
      PutCount(out, v.items.size());
      for (size_t i = 0; i < v.items.size(); i++) {
        PutString(out, v.keys[i]);
        AppendKey(out, v.items[i]);
      }
      break;
  }
}

bool ScalarEqual(const JsonValue& a, const JsonValue& b) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case Kind::kNull: return true;
    case Kind::kString: return a.text == b.text;
    case Kind::kNumber: return Numeric::Parse(a.text) == Numeric::Parse(b.text);
    case Kind::kBool: return a.boolean == b.boolean;
    default: return false;
  }
}

// JsonbDeepContains; a top-level scalar takes part as a one-element array (`raw`).
bool DeepContains(const JsonValue& val, bool val_raw, const JsonValue& cont, bool cont_raw) {
  CheckStackDepth();
  bool val_array = val_raw || val.kind == Kind::kArray;
  bool cont_array = cont_raw || cont.kind == Kind::kArray;
  if (val.kind == Kind::kObject && cont.kind == Kind::kObject) {
    if (val.items.size() < cont.items.size()) return false;
    for (size_t i = 0; i < cont.keys.size(); i++) {
      auto it = std::find(val.keys.begin(), val.keys.end(), cont.keys[i]);
      if (it == val.keys.end()) return false;
      const JsonValue& lhs = val.items[static_cast<size_t>(it - val.keys.begin())];
      const JsonValue& rhs = cont.items[i];
      if (!rhs.is_container()) {
        if (!ScalarEqual(lhs, rhs)) return false;
      } else if (lhs.kind != rhs.kind || !DeepContains(lhs, false, rhs, false)) {
        return false;
      }
    }
    return true;
  }
  if (!val_array || !cont_array) return false;
  if (val_raw && !cont_raw) return false;
  const std::vector<JsonValue> one_val = val_raw ? std::vector<JsonValue>{val} : std::vector<JsonValue>{};
  const std::vector<JsonValue> one_cont = cont_raw ? std::vector<JsonValue>{cont} : std::vector<JsonValue>{};
  const std::vector<JsonValue>& lhs = val_raw ? one_val : val.items;
  const std::vector<JsonValue>& rhs = cont_raw ? one_cont : cont.items;
  for (const JsonValue& r : rhs) {
    bool found = false;
    for (const JsonValue& l : lhs) {
      if (!r.is_container() ? ScalarEqual(l, r) : (l.kind == r.kind && DeepContains(l, false, r, false))) {
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

void Indent(std::string* out, int level) {
  out->push_back('\n');
  out->append(static_cast<size_t>(4 * level), ' ');
}

void AppendPretty(std::string* out, const JsonValue& v, int level) {
  CheckStackDepth();
  if (!v.is_container()) {
    AppendJsonbText(out, v);
    return;
  }
  bool object = v.kind == Kind::kObject;
  out->push_back(object ? '{' : '[');
  for (size_t i = 0; i < v.items.size(); i++) {
    if (i) out->push_back(',');
    Indent(out, level + 1);
    if (object) {
      AppendJsonString(out, v.keys[i]);
      *out += ": ";
    }
    AppendPretty(out, v.items[i], level + 1);
  }
  Indent(out, level);
  out->push_back(object ? '}' : ']');
}

}  // namespace

bool JsonbKeyLess(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return a.size() < b.size();
  return a < b;
}

void NormalizeJsonb(JsonValue* v) {
  CheckStackDepth();
  v->raw = {};
  switch (v->kind) {
    case Kind::kNumber: v->text = Numeric::Parse(v->text).ToString(); return;
    case Kind::kArray:
      for (JsonValue& e : v->items) NormalizeJsonb(&e);
      return;
    case Kind::kObject: {
      for (JsonValue& e : v->items) NormalizeJsonb(&e);
      // Stable sort by key, then keep the last of equal keys.
      std::vector<size_t> order(v->keys.size());
      std::iota(order.begin(), order.end(), 0);
      std::stable_sort(order.begin(), order.end(),
                       [&](size_t a, size_t b) { return JsonbKeyLess(v->keys[a], v->keys[b]); });
      std::vector<std::string> keys;
      std::vector<JsonValue> items;
      for (size_t k = 0; k < order.size(); k++) {
        size_t i = order[k];
        if (k + 1 < order.size() && v->keys[order[k + 1]] == v->keys[i]) continue;
        keys.push_back(std::move(v->keys[i]));
        items.push_back(std::move(v->items[i]));
      }
      v->keys = std::move(keys);
      v->items = std::move(items);
      return;
    }
    default: return;
  }
}

void AppendJsonbText(std::string* out, const JsonValue& v) {
  CheckStackDepth();
  switch (v.kind) {
    case Kind::kNull: *out += "null"; return;
    case Kind::kBool: *out += v.boolean ? "true" : "false"; return;
    case Kind::kNumber: *out += v.text; return;
    case Kind::kString: AppendJsonString(out, v.text); return;
    case Kind::kArray:
      out->push_back('[');
      for (size_t i = 0; i < v.items.size(); i++) {
        if (i) *out += ", ";
        AppendJsonbText(out, v.items[i]);
      }
      out->push_back(']');
      return;
    case Kind::kObject:
      out->push_back('{');
      for (size_t i = 0; i < v.items.size(); i++) {
        if (i) *out += ", ";
        AppendJsonString(out, v.keys[i]);
        *out += ": ";
        AppendJsonbText(out, v.items[i]);
      }
      out->push_back('}');
      return;
  }
}

std::string JsonbText(const JsonValue& v) {
  std::string out;
  AppendJsonbText(&out, v);
  return out;
}

std::string JsonbFromText(std::string_view text) {
  JsonValue v = ParseJson(text);
  NormalizeJsonb(&v);
  return JsonbText(v);
}

std::string JsonbPretty(const JsonValue& v) {
  std::string out;
  AppendPretty(&out, v, 0);
  return out;
}

JsonValue JsonbTree(std::string_view stored) { return ParseJson(stored); }

void AppendJsonbKey(std::string* out, std::string_view stored) {
  JsonValue v = JsonbTree(stored);
  if (v.kind == Kind::kObject) {
    AppendKey(out, v);
    return;
  }
  // The top level is an array; a scalar is a one-element "raw scalar" array that sorts before
  // real arrays of one element (the element count decides first).
  out->push_back(Rank(Kind::kArray));
  if (v.kind == Kind::kArray) {
    PutCount(out, v.items.size());
    out->push_back('\1');
    for (const JsonValue& e : v.items) AppendKey(out, e);
  } else {
    PutCount(out, 1);
    out->push_back('\0');
    AppendKey(out, v);
  }
}

int CompareJsonb(std::string_view a, std::string_view b) {
  std::string x, y;
  AppendJsonbKey(&x, a);
  AppendJsonbKey(&y, b);
  int c = x.compare(y);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

bool JsonbContains(const JsonValue& a, const JsonValue& b) {
  if ((a.kind == Kind::kObject) != (b.kind == Kind::kObject)) return false;
  return DeepContains(a, !a.is_container(), b, !b.is_container());
}

}  // namespace kanto
