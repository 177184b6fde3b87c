// CommandContext: what a utility statement (src/commands/) may use from the session that runs it:
// the transaction, the catalog (read, or changed through a CatalogChange), the function context
// (settings, time zone, current user) and a way to run a query. Commands never see ConnectionImpl.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "catalog/catalog.hpp"
#include "execution/execution_context.hpp"
#include "function/function_context.hpp"
#include "kanto/error.hpp"
#include "parser/ast_stmt.hpp"

namespace kanto {

class SequenceSession;

namespace storage {
class Engine;
class Transaction;
}  // namespace storage

namespace commands {

// What a command reports back: its tag ("CREATE TABLE", "SELECT 3") and rows affected.
struct CommandResult {
  CommandResult(std::string tag_ = "", uint64_t rows = 0) : tag(std::move(tag_)), rows_affected(rows) {}
  std::string tag;
  uint64_t rows_affected;
  std::vector<Error> notices;  // NOTICEs for the client (sqlstate 00000), in order
};

class CatalogChange;
class DatabaseDirectory;

struct CommandContext {
  storage::Transaction* txn = nullptr;
  storage::Engine* engine = nullptr;
  FunctionContext fn;  // fn.current_user is the role running the command
  SequenceSession* sequences = nullptr;
  bool in_transaction_block = false;
  const std::atomic<bool>* cancel = nullptr;
  // The transaction's deferred foreign key checks and SET CONSTRAINTS modes.
  access::DeferredConstraints* deferred = nullptr;
  // The catalog the statement reads (the transaction's view, own DDL included).
  std::function<std::shared_ptr<const Catalog>()> catalog;
  // Takes the DDL lock (once per transaction) and returns a private copy of the catalog to change;
  // publish_catalog makes the copy the transaction's view (committed with the transaction).
  std::function<std::shared_ptr<Catalog>()> begin_catalog_change;
  std::function<void(std::shared_ptr<Catalog>)> publish_catalog;
  // Runs a SELECT/INSERT/UPDATE/DELETE in the transaction; returns the rows it affected.
  std::function<uint64_t(const ast::Statement&)> run_query;
  // ANALYZE: the next row estimate of the table reads storage again.
  std::function<void(uint32_t table_id)> forget_statistics;
  // The session's temporary schema, created in the change when it does not exist yet.
  std::function<uint32_t(CatalogChange&)> temp_schema;
  // ON COMMIT DELETE ROWS ('d') / DROP ('x') of a temporary table just created.
  std::function<void(uint32_t table_id, char action)> on_commit;
  // The session's database, and the data directory's databases (CREATE / DROP DATABASE).
  uint32_t database_id = kDefaultDatabaseId;
  DatabaseDirectory* databases = nullptr;
  // Called when the transaction changes a shared object (a role, a database): at commit every
  // database's catalog takes the change.
  std::function<void()> shared_changed;

  // An execution context over the transaction, for writing rows and index entries.
  ExecutionContext MakeExecutionContext() const;
};

// One change to the catalog: begins it (DDL lock, private copy), writes each changed record into the
// transaction as it is put, and publishes the copy. Nothing is published when Publish is not called
// (the statement failed or changed nothing).
class CatalogChange {
 public:
  explicit CatalogChange(CommandContext& ctx);

  const Catalog& catalog() const { return *catalog_; }
  const Catalog* operator->() const { return catalog_.get(); }
  uint32_t AllocateId() { return catalog_->AllocateId(); }
  // The session's search_path, for the names the statement gives.
  const SearchPath& path() const { return ctx_.fn.search_path; }
  // The id of the role running the statement (the owner of what it creates).
  uint32_t current_role_id() const;

  // Each writes the record into the transaction and updates the private catalog. Pointers into the
  // catalog to the replaced or removed entry are invalid afterwards.
  void PutSchema(SchemaEntry schema);
  void RemoveSchema(uint32_t id);
  void PutTable(TableEntry table);
  // Removes the table (or view), every row and index entry stored under its id, and the sequences
  // it owns.
  void DropTable(const TableEntry& table);
  // A user-defined type (CREATE / ALTER TYPE). PutType also moves every column, composite field and
  // array over the type to its new definition (and writes the tables it changed).
  void PutType(TypeEntry type);
  void RemoveType(uint32_t id);
  void PutSequence(SequenceEntry seq);
  // Removes the sequence and its stored value.
  void DropSequence(const SequenceEntry& seq);
  void PutRole(RoleEntry role);
  void RemoveRole(uint32_t id);
  void PutDatabase(DatabaseEntry db);
  // ALTER DEFAULT PRIVILEGES.
  void PutDefaultAcl(DefaultAclEntry entry);
  void RemoveDefaultAcl(uint32_t id);
  // An id for a role or database, unique in the data directory.
  uint32_t AllocateSharedId();

  // Stored dependencies (catalog/dependency.hpp), written in the transaction.
  void AddDependency(const Dependency& d);
  void RemoveDependencies(uint32_t object_id);
  // After column `position` of `table` was dropped: stored references to later columns move down.
  void RenumberColumnReferences(uint32_t table, uint32_t position);

  // COMMENT ON: sets (empty text: removes) the comment, written in the transaction. Comments go
  // with their objects: DropTable, DropSequence, RemoveSchema, RemoveRole, a PutTable without an
  // index or constraint the table had, and RenumberColumnReferences remove them.
  void SetComment(const ObjectAddress& object, std::string text);
  void RemoveComments(uint32_t object_id);

  // Writes the object-id counter when ids were allocated and makes the copy the transaction's view.
  void Publish();

 private:
  CommandContext& ctx_;
  std::shared_ptr<Catalog> catalog_;
  uint32_t start_next_id_;
};

}  // namespace commands
}  // namespace kanto
