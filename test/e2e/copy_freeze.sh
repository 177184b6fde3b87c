#!/usr/bin/env bash
# psql's \copy ... WITH (FREEZE) into tables created or truncated in the same transaction (which
# Kanto ingests as SST files), with rollback and later changes in the transaction, must read as
# PostgreSQL 15's (copy_freeze.expected). To regenerate it: copy_freeze.sh --postgresql HOST PORT USER DB
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
[[ "${1:-}" == "--postgresql" ]] || build=$(cd "$1" && pwd)
work=$(mktemp -d)
cd "$work"
if [[ "${1:-}" == "--postgresql" ]]; then
  psql -X -q -h "$2" -p "$3" -U "$4" -d "$5" -f - < "$here/copy_freeze.sql" > "$here/copy_freeze.expected" 2>&1
  rm -rf "$work"
  exit 0
fi
e2e_cleanup() { rm -rf "$work"; }
start_kanto "$build"
if ! diff -u "$here/copy_freeze.expected" <(psql -X -q -h 127.0.0.1 -p "$port" -U kanto -d kanto -f - < "$here/copy_freeze.sql" 2>&1); then
  echo "FAIL: psql output differs from PostgreSQL's"
  exit 1
fi
echo "ok: psql output as PostgreSQL's"
