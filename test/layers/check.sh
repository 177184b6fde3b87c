#!/usr/bin/env bash
# The layer rules of the build (docs/architecture.md) hold: a one-line file including a header is
# compiled with a layer's include flags, as CMakeLists.txt gives them (build/layer-include/), and each
# allowed include must compile while each forbidden one must fail with the expected error.
# usage: test/layers/check.sh BUILD_DIR CXX
set -u
build=$1
cxx=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
layers=$build/layer-include
failed=0

# check ok|fail LAYER HEADER [PATTERN]: PATTERN must appear in the compiler's error.
check() {
  local expect=$1 layer=$2 header=$3 pattern=${4:-}
  local flags=(-std=c++20 -fsyntax-only)
  [ "$layer" != storage ] && flags+=(-I"$layers/no-rocksdb")
  [ "$layer" != parser ] && flags+=(-I"$layers/no-pg_query")
  flags+=(-I"$layers/$layer" -I"$root/include")
  local out status
  out=$(printf '#include %s\n' "$header" | "$cxx" "${flags[@]}" -x c++ - 2>&1)
  status=$?
  if [ "$expect" = ok ] && [ $status -ne 0 ]; then
    echo "FAIL: $layer/ cannot include $header:"; echo "$out" | head -5; failed=1
  elif [ "$expect" = fail ] && [ $status -eq 0 ]; then
    echo "FAIL: $layer/ can include $header"; failed=1
  elif [ "$expect" = fail ] && ! grep -q -- "$pattern" <<<"$out"; then
    echo "FAIL: $layer/ including $header fails without \"$pattern\":"; echo "$out" | head -5; failed=1
  else
    echo "ok: $layer/ $( [ "$expect" = ok ] && echo includes || echo "cannot include") $header"
  fi
}

missing="No such file or directory"
# The server sees the public API and common/ only.
check ok server '"kanto/kanto.hpp"'
check ok server '"kanto/binary_format.hpp"'
check fail server '"storage/engine.hpp"' "$missing"
check fail server '"main/connection_impl.hpp"' "$missing"
check fail server '"types/value.hpp"' "$missing"
check fail server '"catalog/catalog.hpp"' "$missing"
check fail tools '"main/connection_impl.hpp"' "$missing"
# Lower layers do not see higher ones.
check ok storage '"storage/engine.hpp"'
check fail storage '"planner/binder.hpp"' "$missing"
check fail types '"catalog/catalog.hpp"' "$missing"
check fail parser '"catalog/catalog.hpp"' "$missing"
check fail optimizer '"commands/commands.hpp"' "$missing"
# Only storage/ includes RocksDB, only parser/ libpg_query.
check ok storage '<rocksdb/db.h>'
check fail catalog '<rocksdb/db.h>' "only src/storage/ may include RocksDB headers"
check fail main '<rocksdb/utilities/transaction_db.h>' "only src/storage/ may include RocksDB headers"
check ok parser '<pg_query.h>'
check fail planner '<pg_query.h>' "only src/parser/ may include libpg_query headers"
check fail main '<pg_query/pg_query.pb-c.h>' "only src/parser/ may include libpg_query headers"
exit $failed
