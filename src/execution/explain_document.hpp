// EXPLAIN in PostgreSQL's structured formats (JSON, YAML, XML): one document for one statement,
// with PostgreSQL's keys ("Plan", "Node Type", "Plans", "Parent Relationship", "Relation Name",
// "Plan Rows", "Actual Rows", "Planning Time", ...). Kanto's operator names map to PostgreSQL's node
// types where they correspond ("HashAggregate" is an "Aggregate" with "Strategy": "Hashed", "Insert
// on t" a "ModifyTable" with "Operation": "Insert", "Hash Left Join" a "Hash Join" with "Join Type":
// "Left"); operators PostgreSQL has no counterpart for keep Kanto's name ("Projection").
// Kanto has no cost model, so "Startup Cost" and "Total Cost" are not written; with COSTS the
// estimates it has are: "Plan Rows" and "Plan Width" (PostgreSQL's per-type width defaults).
#pragma once

#include <string>

#include "execution/explain_writer.hpp"
#include "execution/physical_operator.hpp"

namespace kanto {

struct ExplainDocumentOptions {
  ExplainFormat format = ExplainFormat::kJson;
  bool costs = true;
  bool timing = true;   // with ANALYZE: the actual times
  bool summary = false;  // "Planning Time" (and with ANALYZE "Execution Time")
  double planning_ms = 0;
  double execution_ms = 0;
};

// `state` is the executed plan's state for EXPLAIN ANALYZE (actual figures), else null.
// REQUIRES: options.format is not kText.
std::string ExplainDocument(const PhysicalOperator& plan, const OperatorState* state,
                            const ExplainDocumentOptions& options);

}  // namespace kanto
