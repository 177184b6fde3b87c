#!/usr/bin/env bash
# Python tools read the schema of test/e2e/tools_schema.sql from `kanto serve` and from a PostgreSQL 15
# this script starts, and must see the same (same_output in lib.sh compares their printed answers):
#   tools_sqlalchemy.py  SQLAlchemy's inspector; alembic autogenerate against a matching model finds
#                        no differences;
#   tools_django.py      Django's inspectdb (tables and views) and its introspection;
#   tools_psycopg.py     psycopg 3's TypeInfo / CompositeInfo / EnumInfo / RangeInfo and adapters;
#   tools_pgcli.py       pgcli's completion-metadata queries and its table and column completion;
#   pgcli_screen         pgcli itself in a terminal (tmux): after it has loaded its completions,
#                        the menu Tab opens after "SELECT * FROM boo" and after a JOIN (the tables,
#                        views and join conditions offered; spacing squeezed, the functions and the
#                        server's banner left out). "boo", not "bo": pgcli's fuzzy match of "bo" also
#                        offers information_schema.table_constraints, which PostgreSQL's longer
#                        list of functions starting so pushes below the menu's end.
# Each tool runs even when an earlier one fails; the script fails when any differs.
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
source "$src/test/e2e/lib.sh"
tools_against_both "$1"
export SQLALCHEMY_SILENCE_UBER_WARNING=1
pgcli_screen() {
  local sock=pgcli$$ home screen
  home=$(mktemp -d)
  tmux -L $sock new-session -d -s t -x 120 -y 30 "HOME=$home pgcli -h 127.0.0.1 -p $PGPORT -U kanto kanto"
  for _ in $(seq 50); do
    sleep 0.2
    screen=$(tmux -L $sock capture-pane -t t -p)
    [[ $screen == *"[F2]"* && $screen != *"Refreshing completions"* ]] && break
  done
  for typed in "SELECT * FROM boo" "SELECT * FROM reviews r JOIN edi"; do
    echo "typed: $typed, Tab"
    tmux -L $sock send-keys -t t C-u "$typed"
    sleep 0.5
    tmux -L $sock send-keys -t t Tab
    sleep 1
    tmux -L $sock capture-pane -t t -p | sed -e "s/[[:space:]]*$//" | grep -E " (table|view|join)$" | tr -s " " || true
    tmux -L $sock send-keys -t t Escape
  done
  tmux -L $sock kill-server
  rm -rf "$home"
}
failed=0
for tool in sqlalchemy django psycopg pgcli; do
  same_output "$tool" /usr/bin/python3 "$src/test/e2e/tools_$tool.py" || failed=1
done
same_output "pgcli in a terminal" pgcli_screen || failed=1
exit $failed
