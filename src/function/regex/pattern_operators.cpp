// The pattern-matching operators: LIKE / ILIKE (~~ ~~* !~~ !~~*) and like_escape, SIMILAR TO's
// similar_to_escape, and the regular-expression operators ~ ~* !~ !~*.
#include "function/kernel_util.hpp"
#include "function/regex/like.hpp"
#include "function/regex/regex_cache.hpp"
#include "function/regex/similar_escape.hpp"

namespace kanto {

namespace {

// x op pattern over a whole vector; the pattern is looked up in the cache only when it changes.
ScalarKernel RegexOperatorKernel(bool icase, bool negate) {
  return [icase, negate](const std::vector<const Vector*>& a, size_t n, Vector& out, FunctionContext&) {
    RegexOptions options;
    options.icase = icase;
    const auto& texts = a[0]->strings();
    const auto& patterns = a[1]->strings();
    std::shared_ptr<const Regex> re;
    const std::string* compiled_for = nullptr;
    for (size_t i = 0; i < n; i++) {
      if (out.IsNull(i)) continue;
      if (!compiled_for || patterns[i] != *compiled_for) {
        re = CachedRegex(patterns[i], options);
        compiled_for = &patterns[i];
      }
      out.ints()[i] = re->Matches(texts[i]) != negate;
    }
  };
}

}  // namespace

void RegisterPatternOperators(FunctionRegistry& r) {
  LogicalType text = T(TypeId::kText), b = T(TypeId::kBool);
  struct Op {
    const char* name;
    bool icase;
    bool negate;
  };
  for (Op l : {Op{"~~", false, false}, Op{"!~~", false, true}, Op{"~~*", true, false}, Op{"!~~*", true, true}}) {
    AddRowFunction(r, l.name, {text, text}, b, [l](const std::vector<Value>& a, FunctionContext&) {
      return Value::Bool(LikeMatch(a[0].str_value(), a[1].str_value(), l.icase) != l.negate);
    });
  }
  AddRowFunction(r, "like_escape", {text, text}, text, [](const std::vector<Value>& a, FunctionContext&) {
    return Value::Text(LikeEscape(a[0].str_value(), a[1].str_value()));
  });
  AddRowFunction(r, "similar_to_escape", {text}, text, [](const std::vector<Value>& a, FunctionContext&) {
    return Value::Text(SimilarToRegex(a[0].str_value(), nullptr));
  });
  AddRowFunction(r, "similar_to_escape", {text, text}, text, [](const std::vector<Value>& a, FunctionContext&) {
    std::string_view escape = a[1].str_value();
    return Value::Text(SimilarToRegex(a[0].str_value(), &escape));
  });
  for (Op re : {Op{"~", false, false}, Op{"!~", false, true}, Op{"~*", true, false}, Op{"!~*", true, true}}) {
    ScalarFunction f;
    f.name = re.name;
    f.arg_types = {text, text};
    f.return_type = b;
    f.kernel = RegexOperatorKernel(re.icase, re.negate);
    r.Add(std::move(f));
  }
}

}  // namespace kanto
