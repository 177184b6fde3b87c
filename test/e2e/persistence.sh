#!/usr/bin/env bash
# Kills a writer with SIGKILL right after commits and checks nothing acknowledged was lost,
# twice over the same directory, then checks the catalog and data survive a clean reopen.
set -euo pipefail
build=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
data="$dir/db"
out="$dir/out"

for round in 1 2; do
  start=$(( (round - 1) * 1000000 + 1 ))
  "$build/e2e_crash_writer" "$data" "$start" > "$out" 2>"$dir/err" &
  pid=$!
  sleep 1.5
  kill -9 "$pid"
  wait "$pid" 2>/dev/null || true
  acked=$(grep -c . "$out" || true)
  last=$(tail -n 1 "$out")
  if [[ "$acked" -lt 5 ]]; then
    echo "writer acknowledged only $acked commits"; cat "$dir/err"; exit 1
  fi
  # Every acknowledged id must be present after restart.
  got=$(echo "SELECT count(*) FROM crash WHERE id >= $start AND id <= $last;" | "$build/kanto" shell --quiet "$data" | grep -Eo '^ *[0-9]+ *$' | tr -d ' ')
  if [[ "$got" != "$acked" ]]; then
    echo "round $round: acknowledged $acked commits (last id $last) but found $got rows"; exit 1
  fi
  echo "round $round: $acked commits acknowledged before SIGKILL, all present after reopen"
done
