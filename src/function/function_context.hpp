// FunctionContext: what scalar functions and casts may read from the session and statement.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "catalog/search_path.hpp"

namespace kanto::datetime {
class TimeZone;
}

namespace kanto {

class Catalog;
class SequenceSession;
class SessionControl;

// Settings the server reports and no one can change (PostgreSQL's "internal" context): SET gives 55P02.
inline bool IsReadOnlySetting(const std::string& name) {
  return name == "server_version" || name == "server_version_num" || name == "server_encoding" ||
         name == "integer_datetimes";
}

// The session's settings as current_setting() and set_config() see them.
class SessionSettings {
 public:
  virtual ~SessionSettings() = default;
  // False when the setting does not exist.
  virtual bool Get(const std::string& name, std::string* value) const = 0;
  // Validates, stores and returns the new value (throws Error like SET).
  virtual std::string Set(const std::string& name, const std::string& value, bool is_local) = 0;
  // Every setting with its current value (pg_settings).
  virtual std::vector<std::pair<std::string, std::string>> All() const { return {}; }
  // Open SQL cursors (pg_cursors): the DECLARE's query text and statement start time.
  struct CursorRow {
    std::string name, statement;
    bool hold = false, scroll = false;
    int64_t created_micros = 0;
  };
  virtual std::vector<CursorRow> Cursors() const { return {}; }
  // Prepared transactions (pg_prepared_xacts).
  struct PreparedXact {
    uint64_t xid = 0;
    std::string gid;
    int64_t prepared_micros = 0;
    std::string owner, database;
  };
  virtual std::vector<PreparedXact> PreparedTransactions() const { return {}; }
};

// LISTEN / NOTIFY as pg_notify() and pg_listening_channels() see them (src/main/notifications.hpp).
class NotificationSink {
 public:
  virtual ~NotificationSink() = default;
  // Queues a notification in the current transaction (22023 for a bad channel or payload).
  virtual void Notify(const std::string& channel, const std::string& payload) = 0;
  virtual std::vector<std::string> Channels() const = 0;
};

struct FunctionContext {
  // Session time zone (never null while a statement runs).
  const datetime::TimeZone* time_zone = nullptr;
  std::string time_zone_name = "UTC";
  // now()/CURRENT_TIMESTAMP: start of the transaction; statement_timestamp(): start of the statement.
  int64_t transaction_start_micros = 0;
  int64_t statement_start_micros = 0;
  std::string current_user = "kanto";   // SET ROLE changes it
  std::string session_user = "kanto";   // SET SESSION AUTHORIZATION changes it
  std::string current_database = "kanto";
  // The session's search_path (current_schema(), name lookup) and temporary schema.
  SearchPath search_path;
  // The statement's catalog snapshot (catalog information functions); may be null.
  const Catalog* catalog = nullptr;
  // Settings for current_setting() / set_config(); may be null.
  SessionSettings* settings = nullptr;
  // nextval / currval / setval / lastval (the session's view of the sequences); may be null.
  SequenceSession* sequences = nullptr;
  // pg_notify / pg_listening_channels; may be null.
  NotificationSink* notifications = nullptr;
  // Advisory locks, pg_backend_pid, pg_cancel_backend, pg_stat_activity (session_control.hpp); may be null.
  SessionControl* session = nullptr;
};

}  // namespace kanto
