// OpenStatement: a query whose rows stream to the reader (ResultStream). It keeps what running the
// plan needs between batches: the plan, the catalog it was bound against, the typed parameters, the
// operator states and the execution context (its transaction is the connection's, held open until
// the statement completes).
#pragma once

#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "catalog/catalog.hpp"
#include "execution/execution_context.hpp"
#include "execution/physical_operator.hpp"
#include "kanto/kanto.hpp"
#include "main/result_impl.hpp"
#include "types/value.hpp"

namespace kanto {

struct OpenStatement {
  std::shared_ptr<const void> plan_owner;  // keeps `plan` alive (a cached plan may be replaced)
  const PhysicalOperator* plan = nullptr;
  std::shared_ptr<const Catalog> catalog;
  std::vector<Value> params;
  std::unique_ptr<MemoryTracker> memory;
  ExecutionContext ctx;
  std::unique_ptr<OperatorState> state;
  // The statement's header: columns, types and output settings for each batch.
  std::unique_ptr<ResultImpl> header;
  uint64_t rows = 0;
  bool autocommit = false;
  // COPY ... TO STDOUT: formats each batch's rows (the batch's copy_data); the tag is "COPY n".
  std::function<void(const QueryResult& rows, std::string* data)> copy_rows;
  std::shared_ptr<const void> keep_statement;  // a COPY table's generated query
  std::string copy_trailer;  // COPY in the binary format: the data after the last row (the end's copy_data)
  // Another statement had to run on the connection: the rest of the rows were read into
  // `buffered` and the statement completed with `outcome`.
  std::deque<DataChunk> buffered;
  std::unique_ptr<QueryResult> outcome;
};

}  // namespace kanto
