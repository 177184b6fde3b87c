#!/usr/bin/env bash
# Python tools read the schema of test/e2e/tools_schema.sql from `kanto serve` and from a PostgreSQL 15
# this script starts, and must see the same (same_output in lib.sh compares their printed answers):
#   tools_sqlalchemy.py  SQLAlchemy's inspector; alembic autogenerate against a matching model finds
#                        no differences;
#   tools_django.py      Django's inspectdb (tables and views) and its introspection;
#   tools_psycopg.py     psycopg 3's TypeInfo / CompositeInfo / EnumInfo / RangeInfo and adapters;
#   tools_pgcli.py       pgcli's completion-metadata queries and its table and column completion.
# Each tool runs even when an earlier one fails; the script fails when any differs.
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
source "$src/test/e2e/lib.sh"
tools_against_both "$1"
export SQLALCHEMY_SILENCE_UBER_WARNING=1
failed=0
for tool in sqlalchemy django psycopg pgcli; do
  same_output "$tool" /usr/bin/python3 "$src/test/e2e/tools_$tool.py" || failed=1
done
exit $failed
