// The data directory and its databases (main/cluster.hpp).
#include "main/cluster.hpp"

#include <algorithm>
#include <chrono>
#include <set>
#include <thread>

#include "catalog/catalog_manager.hpp"
#include "commands/database_directory.hpp"
#include "kanto/error.hpp"
#include "main/connection_impl.hpp"
#include "main/database_impl.hpp"

namespace kanto {

namespace {
std::string KeyspaceName(uint32_t id) { return "db" + std::to_string(id); }

// The prepared transactions of database `id` (their lock encoding names it).
int PreparedIn(storage::Engine& root, uint32_t id) {
  int n = 0;
  for (const auto& p : root.PreparedTransactions()) n += LockManager::PreparedDatabase(p.locks) == id ? 1 : 0;
  return n;
}

std::string PreparedDetail(int prepared) {
  if (prepared == 1) return "There is 1 prepared transaction using the database.";
  return "There are " + std::to_string(prepared) + " prepared transactions using the database.";
}

// PostgreSQL's errors for a database other sessions or prepared transactions use.
Error BusyError(const std::string& what, int sessions, int prepared = 0) {
  std::string detail = prepared == 0 ? commands::OtherSessionsDetail(sessions)
                       : sessions == 0
                           ? PreparedDetail(prepared)
                           : "There are " + std::to_string(sessions) + " other session(s) and " +
                                 std::to_string(prepared) + " prepared transaction(s) using the database.";
  return Error(sqlstate::kObjectInUse, what + " is being accessed by other users").WithDetail(detail);
}

// The sessions of `db` beyond `own` once they have ended, or after 5 s: as PostgreSQL, CREATE and
// DROP DATABASE give sessions that are ending (a client's Terminate, a terminated session, both
// handled asynchronously) time to go. Unlocks `lock` while it waits.
int SessionsAfterWaiting(DatabaseImpl& db, int own, std::unique_lock<std::mutex>& lock) {
  if (db.connection_count() <= own) return 0;
  lock.unlock();
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (db.connection_count() > own && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  lock.lock();
  return std::max(0, db.connection_count() - own);
}

class SessionDirectory : public commands::DatabaseDirectory {
 public:
  SessionDirectory(Cluster& cluster, uint32_t self) : cluster_(cluster), self_(self) {}
  int OtherSessions(uint32_t id) override { return cluster_.Sessions(id) - (id == self_ ? 1 : 0); }
  uint32_t Create(DatabaseEntry entry, const DatabaseEntry& source) override {
    return cluster_.Create(std::move(entry), source, self_);
  }
  void Drop(const DatabaseEntry& entry, bool force) override { cluster_.Drop(entry, force); }

 private:
  Cluster& cluster_;
  uint32_t self_;
};
}  // namespace

std::unique_ptr<commands::DatabaseDirectory> Cluster::Directory(uint32_t self) {
  return std::make_unique<SessionDirectory>(*this, self);
}

std::shared_ptr<Cluster> Cluster::Open(const std::string& path, const Options& options) {
  auto cluster = std::shared_ptr<Cluster>(new Cluster());
  cluster->path_ = path;
  cluster->opened_micros_ = std::chrono::duration_cast<std::chrono::microseconds>(
                                std::chrono::system_clock::now().time_since_epoch()).count();
  cluster->options_ = options;
  storage::EngineOptions eo;
  eo.create_if_missing = options.create_if_missing;
  eo.sync_commit = options.sync_commit;
  cluster->root_ = storage::Engine::Open(path, eo);
  cluster->Bootstrap();
  return cluster;
}

Cluster::~Cluster() = default;

std::vector<DatabaseEntry> Cluster::ReadDatabases() {
  std::vector<RoleEntry> roles;
  std::vector<DatabaseEntry> databases;
  auto txn = root_->Begin(storage::IsolationLevel::kReadCommitted);
  txn->BeginStatement();
  CatalogManager::ReadShared(*txn, &roles, &databases);
  txn->Rollback();
  return databases;
}

std::map<uint32_t, std::string> Cluster::DatabaseNames() {
  std::map<uint32_t, std::string> out;
  for (const auto& d : ReadDatabases()) out[d.id] = d.name;
  return out;
}

void Cluster::Bootstrap() {
  std::vector<DatabaseEntry> databases = ReadDatabases();
  if (databases.empty()) {
    DatabaseEntry kanto;
    kanto.id = kDefaultDatabaseId;
    kanto.name = "kanto";
    DatabaseEntry template1;
    template1.id = kTemplate1DatabaseId;
    template1.name = "template1";
    template1.is_template = true;
    template1.keyspace = KeyspaceName(kTemplate1DatabaseId);
    DatabaseEntry template0 = template1;
    template0.id = kTemplate0DatabaseId;
    template0.name = "template0";
    template0.allow_connections = false;
    template0.keyspace = KeyspaceName(kTemplate0DatabaseId);
    auto txn = root_->Begin(storage::IsolationLevel::kReadCommitted);
    txn->BeginStatement();
    for (const DatabaseEntry* d : {&template1, &template0}) {
      if (!root_->HasKeyspace(d->keyspace)) root_->CreateKeyspace(d->keyspace, nullptr, nullptr);
    }
    for (const DatabaseEntry* d : {&kanto, &template1, &template0}) CatalogManager::WriteDatabase(*txn, *d);
    txn->Commit();
    databases = {kanto, template1, template0};
  }
  std::set<std::string> named;
  for (const auto& d : databases) named.insert(d.keyspace);
  for (const auto& keyspace : root_->KeyspaceNames()) {
    if (!named.count(keyspace)) root_->DropKeyspace(keyspace);
  }
}

std::shared_ptr<Database> Cluster::Live(uint32_t id) {
  auto it = open_.find(id);
  return it == open_.end() ? nullptr : it->second.lock();
}

std::shared_ptr<Database> Cluster::OpenLocked(const DatabaseEntry& entry) {
  if (auto db = Live(entry.id)) return db;
  auto impl = std::make_unique<DatabaseImpl>(shared_from_this(), entry);
  auto db = std::shared_ptr<Database>(new Database(std::move(impl)));
  open_[entry.id] = db;
  return db;
}

std::shared_ptr<Database> Cluster::OpenDatabase(const std::string& name) {
  std::shared_ptr<Database> db;
  bool opened = false;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (const auto& d : ReadDatabases()) {
      if (name.empty() ? d.keyspace.empty() : d.name == name) {
        opened = !Live(d.id);
        db = OpenLocked(d);
        break;
      }
    }
  }
  if (!db) throw Error(sqlstate::kInvalidCatalogName, "database \"" + name + "\" does not exist");
  if (opened) ConnectionImpl(db).DropLeftoverTempSchemas();
  return db;
}

void Cluster::RefreshShared() {
  std::vector<std::shared_ptr<Database>> live;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (const auto& [id, weak] : open_) {
      if (auto db = weak.lock()) live.push_back(std::move(db));
    }
  }
  for (const auto& db : live) db->impl().catalog().RefreshShared(db->impl().engine());
}

int Cluster::Sessions(uint32_t id) {
  std::lock_guard<std::mutex> lock(mu_);
  auto db = Live(id);
  return db ? db->impl().connection_count() : 0;
}

uint32_t Cluster::Create(DatabaseEntry entry, const DatabaseEntry& source, uint32_t self) {
  {
    std::unique_lock<std::mutex> lock(mu_);
    auto check_name = [&] {
      for (const auto& d : ReadDatabases()) {
        if (d.name == entry.name) throw Error("42P04", "database \"" + entry.name + "\" already exists");
      }
    };
    check_name();  // at once, as PostgreSQL, before any wait for the source's sessions
    std::shared_ptr<Database> from = Live(source.id);
    int others = from ? SessionsAfterWaiting(from->impl(), source.id == self ? 1 : 0, lock) : 0;
    check_name();  // again: the lock may have been given up while waiting
    int prepared = PreparedIn(*root_, source.id);
    if (others > 0 || prepared > 0) throw BusyError("source database \"" + source.name + "\"", others, prepared);
    std::unique_ptr<storage::Engine> closed;  // the source's keyspace when it is not open
    storage::Engine* source_engine = from ? &from->impl().engine() : nullptr;
    if (!source_engine) {
      if (source.keyspace.empty()) {
        source_engine = root_.get();
      } else {
        closed = root_->OpenKeyspace(source.keyspace);
        if (!closed) throw Error(sqlstate::kDataCorrupted, "keyspace of database \"" + source.name + "\" is missing");
        source_engine = closed.get();
      }
    }
    auto txn = root_->Begin(storage::IsolationLevel::kReadCommitted);
    txn->BeginStatement();
    entry.id = CatalogManager::AllocateSharedId(*txn);
    entry.keyspace = KeyspaceName(entry.id);
    // What all databases share stays in the default keyspace; the copy has the rest.
    std::function<bool(std::string_view)> skip;
    if (source.keyspace.empty()) skip = [](std::string_view key) { return CatalogManager::IsSharedRecordKey(key); };
    root_->CreateKeyspace(entry.keyspace, source_engine, skip);
    try {
      CatalogManager::WriteDatabase(*txn, entry);
      txn->Commit();
    } catch (...) {
      root_->DropKeyspace(entry.keyspace);
      throw;
    }
  }
  RefreshShared();
  return entry.id;
}

void Cluster::Drop(const DatabaseEntry& entry, bool force) {
  {
    std::unique_lock<std::mutex> lock(mu_);
    int prepared = PreparedIn(*root_, entry.id);
    if (prepared > 0 && force) {
      throw Error(sqlstate::kObjectInUse, "database \"" + entry.name + "\" is being used by prepared transactions")
          .WithDetail(PreparedDetail(prepared));
    }
    std::shared_ptr<Database> db = Live(entry.id);
    if (db) {
      // As PostgreSQL: FORCE terminates the sessions; either way the drop waits up to 5 s for them to end.
      if (force) db->impl().TerminateSessions();
      int sessions = SessionsAfterWaiting(db->impl(), 0, lock);
      prepared = PreparedIn(*root_, entry.id);
      if (sessions > 0 || prepared > 0) throw BusyError("database \"" + entry.name + "\"", sessions, prepared);
      db->impl().MarkDropped();
    } else if (prepared > 0) {
      throw BusyError("database \"" + entry.name + "\"", 0, prepared);
    }
    auto txn = root_->Begin(storage::IsolationLevel::kReadCommitted);
    txn->BeginStatement();
    CatalogManager::DeleteDatabase(*txn, entry.id);
    txn->Commit();
    root_->DropKeyspace(entry.keyspace);
    open_.erase(entry.id);
  }
  RefreshShared();
}

}  // namespace kanto
