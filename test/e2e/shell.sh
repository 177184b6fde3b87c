#!/usr/bin/env bash
# The `kanto shell` command non-interactively: aligned output, command tags, errors and exit codes.
set -euo pipefail
build=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
kanto="$build/kanto"

out=$(printf 'CREATE TABLE t (id int PRIMARY KEY, name text);\nINSERT INTO t VALUES (1, $$a$$), (2, NULL);\nSELECT id, name\n  FROM t ORDER BY id;\n' | "$kanto" shell "$dir/db")
expected=' id | name 
----+------
  1 | a
  2 | 
(2 rows)'
if ! grep -qF -- "$expected" <<<"$out"; then
  echo "unexpected shell output:"; echo "$out"; exit 1
fi
grep -q '^INSERT 0 2$' <<<"$out" || { echo "missing command tag:"; echo "$out"; exit 1; }

# Data persists across processes.
out=$(echo "SELECT count(*) FROM t;" | "$kanto" shell "$dir/db")
grep -qE '^ +2$' <<<"$out" || { echo "data not persisted:"; echo "$out"; exit 1; }

# An error stops the script with exit code 1 and an ERROR line on stderr.
set +e
err=$(printf 'SELECT 1/0;\nSELECT 2;\n' | "$kanto" shell "$dir/db" 2>&1 >/dev/null)
code=$?
set -e
[[ $code -eq 1 ]] || { echo "expected exit code 1, got $code"; exit 1; }
grep -q 'ERROR:  division by zero' <<<"$err" || { echo "missing error: $err"; exit 1; }

# \d lists the table.
out=$(printf '\\d\n' | "$kanto" shell "$dir/db")
grep -q ' t ' <<<"$out" || { echo "\\d did not list t:"; echo "$out"; exit 1; }
echo "shell ok"
