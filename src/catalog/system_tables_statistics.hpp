// The cumulative statistics views: pg_stat_{all,user,sys}_tables, pg_stat_{all,user,sys}_indexes,
// pg_statio_{all,user,sys}_tables, pg_statio_{all,user,sys}_indexes and
// pg_statio_{all,user,sys}_sequences, one row per relation of the catalog snapshot.
#pragma once

#include <string>

#include "catalog/system_tables.hpp"

namespace kanto {

class SessionControl;
// False when `name` is none of them. `session` null: the tables' live row counts are 0.
bool BuildStatisticsTable(const Catalog& catalog, const SessionControl* session, const std::string& name, SystemTable* out);

}  // namespace kanto
