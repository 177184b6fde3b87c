#!/usr/bin/env bash
# Python applications against one `kanto serve`: SQLAlchemy (test/e2e/orm/sqlalchemy_app.py), alembic
# autogenerate/upgrade/downgrade (test/e2e/orm/alembic_app.py) and Django (test/e2e/orm/django/run.py).
# The scripts run unchanged against PostgreSQL 15 (PGHOST/PGPORT/PGUSER/PGDATABASE).
set -euo pipefail
build=$1
src=$(cd "$(dirname "$0")/../.." && pwd)
source "$src/test/e2e/lib.sh"
source "$src/test/e2e/orm_lib.sh"
start_kanto "$build"
probe_foreign_keys
export SQLALCHEMY_SILENCE_UBER_WARNING=1
/usr/bin/python3 "$src/test/e2e/orm/sqlalchemy_app.py"
/usr/bin/python3 "$src/test/e2e/orm/alembic_app.py"
# Django: migrate (auth's migrations add foreign keys and change column types; ManyToMany add()
# inserts with ON CONFLICT DO NOTHING) and the ORM steps, required now.
/usr/bin/python3 "$src/test/e2e/orm/django/run.py"
