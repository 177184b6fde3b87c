# Shared by the bench/ scripts (source it): builds kanto, starts PostgreSQL 15 and `kanto serve` on
# free loopback ports in a temporary directory, and stops both on exit.
#   bench_setup            build/kanto, $work, cleanup trap
#   start_postgres         PostgreSQL 15 (fsync and synchronous_commit on), role and database kanto; sets $pg_port
#   start_kanto            kanto serve on $work/kanto (plus $KANTO_OPTIONS); sets $kanto_port
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${KANTO_BUILD:-$root/build}
pgbin=/usr/lib/postgresql/15/bin

bench_setup() {
  [[ -x $pgbin/postgres ]] || { echo "needs postgresql-15 (run scripts/install-deps)" >&2; exit 1; }
  [[ -f "$build/build.ninja" ]] || cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  ninja -C "$build" kanto >/dev/null
  work=$(mktemp -d)
  chmod 755 "$work"
  kanto_pid=
  pg_started=
  trap bench_cleanup EXIT
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
as_postgres() { if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

bench_cleanup() {
  [[ -n $kanto_pid ]] && kill "$kanto_pid" 2>/dev/null && wait "$kanto_pid" 2>/dev/null
  [[ -n $pg_started ]] && as_postgres "$pgbin/pg_ctl" -D "$work/pg" -m fast stop >/dev/null 2>&1
  [[ -n ${KEEP:-} ]] || rm -rf "$work"
}

start_postgres() {
  pg_port=$(free_port)
  mkdir -p "$work/pg" "$work/sock"
  [[ $(id -u) != 0 ]] || chown postgres "$work/pg" "$work/sock"
  as_postgres "$pgbin/initdb" -D "$work/pg" -A trust -U kanto >/dev/null
  as_postgres "$pgbin/pg_ctl" -D "$work/pg" -l "$work/pg/log" -w \
    -o "-p $pg_port -k $work/sock -c listen_addresses=127.0.0.1 -c max_connections=50 -c fsync=on -c synchronous_commit=on ${PG_OPTIONS:-}" \
    start >/dev/null
  pg_started=1
  as_postgres "$pgbin/createdb" -h 127.0.0.1 -p "$pg_port" -U kanto kanto 2>/dev/null || true
}

start_kanto() {
  kanto_port=$(free_port)
  # shellcheck disable=SC2086  # KANTO_OPTIONS: extra serve options, e.g. "-c synchronous_commit=off"
  "$build/kanto" serve --data "$work/kanto" --listen "127.0.0.1:$kanto_port" ${KANTO_OPTIONS:-} > "$work/kanto.log" 2>&1 &
  kanto_pid=$!
  for _ in $(seq 50); do grep -q listening "$work/kanto.log" && return; sleep 0.1; done
  cat "$work/kanto.log" >&2
  exit 1
}

machine() {
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); $($pgbin/postgres --version)"
}
