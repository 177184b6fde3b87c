#!/usr/bin/env bash
# pgjdbc's DatabaseMetaData (getSchemas, getTables, getColumns, getPrimaryKeys, getImportedKeys,
# getExportedKeys, getIndexInfo, getTypeInfo: test/e2e/jdbc/MetadataDump.java) for the schema of
# test/e2e/tools_schema.sql must answer on `kanto serve` what it answers on a PostgreSQL 15 this
# script starts (same_output in lib.sh).
# (getPrimaryKeys and getIndexInfo select fields of information_schema._pg_expandarray's record,
# (_pg_expandarray(i.indkey)).n and (result.keys).x.) The not-yet list (MetadataDump's third
# argument, which the comparison checks still fail on Kanto) is empty.
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
source "$src/test/e2e/lib.sh"
tools_against_both "$1"
not_yet=
dump() {
  local server=postgresql
  [[ $PGPORT == "$KANTO_PORT" ]] && server=kanto
  java -cp /usr/share/java/postgresql.jar "$src/test/e2e/jdbc/MetadataDump.java" "$PGPORT" $server $not_yet
}
same_output "pgjdbc DatabaseMetaData" dump
