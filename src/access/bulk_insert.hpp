// COPY ... FREEZE into a table this transaction created or truncated: its new rows (hidden row
// ids, allocated in ascending order) are written into SST files and ingested (storage/bulk_load.hpp)
// instead of going through the transaction's write batch, as PostgreSQL writes them frozen.
#pragma once

#include <memory>
#include <vector>

#include "access/constraint_check.hpp"
#include "catalog/catalog.hpp"
#include "types/value.hpp"

namespace kanto {
struct ExecutionContext;

namespace storage {
class BulkLoad;
class Transaction;
}  // namespace storage

namespace access {

// CREATE TABLE and TRUNCATE: the table's rows are this transaction's alone until it commits (no
// other transaction can read or lock the table: it is new, or held in ACCESS EXCLUSIVE mode).
// Undone with the statement by a rollback to a savepoint.
void NoteRowsOwnedByTransaction(storage::Transaction& txn, const TableEntry& table);

class BulkInsert {
 public:
  // Null unless the table's rows are this transaction's (NoteRowsOwnedByTransaction) and nothing
  // else is written with them: no primary key, no index, no foreign key.
  static std::unique_ptr<BulkInsert> Start(ExecutionContext& ctx, const TableEntry& table);
  ~BulkInsert();
  // What InsertTableRow does for a new row of such a table (generated columns, NOT NULL, CHECK).
  void Insert(std::vector<Value>& row, const std::vector<BoundCheck>& checks);
  // Ingests the rows; the transaction reads them from then on.
  void Finish();

 private:
  BulkInsert(ExecutionContext& ctx, const TableEntry& table, std::unique_ptr<storage::BulkLoad> load);
  ExecutionContext& ctx_;
  const TableEntry& table_;
  std::unique_ptr<storage::BulkLoad> load_;
  std::string value_;
};

}  // namespace access
}  // namespace kanto
