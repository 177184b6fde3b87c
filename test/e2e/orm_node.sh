#!/usr/bin/env bash
# Node ORMs against one `kanto serve`: knex migrations and typeorm synchronize with relations
# (test/e2e/node/orm_*.mjs, which also run unchanged against PostgreSQL 15). orm_sequelize.mjs passes
# on PostgreSQL and is not run here yet: its sync() parses array_agg(attname) as the text of a name[]
# (Kanto has no name type, so node-postgres hands it a parsed text[]).
set -euo pipefail
build=$1
src=$(cd "$(dirname "$0")/../.." && pwd)
source "$src/test/e2e/lib.sh"
source "$src/test/e2e/orm_lib.sh"
start_kanto "$build"
probe_foreign_keys
cd "$src/test/e2e/node"
node orm_knex.mjs
node orm_typeorm.mjs
