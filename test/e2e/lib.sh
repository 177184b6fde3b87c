# Shared by the e2e scripts (source it). One `kanto serve` per script:
#   start_kanto BUILD [SERVE OPTIONS...]  makes a fresh directory $dir, starts the server on a free
#       loopback port ($port, pid $pid) with its data in $dir/db and its log in $dir/log, waits
#       until it listens, and exports PGHOST/PGPORT/PGUSER/PGDATABASE for psql and the drivers.
#   restart_kanto BUILD LOG  stops it with SIGTERM and starts it again on the same port and data.
#   psql_like_postgresql NAME BUILD | NAME --postgresql HOST PORT USER DBNAME  runs NAME.sql through
#       psql against a fresh `kanto serve` and compares the output with NAME.expected; with
#       --postgresql it writes NAME.expected from that PostgreSQL server instead.
#   python_against NAME BUILD [ARGS...] | NAME --postgresql HOST PORT USER DBNAME [ARGS...]  runs
#       test/e2e/NAME.py (steps.parser's options) against a fresh `kanto serve`, or with
#       --target postgresql against that PostgreSQL server, to check the expectations are its own.
#   private_postgresql  sets up a throwaway PostgreSQL 15: its binaries $pgbin, an empty directory
#       $pgdir (for initdb's $pgdir/data), a free loopback port $pgport, and $as_pg, the command
#       prefix that runs them as the postgres user when the script runs as root.
#   kanto_and_postgresql BUILD  starts `kanto serve` and a private PostgreSQL 15 ($pgport, stopped
#       on exit) with a role kanto (superuser) and a database kanto owned by it.
#   tools_against_both BUILD  (the tools_*.sh scripts) starts `kanto serve` and a private PostgreSQL
#       15 ($pgport, stopped on exit), creates role kanto and a database kanto owned by it in the
#       PostgreSQL, and loads test/e2e/tools_schema.sql (sequences, foreign keys, CHECKs, indexes,
#       views) into both as role kanto; then same_output NAME COMMAND... runs COMMAND with PGPORT
#       set to each server (PGHOST, PGUSER=kanto, PGDATABASE=kanto; KANTO_PORT is Kanto's) and
#       fails, showing the diff, when the two outputs differ.
# On exit the server is stopped and $dir removed; a script with more to clean up defines
# e2e_cleanup, which runs first.
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

private_postgresql() {
  pgbin=/usr/lib/postgresql/15/bin
  pgdir=$(mktemp -d)
  pgport=$(free_port)
  as_pg=()
  if [[ $(id -u) == 0 ]]; then
    chown postgres "$pgdir"
    as_pg=(runuser -u postgres --)
  fi
}

wait_listening() {
  for _ in $(seq 50); do
    grep -q listening "$1" && return 0
    sleep 0.1
  done
}

stop_kanto() {
  if declare -F e2e_cleanup > /dev/null; then e2e_cleanup || true; fi
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -rf "$dir"
}

start_kanto() {
  local build=$1
  shift
  dir=$(mktemp -d)
  port=$(free_port)
  "$build/kanto" serve --data "$dir/db" --listen "127.0.0.1:$port" "$@" > "$dir/log" 2>&1 &
  pid=$!
  trap stop_kanto EXIT
  wait_listening "$dir/log"
  export PGHOST=127.0.0.1 PGPORT=$port PGUSER=kanto PGDATABASE=kanto
}

restart_kanto() {
  kill -TERM "$pid"
  wait "$pid"
  "$1/kanto" serve --data "$dir/db" --listen "127.0.0.1:$port" > "$2" 2>&1 &
  pid=$!
  wait_listening "$2"
}

python_against() {
  local py
  py="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$1.py"
  shift
  if [[ "${1:-}" == "--postgresql" ]]; then
    /usr/bin/python3 "$py" --target postgresql --host "$2" --port "$3" --user "$4" --dbname "$5" "${@:6}"
    return
  fi
  start_kanto "$1"
  /usr/bin/python3 "$py" --port "$port" "${@:2}"
}

psql_like_postgresql() {
  local name=$1 here
  here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
  local sql="$here/$name.sql" expected="$here/$name.expected"
  if [[ "$2" == "--postgresql" ]]; then
    psql -X -q -h "$3" -p "$4" -U "$5" -d "$6" -f - <"$sql" >"$expected" 2>&1
    return 0
  fi
  start_kanto "$2"
  if ! diff -u "$expected" <(psql -X -q -h 127.0.0.1 -p "$port" -U kanto -d kanto -f - <"$sql" 2>&1); then
    echo "FAIL: psql output differs from PostgreSQL's"
    return 1
  fi
  echo "ok: psql output as PostgreSQL's"
}

# pg_dsn: the reference PostgreSQL when the script was given `--postgresql HOST PORT USER DBNAME`
# (as its arguments 2-6: call with "$@"), else a private PostgreSQL 15 started here and stopped at exit.
postgresql_dsn() {
  if [[ "${2:-}" == "--postgresql" ]]; then
    pg_dsn="postgresql://$5@$3:$4/$6"
    return
  fi
  private_postgresql
  e2e_cleanup() { "${as_pg[@]}" "$pgbin/pg_ctl" -D "$pgdir/data" -m immediate stop > /dev/null 2>&1 || true; rm -rf "$pgdir"; }
  "${as_pg[@]}" "$pgbin/initdb" -D "$pgdir/data" -U postgres --auth=trust --locale=C.UTF-8 > /dev/null
  "${as_pg[@]}" "$pgbin/pg_ctl" -D "$pgdir/data" -o "-p $pgport -k $pgdir -c listen_addresses=127.0.0.1" -l "$pgdir/log" -w start > /dev/null
  pg_dsn="postgresql://postgres@127.0.0.1:$pgport/postgres"
}

kanto_and_postgresql() {
  private_postgresql
  e2e_cleanup() {
    "${as_pg[@]}" "$pgbin/pg_ctl" -D "$pgdir/data" -m immediate stop > /dev/null 2>&1 || true
    rm -rf "$pgdir"
  }
  start_kanto "$1"
  "${as_pg[@]}" "$pgbin/initdb" -D "$pgdir/data" -U postgres -A trust -E UTF8 --locale=C > "$pgdir/initdb.log" 2>&1
  "${as_pg[@]}" "$pgbin/pg_ctl" -D "$pgdir/data" -l "$pgdir/pg.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $pgport -k $pgdir -c fsync=off -c TimeZone=UTC" start > /dev/null
  psql -X -q -v ON_ERROR_STOP=1 -p "$pgport" -U postgres -d postgres \
    -c "CREATE ROLE kanto SUPERUSER LOGIN" -c "CREATE DATABASE kanto OWNER kanto TEMPLATE template0 LOCALE 'C'"
}

tools_against_both() {
  local here
  here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
  kanto_and_postgresql "$1"
  export KANTO_PORT=$port  # tools_common.py: which of the two servers a script talks to
  for p in "$pgport" "$port"; do
    PGPORT=$p psql -X -q -v ON_ERROR_STOP=1 -f "$here/tools_schema.sql" > /dev/null
  done
}

same_output() {
  local name=$1 want got
  shift
  want=$(PGPORT=$pgport "$@" 2>&1) || true
  got=$(PGPORT=$port "$@" 2>&1) || true
  if [[ "$want" != "$got" ]]; then
    echo "FAIL: $name: Kanto's answers differ from PostgreSQL's (- PostgreSQL, + Kanto)"
    diff -u <(echo "$want") <(echo "$got") || true
    return 1
  fi
  if [[ -z "$want" ]]; then echo "FAIL: $name printed nothing"; return 1; fi
  echo "ok: $name as PostgreSQL's ($(echo "$want" | wc -l) lines)"
}
