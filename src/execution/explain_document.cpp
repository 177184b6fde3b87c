#include "execution/explain_document.hpp"

#include <cstdio>
#include <utility>
#include <vector>

#include "execution/operator/physical_lateral_join.hpp"

namespace kanto {

namespace {

using Prop = std::pair<std::string, std::string>;

// A node's PostgreSQL identity, read from its EXPLAIN name: the node type, the properties written
// right after it (Strategy, Partial Mode, Operation) and those written after "Async Capable"
// (Command, Join Type, scan target).
struct NodeHead {
  std::string type;
  std::vector<Prop> head;
  std::vector<Prop> target;
};

bool StartsWith(const std::string& s, const std::string& prefix) { return s.compare(0, prefix.size(), prefix) == 0; }

// "t" or "t alias" (the scan operators write the alias only when it differs).
void RelationTarget(const std::string& rest, std::vector<Prop>* out) {
  size_t space = rest.find(' ');
  std::string relation = rest.substr(0, space);
  out->emplace_back("Relation Name", relation);
  out->emplace_back("Alias", space == std::string::npos ? relation : rest.substr(space + 1));
}

NodeHead ReadHead(const std::string& name) {
  NodeHead h;
  if (StartsWith(name, "Seq Scan on ")) {
    h.type = "Seq Scan";
    RelationTarget(name.substr(12), &h.target);
    return h;
  }
  if (StartsWith(name, "Index Scan using ")) {
    h.type = "Index Scan";
    std::string rest = name.substr(17);
    size_t on = rest.find(" on ");
    h.target.emplace_back("Scan Direction", "Forward");  // Kanto's index scans all run forward
    h.target.emplace_back("Index Name", rest.substr(0, on));
    RelationTarget(rest.substr(on + 4), &h.target);
    return h;
  }
  for (const char* op : {"Insert", "Update", "Delete", "Merge"}) {
    std::string prefix = std::string(op) + " on ";
    if (StartsWith(name, prefix)) {
      h.type = "ModifyTable";
      h.head.emplace_back("Operation", op);
      RelationTarget(name.substr(prefix.size()), &h.target);
      return h;
    }
  }
  for (const char* join : {"Hash", "Nested Loop"}) {
    std::string j = join;
    if (name == j + " Join" || name == j) {
      h.type = j == "Hash" ? "Hash Join" : "Nested Loop";
      h.target.emplace_back("Join Type", "Inner");
      return h;
    }
    if (StartsWith(name, j + " ") && name.size() > j.size() + 6 && name.compare(name.size() - 5, 5, " Join") == 0) {
      h.type = j == "Hash" ? "Hash Join" : "Nested Loop";
      h.target.emplace_back("Join Type", name.substr(j.size() + 1, name.size() - j.size() - 6));
      return h;
    }
  }
  if (name == "HashAggregate" || name == "Aggregate") {
    h.type = "Aggregate";
    h.head.emplace_back("Strategy", name == "Aggregate" ? "Plain" : "Hashed");
    h.head.emplace_back("Partial Mode", "Simple");
    return h;
  }
  if (StartsWith(name, "HashSetOp ")) {
    h.type = "SetOp";
    h.head.emplace_back("Strategy", "Hashed");
    h.target.emplace_back("Command", name.substr(10));
    return h;
  }
  if (StartsWith(name, "Function Scan on ")) {
    h.type = "Function Scan";
    h.target.emplace_back("Function Name", name.substr(17));
    return h;
  }
  if (StartsWith(name, "WorkTable Scan on ")) {
    h.type = "WorkTable Scan";
    h.target.emplace_back("CTE Name", name.substr(18));
    return h;
  }
  h.type = name;
  return h;
}

// Splits "a, f(b, c), 'x,y'" at its top-level commas (Sort Key and Group Key are lists).
std::vector<std::string> SplitList(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  int depth = 0;
  char quote = 0;
  for (size_t i = 0; i < s.size(); i++) {
    char c = s[i];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '(' || c == '[') {
      depth++;
    } else if (c == ')' || c == ']') {
      depth--;
    } else if (c == ',' && depth == 0 && i + 1 < s.size() && s[i + 1] == ' ') {
      out.push_back(cur);
      cur.clear();
      i++;
      continue;
    }
    cur += c;
  }
  out.push_back(cur);
  return out;
}

// PostgreSQL's width estimate of a column without statistics: the type's length, 32 for
// variable-length types.
int TypeWidth(const LogicalType& t) {
  switch (t.id) {
    case TypeId::kBool: return 1;
    case TypeId::kInt2: return 2;
    case TypeId::kInt4:
    case TypeId::kFloat4:
    case TypeId::kDate:
    case TypeId::kOid:
    case TypeId::kRegclass:
    case TypeId::kRegtype:
    case TypeId::kRegnamespace:
    case TypeId::kRegproc: return 4;
    case TypeId::kInt8:
    case TypeId::kFloat8:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
    case TypeId::kTime: return 8;
    case TypeId::kTimeTz: return 12;
    case TypeId::kInterval: return 16;
    case TypeId::kName: return 64;
    default: return 32;
  }
}

std::string Fixed(double v, int decimals) {
  char buf[64];
  snprintf(buf, sizeof(buf), "%.*f", decimals, v);
  return buf;
}

void WriteNode(ExplainWriter& w, const PhysicalOperator& op, const OperatorState* state,
               const ExplainDocumentOptions& options, const char* relationship) {
  w.OpenGroup("Plan", relationship ? "" : "Plan", true);
  NodeHead head = ReadHead(op.Name());
  w.Text("Node Type", head.type);
  for (const auto& [k, v] : head.head) w.Text(k, v);
  if (relationship) w.Text("Parent Relationship", relationship);
  w.Bool("Parallel Aware", false);
  w.Bool("Async Capable", false);
  for (const auto& [k, v] : head.target) w.Text(k, v);
  if (options.costs) {
    int width = 0;
    for (const auto& t : op.types) width += TypeWidth(t);
    w.Number("Plan Rows", Fixed(op.estimated_rows, 0));
    w.Number("Plan Width", std::to_string(width));
  }
  if (state) {
    if (options.timing) {
      uint64_t startup = state->rows_out ? state->startup_nanos : state->nanos;
      w.Number("Actual Startup Time", Fixed(startup / 1e6, 3));
      w.Number("Actual Total Time", Fixed(state->nanos / 1e6, 3));
    }
    w.Number("Actual Rows", std::to_string(state->rows_out));
    w.Number("Actual Loops", "1");
  }
  std::vector<std::string> loose;  // detail lines that are not "Key: value"
  for (const auto& d : op.Details()) {
    size_t colon = d.find(": ");
    if (colon == std::string::npos) {
      loose.push_back(d);
      continue;
    }
    std::string key = d.substr(0, colon);
    std::string value = d.substr(colon + 2);
    if (key == "Sort Key" || key == "Group Key") {
      w.List(key, SplitList(value));
    } else {
      w.Text(key, value);
    }
  }
  if (!loose.empty()) w.List("Details", loose);
  if (!op.children.empty()) {
    w.OpenGroup("Plans", "Plans", false);
    std::string type = head.type;
    bool members = type == "Append" || type == "SetOp";
    size_t shown = IsProjectSet(op) ? 1 : op.children.size();
    for (size_t i = 0; i < shown; i++) {
      const char* rel = members ? "Member" : i == 0 ? "Outer" : "Inner";
      const OperatorState* child = state && i < state->children.size() ? state->children[i].get() : nullptr;
      WriteNode(w, *op.children[i], child, options, rel);
    }
    w.CloseGroup("Plans", "Plans", false);
  }
  w.CloseGroup("Plan", relationship ? "" : "Plan", true);
}

}  // namespace

std::string ExplainDocument(const PhysicalOperator& plan, const OperatorState* state,
                            const ExplainDocumentOptions& options) {
  ExplainWriter w(options.format);
  w.OpenGroup("Query", "", true);
  WriteNode(w, plan, state, options, nullptr);
  if (options.summary) w.Number("Planning Time", Fixed(options.planning_ms, 3));
  if (state) {
    w.OpenGroup("Triggers", "Triggers", false);
    w.CloseGroup("Triggers", "Triggers", false);
  }
  if (options.summary && state) w.Number("Execution Time", Fixed(options.execution_ms, 3));
  w.CloseGroup("Query", "", true);
  return w.Finish();
}

}  // namespace kanto
