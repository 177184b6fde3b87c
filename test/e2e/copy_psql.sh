#!/usr/bin/env bash
# psql against `kanto serve`: COPY FROM STDIN and TO STDOUT in text and CSV, defaults, identity and
# generated columns, every kind of constraint, and the errors with the place in the data ("COPY t,
# line 2, column a: ...") must read as PostgreSQL 15's (copy_psql.expected, PostgreSQL's output).
# One known difference is applied to the expectation: kanto::Error has no CONTEXT field yet, so
# Kanto gives the place as the DETAIL of an error without one, and leaves it out of an error with
# a DETAIL of its own. To regenerate the expectation from a PostgreSQL server, in a fresh database:
#   test/e2e/copy_psql.sh --postgresql HOST PORT USER DBNAME
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
if [[ "${2:-}" == "--postgresql" || "${1:-}" == "--postgresql" ]]; then
  [[ "$1" == "--postgresql" ]] && set -- copy "$@"
  psql -X -q -h "$3" -p "$4" -U "$5" -d "$6" -f - <"$here/copy_psql.sql" >"$here/copy_psql.expected" 2>&1
  exit 0
fi
start_kanto "$1"
python3 - "$here/copy_psql.expected" > "$dir/expected" <<'PY'
import sys
out, detail, in_context, hint_at = [], False, False, None
for line in open(sys.argv[1]).read().split("\n"):
    if "ERROR:  " in line:
        detail, in_context, hint_at = False, False, None
    elif line.startswith("DETAIL:  "):
        detail = True
    elif line.startswith("HINT:  "):
        hint_at = len(out)
    if line.startswith("CONTEXT:  "):
        in_context = detail
        if detail:
            continue
        line = "DETAIL:  " + line[len("CONTEXT:  "):]
        if hint_at is not None:  # psql prints DETAIL before HINT
            out.insert(hint_at, line)
            continue
    elif in_context and not line.startswith(("psql:", " ", "(")) and line:
        continue  # a continuation line of a CONTEXT left out
    else:
        in_context = False
    out.append(line)
print("\n".join(out), end="")
PY
if ! diff -u "$dir/expected" <(psql -X -q -h 127.0.0.1 -p "$port" -U kanto -d kanto -f - <"$here/copy_psql.sql" 2>&1); then
  echo "FAIL: psql output differs from PostgreSQL's"
  exit 1
fi
echo "ok: psql output as PostgreSQL's"
