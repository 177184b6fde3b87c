#!/usr/bin/env bash
# Node ORMs against one `kanto serve`: knex migrations, sequelize sync() with associations and
# typeorm synchronize with relations (test/e2e/node/orm_*.mjs, which also run unchanged against
# PostgreSQL 15). sequelize's sync({ alter: true }) runs when the server has ALTER COLUMN TYPE.
set -euo pipefail
build=$1
src=$(cd "$(dirname "$0")/../.." && pwd)
source "$src/test/e2e/lib.sh"
source "$src/test/e2e/orm_lib.sh"
start_kanto "$build"
probe_foreign_keys
cd "$src/test/e2e/node"
node orm_knex.mjs
if supports "ALTER TABLE orm_probe ALTER COLUMN a TYPE bigint"; then export ORM_ALTER_TYPE=yes; fi
node orm_sequelize.mjs
node orm_typeorm.mjs
