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
# Kanto keeps CHECK expressions as written; PostgreSQL prints them deparsed ("(0)::numeric").
ORM_EXPRESSION_TEXT=no /usr/bin/python3 "$src/test/e2e/orm/sqlalchemy_app.py"
/usr/bin/python3 "$src/test/e2e/orm/alembic_app.py"
# Django's auth migrations add foreign keys (ALTER TABLE ... ADD CONSTRAINT) and change column types.
django_needs=()
[[ $ORM_FOREIGN_KEYS == yes ]] || django_needs+=("foreign keys")
supports "ALTER TABLE orm_probe ALTER COLUMN a TYPE bigint" || django_needs+=("ALTER COLUMN TYPE")
# ManyToMany add() inserts the links with ON CONFLICT DO NOTHING.
supports "INSERT INTO orm_probe VALUES (1) ON CONFLICT DO NOTHING" || django_needs+=("INSERT ... ON CONFLICT DO NOTHING")
if ((${#django_needs[@]} == 0)); then
  /usr/bin/python3 "$src/test/e2e/orm/django/run.py"
else
  echo "django: SKIPPED (migrate needs $(printf '%s; ' "${django_needs[@]}"))"
fi
