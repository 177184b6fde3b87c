// Aggregate functions: count, sum, avg, min, max, ... One AggregateState per group.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "function/function.hpp"

namespace kanto {

class AggregateState {
 public:
  virtual ~AggregateState() = default;
  // Adds row `row` of the argument vectors (strict aggregates never see a NULL argument).
  virtual void Update(const std::vector<const Vector*>& args, size_t row) = 0;
  // The result for the group (NULL when no rows for sum/min/max/avg, 0 for count).
  virtual Value Finalize() = 0;
  // Approximate heap bytes held (for the memory budget).
  virtual size_t MemoryUsage() const { return sizeof(*this); }
  // Hypothetical-set aggregates: the WITHIN GROUP sort order (one entry per key), given once.
  virtual void SetSortOrder(const std::vector<uint8_t>& desc, const std::vector<uint8_t>& nulls_first) {}
};

struct AggregateFunction {
  std::string name;
  std::vector<LogicalType> arg_types;  // TypeId::kUnknown: any type (min/max)
  LogicalType return_type;
  ReturnTypeFn return_type_fn;  // optional: from resolved argument types
  // Creates an empty state for the given (resolved) argument types and result type.
  std::function<std::unique_ptr<AggregateState>(const std::vector<LogicalType>& args, const LogicalType& result)>
      make_state;
  bool strict = true;  // rows where any argument is NULL are skipped
  // Non-strict aggregates skip rows whose first argument is NULL unless this is set (array_agg).
  bool keeps_nulls = false;
  // The result depends on the order rows arrive in (string_agg, array_agg).
  bool order_sensitive = false;
  // Ordered-set aggregates (percentile_cont, mode, ... WITHIN GROUP): how many direct arguments come
  // before the WITHIN GROUP value; -1 for a normal aggregate. Their states see NULL values too and
  // read the direct arguments from any row (the executor feeds one row of them to an empty group).
  int direct_args = -1;
  // Hypothetical-set (rank(...) WITHIN GROUP): as many direct arguments as sort keys; an empty group
  // needs no row of them.
  bool hypothetical = false;
};

class AggregateRegistry {
 public:
  static const AggregateRegistry& Instance();
  void Add(AggregateFunction fn);
  const std::vector<AggregateFunction>* Find(const std::string& name) const;
  const std::unordered_map<std::string, std::vector<AggregateFunction>>& All() const { return functions_; }

 private:
  std::unordered_map<std::string, std::vector<AggregateFunction>> functions_;
};

void RegisterBasicAggregates(AggregateRegistry& r);  // count, sum, avg, min, max, bool_and/or, ...
void RegisterStatisticalAggregates(AggregateRegistry& r);
void RegisterJsonAggregates(AggregateRegistry& r);  // json[b]_agg, json[b]_object_agg  // stddev, variance and their _samp/_pop forms
void RegisterOrderedSetAggregates(AggregateRegistry& r);  // percentile_cont / _disc, mode, $hypothetical_rank, ...

}  // namespace kanto
