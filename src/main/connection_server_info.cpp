// The storage and server facts session functions read (SessionControl): the transaction's id,
// the bytes relations and databases take in storage, the server's start time and the
// connection's addresses.
#include <chrono>

#include "access/row_key.hpp"
#include "main/cluster.hpp"
#include "main/connection_impl.hpp"
#include "main/database_impl.hpp"

namespace kanto {

uint64_t ConnectionImpl::TransactionId(bool assign) {
  if (!txn_) return 0;
  if (assign) {
    xid_forced_ = true;
    std::lock_guard<std::mutex> lock(session_.mu);
    session_.xid_assigned = true;
  }
  return xid_forced_ || txn_->WriteCount() > 0 ? txn_->Id() : 0;
}

uint64_t ConnectionImpl::StoredBytes(uint32_t object_id, std::optional<uint32_t> sub_id) {
  std::string lower = sub_id ? access::TablePrefix(object_id, *sub_id) : access::TableDataPrefix(object_id);
  return db_impl_.engine().ApproximateBytes(lower, access::KeySuccessor(lower));
}

double ConnectionImpl::EstimatedRows(uint32_t table_id) const {
  std::shared_ptr<const Catalog> catalog = db_impl_.catalog().Current();
  const TableEntry* t = catalog->GetTable(table_id);
  return t ? db_impl_.statistics().TableRows(*t) : 0;
}

std::optional<uint64_t> ConnectionImpl::DatabaseBytes(uint32_t database_id) {
  if (database_id == db_impl_.id()) return db_impl_.engine().ApproximateBytes("", "");
  std::shared_ptr<const Catalog> catalog = db_impl_.catalog().Current();
  for (const DatabaseEntry* d : catalog->Databases()) {
    if (d->id != database_id) continue;
    storage::Engine& root = db_impl_.cluster().root();
    if (d->keyspace.empty()) return root.ApproximateBytes("", "");
    std::unique_ptr<storage::Engine> engine = root.OpenKeyspace(d->keyspace);
    return engine ? std::optional<uint64_t>(engine->ApproximateBytes("", "")) : std::nullopt;
  }
  return std::nullopt;
}

int64_t ConnectionImpl::ServerStartMicros() const { return db_impl_.cluster().opened_micros(); }

SessionControl::Endpoints ConnectionImpl::NetworkEndpoints() const {
  std::lock_guard<std::mutex> lock(session_.mu);
  return {session_.server_addr, session_.client_addr, session_.server_port, session_.client_port};
}

}  // namespace kanto
