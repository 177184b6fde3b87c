// The target of UPDATE, DELETE and MERGE as their plans read it: a scan that yields each row's
// storage key after its columns, alone or joined with other tables (UPDATE ... FROM, DELETE ...
// USING, MERGE's source).
#pragma once

#include <string>

#include "catalog/catalog.hpp"
#include "parser/ast_expr.hpp"
#include "planner/bind_context.hpp"
#include "planner/logical_operator.hpp"

namespace kanto {

class Binder;

// The scope entry of a written table's row: every column, named `alias` (empty: the table's
// name), read through `table_index`.
// `reads` (may be null): set when the statement references one of the columns.
BindingEntry TableRowBinding(const TableEntry& table, const std::string& alias, uint32_t table_index,
                             std::shared_ptr<bool> reads = nullptr);

// A scan of every column of `table` and its row key (table index `table_index`), named `alias`
// (empty: the table's name) in `scope`.
LogicalOperatorPtr TargetScan(const TableEntry& table, uint32_t table_index, const std::string& alias,
                              BindContext& scope, std::shared_ptr<bool> reads = nullptr);

// The target scan (table index `target_index`) joined with the other tables (`from`; both bound
// into `inner`) under a projection (table index `index`) of the target's columns, its row key,
// then every column of the other tables, as PhysicalModify and PhysicalMerge read their input.
// kWhere, kInnerOn: the pairs that satisfy `condition` (UPDATE's WHERE, null: all; MERGE's ON).
// kLeftOn (MERGE with WHEN NOT MATCHED): `from` LEFT JOIN target ON `condition`, a row of `from`
// that joins no target row with NULL target columns and row key. *scope gets the same names over
// the projection's output, *recheck `condition` over it (READ COMMITTED's re-check).
enum class TargetJoin : uint8_t { kWhere, kInnerOn, kLeftOn };
LogicalOperatorPtr JoinedTarget(Binder& binder, const TableEntry& table, LogicalOperatorPtr target,
                                LogicalOperatorPtr from, const ast::Expr* condition, TargetJoin how,
                                const BindContext& inner, uint32_t target_index, uint32_t index, BindContext* scope,
                                BoundExprPtr* recheck);

}  // namespace kanto
