// PostgreSQL's record_out / record_in: (1,"a b",) — a NULL field is empty, a field that is empty or
// holds a quote, backslash, parenthesis, comma or space is double-quoted with " and \ doubled.
#include <cctype>

#include "function/cast.hpp"
#include "function/cast_text.hpp"
#include "kanto/error.hpp"
#include "types/record.hpp"

namespace kanto {

std::string RecordToText(const Value& v, const FunctionContext& ctx) {
  std::string out = "(";
  bool first = true;
  for (const Value& f : DecodeRecord(v.str_value(), v.type())) {
    if (!first) out += ',';
    first = false;
    if (f.is_null()) continue;
    std::string text = ValueToText(f, ctx);
    bool quote = text.empty();
    for (char c : text) {
      if (c == '"' || c == '\\' || c == '(' || c == ')' || c == ',' || std::isspace(static_cast<unsigned char>(c))) {
        quote = true;
      }
    }
    if (!quote) {
      out += text;
      continue;
    }
    out += '"';
    for (char c : text) {
      if (c == '"' || c == '\\') out += c;
      out += c;
    }
    out += '"';
  }
  return out + ")";
}

Value TextToRecord(std::string_view text, const LogicalType& type, const FunctionContext& ctx) {
  auto malformed = [&](const char* detail) {
    return Error(sqlstate::kInvalidTextRepresentation, "malformed record literal: \"" + std::string(text) + "\"")
        .WithDetail(detail);
  };
  if (!IsKnownRecord(type)) {
    throw Error(sqlstate::kFeatureNotSupported, "input of anonymous composite types is not implemented");
  }
  const RecordType& rec = RecordTypeOf(type);
  size_t p = 0;
  while (p < text.size() && std::isspace(static_cast<unsigned char>(text[p]))) p++;
  if (p == text.size() || text[p] != '(') throw malformed("Missing left parenthesis.");
  p++;
  std::vector<Value> fields;
  for (size_t i = 0; i < rec.fields.size(); i++) {
    if (i > 0) {
      if (p < text.size() && text[p] == ')') throw malformed("Too few columns.");
      if (p >= text.size() || text[p] != ',') throw malformed("Unexpected end of input.");
      p++;
    }
    const LogicalType& ft = rec.fields[i].type;
    if (p < text.size() && (text[p] == ',' || text[p] == ')')) {
      fields.push_back(Value::Null(ft));
      continue;
    }
    std::string item;
    bool in_quotes = false;
    while (in_quotes || (p < text.size() && text[p] != ',' && text[p] != ')')) {
      if (p >= text.size()) throw malformed("Unexpected end of input.");
      char c = text[p++];
      if (c == '\\') {
        if (p >= text.size()) throw malformed("Unexpected end of input.");
        item += text[p++];
      } else if (c == '"') {
        if (!in_quotes) {
          in_quotes = true;
        } else if (p < text.size() && text[p] == '"') {
          item += '"';  // "" inside quotes is one quote
          p++;
        } else {
          in_quotes = false;
        }
      } else {
        item += c;
      }
    }
    Value f = TextToValue(item, ft, ctx);
    f.set_type(ft);
    fields.push_back(std::move(f));
  }
  if (p >= text.size()) throw malformed("Unexpected end of input.");
  if (text[p] != ')') throw malformed("Too many columns.");
  p++;
  while (p < text.size() && std::isspace(static_cast<unsigned char>(text[p]))) p++;
  if (p != text.size()) throw malformed("Junk after right parenthesis.");
  return MakeRecordValue(type, fields);
}

// ROW(...)::t and one composite type to another: field by field, as PostgreSQL's record casts
// (the same number of fields, each cast in `context`).
Value CastRecord(const Value& v, const LogicalType& target, CastContext context, const FunctionContext& ctx) {
  const RecordType& to = RecordTypeOf(target);
  std::vector<Value> in = DecodeRecord(v.str_value(), v.type());
  if (in.size() != to.fields.size()) {
    throw Error(sqlstate::kCannotCoerce, "cannot cast type " + v.type().ToString() + " to " + target.ToString())
        .WithDetail(std::string("Input has too ") + (in.size() < to.fields.size() ? "few" : "many") + " columns.");
  }
  std::vector<Value> out;
  for (size_t i = 0; i < in.size(); i++) {
    Value c = CastValue(in[i], to.fields[i].type, context, ctx);
    c.set_type(to.fields[i].type);
    out.push_back(std::move(c));
  }
  return MakeRecordValue(target, out);
}

}  // namespace kanto
