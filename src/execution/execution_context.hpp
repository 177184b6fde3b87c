// ExecutionContext: everything a running plan needs from its connection and transaction.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <cstdint>
#include <vector>

#include "function/function_context.hpp"
#include "types/value.hpp"
#include "types/vector.hpp"

namespace kanto {

namespace access {
class DeferredConstraints;
}  // namespace access

namespace storage {
class Engine;
class Transaction;
}  // namespace storage

// Tracks memory held by sorts, hash tables and materialized results of one query.
class MemoryTracker {
 public:
  explicit MemoryTracker(uint64_t limit) : limit_(limit) {}
  // Throws Error 53200 when the query's budget would be exceeded.
  void Reserve(uint64_t bytes);
  void Release(uint64_t bytes) { used_ = bytes > used_ ? 0 : used_ - bytes; }
  uint64_t used() const { return used_; }
  uint64_t limit() const { return limit_; }

 private:
  uint64_t limit_;
  uint64_t used_ = 0;
};

struct ExecutionContext {
  storage::Engine* engine = nullptr;
  storage::Transaction* txn = nullptr;
  FunctionContext fn;
  const std::vector<Value>* params = nullptr;
  // Inside a correlated subquery: the outer row's values (kOuterRef).
  const std::vector<Value>* outer = nullptr;
  // Results of uncorrelated subqueries, computed once per statement.
  std::shared_ptr<std::map<const void*, std::vector<Value>>> subquery_cache =
      std::make_shared<std::map<const void*, std::vector<Value>>>();
  MemoryTracker* memory = nullptr;
  // Set from another thread to cancel the statement (57014).
  const std::atomic<bool>* cancel = nullptr;
  // statement_timeout: the steady-clock time (microseconds) past which the statement fails with
  // 57014; 0 for none.
  int64_t deadline_micros = 0;
  bool analyze = false;  // EXPLAIN ANALYZE: collect per-operator rows and time
  // The most rows a table scan, table function or VALUES list puts in one batch (at most
  // kChunkSize): a cursor's FETCH n asks for n, so that an error in a later row is raised by the
  // FETCH that reaches it, as in PostgreSQL.
  size_t batch_rows = kChunkSize;
  // WITH RECURSIVE: the current working table of each recursive query (by cte id).
  std::shared_ptr<std::map<uint32_t, std::shared_ptr<const DataChunk>>> working_tables =
      std::make_shared<std::map<uint32_t, std::shared_ptr<const DataChunk>>>();
  // The transaction's deferred foreign key checks and SET CONSTRAINTS modes (null: none deferred).
  access::DeferredConstraints* deferred = nullptr;
  // Rows inserted/updated/deleted by the statement (set by the modify operators).
  uint64_t rows_affected = 0;

  // Throws 57014 "canceling statement due to user request" when cancel is set, or "... due to
  // statement timeout" past the deadline.
  void CheckCancel() const;
};

}  // namespace kanto
