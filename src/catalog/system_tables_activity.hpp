// pg_stat_activity and pg_locks, from the session registry and the lock manager as the running
// session's SessionControl reports them (`session` null: the columns without rows), and the
// statistics views (system_tables_statistics.hpp), which read the session too.
#pragma once

#include <string>

#include "catalog/system_tables.hpp"

namespace kanto {

class SessionControl;
bool BuildActivityTable(const Catalog& catalog, const SessionControl* session, const std::string& name, SystemTable* out);

}  // namespace kanto
