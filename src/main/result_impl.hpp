// ResultImpl: the materialized outcome of one statement.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "function/function_context.hpp"
#include "kanto/kanto.hpp"
#include "types/vector.hpp"

namespace kanto {

class ResultImpl {
 public:
  std::string tag;
  uint64_t rows_affected = 0;
  bool has_rows = false;
  bool streaming = false;  // the rows follow through the connection's open statement
  std::vector<ColumnInfo> columns;
  std::vector<LogicalType> types;
  std::vector<DataChunk> chunks;
  FunctionContext fn;  // for text output (time zone; fn.catalog = catalog, for reg* names)
  std::shared_ptr<const Catalog> catalog;
  bool copy_in = false;   // COPY FROM STDIN waits for data
  bool copy_out = false;  // COPY TO STDOUT: copy_data holds the formatted rows
  std::string copy_data;
  bool copy_binary = false;  // COPY in the binary format
  std::vector<Error> notices;  // NOTICEs the statement raised (sqlstate 00000)

  size_t row_count() const { return total_rows_; }
  void AddChunk(DataChunk chunk);
  // Locates a row: chunk and offset.
  const Vector& Cell(size_t row, size_t col, size_t* offset) const;

 private:
  std::vector<size_t> starts_;
  size_t total_rows_ = 0;
};

// The description of a result column `name` of type `type`: OID, typmod, spelling and typlen, as
// the wire protocol's RowDescription gives them.
ColumnInfo ResultColumn(const std::string& name, const LogicalType& type);

// A result with only a command tag ("SET", "CREATE TABLE").
inline std::unique_ptr<ResultImpl> TagOnly(std::string tag) {
  auto r = std::make_unique<ResultImpl>();
  r->tag = std::move(tag);
  return r;
}

}  // namespace kanto
