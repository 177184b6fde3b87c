#!/usr/bin/env bash
# The client access file (`kanto serve --hba FILE`, pg_hba.conf's format) against PostgreSQL 15:
# both servers get the same file and the same roles and databases, then real clients connect as
# each role to each database, over TLS and without, from 127.0.0.1 and (a raw protocol client
# that binds its source address) from 127.0.0.5. What each connection gets (its current_user, or
# the error) must be the same on both. Then the file changes and both reload it (SIGHUP / pg_ctl
# reload), a file with an error leaves the rules in force on both, and Kanto refuses to start on a
# bad file or on a line asking for what it does not do.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
build=$1
private_postgresql
e2e_cleanup() {
  "${as_pg[@]}" "$pgbin/pg_ctl" -D "$pgdir/data" -m immediate stop > /dev/null 2>&1 || true
  rm -rf "$pgdir"
}
conf=$pgdir/conf
mkdir -p "$conf"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$conf/key.pem" -out "$conf/cert.pem" -days 30 -subj "/CN=localhost" 2>/dev/null
write_hba() {
  cat > "$conf/hba.conf" <<HBA
# TYPE    DATABASE   USER     ADDRESS                      METHOD
$1
host      all        kanto    127.0.0.1/32                 trust
host      all        postgres 127.0.0.1/32                 trust
host      app,other  alice    127.0.0.1/32                 scram-sha-256
host      all        bob      127.0.0.1/32                 reject
hostssl   all        carol    127.0.0.1/32                 trust
hostnossl all        dave     127.0.0.1  255.255.255.255   trust
host      sameuser   erin     samehost                     md5
host      "all"      frank    127.0.0.0/8                  trust
host      all        "all"    127.0.0.1/32                 trust
host      all        all      127.0.0.5/32                 trust
local     all        all                                   peer
HBA
}
write_hba ""
chown -R postgres "$conf" 2>/dev/null || true
chmod 600 "$conf/key.pem"

start_kanto "$build" --hba "$conf/hba.conf" --tls-cert "$conf/cert.pem" --tls-key "$conf/key.pem"
"${as_pg[@]}" "$pgbin/initdb" -D "$pgdir/data" -U postgres -A trust -E UTF8 --locale=C > "$pgdir/initdb.log" 2>&1
"${as_pg[@]}" "$pgbin/pg_ctl" -D "$pgdir/data" -l "$pgdir/pg.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $pgport -k $pgdir -c fsync=off -c hba_file=$conf/hba.conf -c ssl=on -c ssl_cert_file=$conf/cert.pem -c ssl_key_file=$conf/key.pem" \
  start > /dev/null
psql -X -q -v ON_ERROR_STOP=1 -p "$pgport" -U postgres -d postgres -c "CREATE ROLE kanto SUPERUSER LOGIN" \
  -c "CREATE DATABASE kanto OWNER kanto"
for p in "$pgport" "$port"; do
  for d in app other erin all; do psql -X -q -v ON_ERROR_STOP=1 -p "$p" -U kanto -d kanto -c "CREATE DATABASE \"$d\""; done
  for r in alice bob carol dave erin frank all; do
    psql -X -q -v ON_ERROR_STOP=1 -p "$p" -U kanto -d kanto -c "CREATE ROLE \"$r\" LOGIN PASSWORD 'Secret-1'"
  done
done

# USER DATABASE SSLMODE [PASSWORD]: the role the session has, or the error, the port masked.
connect() {
  local out
  out=$(PGPASSWORD=${4:-} psql -X -At "host=127.0.0.1 user=$1 dbname=$2 sslmode=$3 connect_timeout=5" \
    -c "SELECT current_user" 2>&1) || true
  echo "$1@$2 ($3): $(sed -E 's/port [0-9]+/port N/g' <<<"$out" | tr '\n' ' ')"
}
# USER DATABASE: a raw StartupMessage sent from 127.0.0.5; the first answer.
from_other_address() {
  /usr/bin/python3 - "$PGPORT" "$1" "$2" <<'PY'
import socket, struct, sys
port, user, db = int(sys.argv[1]), sys.argv[2], sys.argv[3]
s = socket.socket()
s.bind(("127.0.0.5", 0))
s.connect(("127.0.0.1", port))
body = struct.pack("!i", 196608) + b"user\0" + user.encode() + b"\0database\0" + db.encode() + b"\0\0"
s.sendall(struct.pack("!i", len(body) + 4) + body)
def read(n):
    data = b""
    while len(data) < n:
        chunk = s.recv(n - len(data))
        if not chunk: raise SystemExit("connection closed")
        data += chunk
    return data
# The outcome: the session ready for queries, or the error that ended it (PostgreSQL sends a
# trusted but unknown role AuthenticationOk first, Kanto the error at once: the same to a client).
while True:
    kind = read(1)
    payload = read(struct.unpack("!i", read(4))[0] - 4)
    if kind == b"R" and struct.unpack("!i", payload[:4])[0] != 0:
        print(f"{user}@{db} from 127.0.0.5: asked for a password")
        break
    if kind == b"Z":
        print(f"{user}@{db} from 127.0.0.5: ready")
        break
    if kind == b"E":
        fields = {f[:1]: f[1:].decode() for f in payload.split(b"\0") if f}
        print(f"{user}@{db} from 127.0.0.5: {fields.get(b'S')} {fields.get(b'C')} {fields.get(b'M')}")
        break
PY
}
cases() {
  connect kanto kanto disable
  connect alice app disable Secret-1
  connect alice other require Secret-1
  connect alice app disable wrong
  connect alice kanto disable Secret-1
  connect bob kanto disable Secret-1
  connect bob kanto require Secret-1
  connect carol kanto require
  connect carol kanto disable
  connect dave kanto disable
  connect dave kanto require
  connect erin erin disable Secret-1
  connect erin kanto disable Secret-1
  connect frank all disable
  connect frank kanto disable
  connect all kanto disable
  connect nobody kanto disable
  from_other_address bob kanto
  from_other_address nosuch kanto
  from_other_address alice app
}
compare() {
  local want got
  want=$(PGPORT=$pgport cases)
  got=$(PGPORT=$port cases)
  if [[ "$want" != "$got" ]]; then
    echo "FAIL: $1: Kanto's answers differ from PostgreSQL's (- PostgreSQL, + Kanto)"
    diff -u <(echo "$want") <(echo "$got") || true
    exit 1
  fi
  grep -q "bob@kanto (disable): .*rejects connection" <<<"$got" || { echo "FAIL: $1: bob not rejected"; echo "$got"; exit 1; }
  echo "ok: $1 as PostgreSQL's ($(echo "$got" | wc -l) connections)"
}
compare "access file"

# A changed file takes effect on SIGHUP (pg_ctl reload); one with an error leaves the last rules.
reload() {
  kill -HUP "$pid"
  "${as_pg[@]}" "$pgbin/pg_ctl" -D "$pgdir/data" reload > /dev/null
  sleep 1
}
write_hba "host all bob 127.0.0.1/32 trust"
reload
[[ "$(connect bob kanto disable)" == "bob@kanto (disable): bob " ]] || { echo "FAIL: reload: $(connect bob kanto disable)"; exit 1; }
PGPORT=$pgport connect bob kanto disable | grep -q ": bob $" || { echo "FAIL: PostgreSQL did not reload"; exit 1; }
echo "host all all 127.0.0.1/32 bogus" > "$conf/hba.conf"
reload
grep -q 'hba.conf:1: invalid authentication method \"bogus\"; access file .* not reloaded' "$dir/log" ||
  { echo "FAIL: no reload error in the log"; cat "$dir/log"; exit 1; }
for p in "$pgport" "$port"; do
  PGPORT=$p connect bob kanto disable | grep -q ": bob $" || { echo "FAIL: a bad file replaced the rules on port $p"; exit 1; }
done
echo "ok: SIGHUP reloads the file; a bad one keeps the rules in force, as PostgreSQL"

# Kanto does not start on a file it cannot apply whole (PostgreSQL does not start on a bad one).
refused() {
  printf '%s\n' "$1" > "$conf/bad.conf"
  local out
  if out=$("$build/kanto" serve --data "$dir/other" --listen "127.0.0.1:$(free_port)" --hba "$conf/bad.conf" 2>&1); then
    echo "FAIL: started with: $1"; exit 1
  fi
  grep -qF "$2" <<<"$out" || { echo "FAIL: for '$1' expected '$2', got: $out"; exit 1; }
}
refused "host all all 127.0.0.1/32 bogus" 'bad.conf:1: invalid authentication method "bogus"'
refused "host all +staff 127.0.0.1/32 trust" 'role "+staff" is not supported'
refused "host samerole all 127.0.0.1/32 trust" 'database "samerole" is not supported'
refused "host all all db.example.com trust" 'host name "db.example.com" is not supported'
refused "host all all 127.0.0.1/32 ldap ldapserver=x" 'authentication method "ldap" is not supported'
refused "host all all 127.0.0.1/32 scram-sha-256 clientcert=verify-full" 'authentication option "clientcert=verify-full" is not supported'
refused "host all all 127.0.0.1/33 trust" 'invalid CIDR mask in address "127.0.0.1/33"'
refused "hostgssenc all all 127.0.0.1/32 trust" 'connection type "hostgssenc" is not supported'
refused "host all all" 'end-of-line before IP address specification'
if out=$("$build/kanto" serve --data "$dir/other" --hba "$conf/hba.conf" --auth trust 2>&1); then
  echo "FAIL: --auth with --hba accepted"; exit 1
fi
grep -q "cannot both be given" <<<"$out" || { echo "FAIL: --auth with --hba: $out"; exit 1; }
echo "ok: a bad access file or line refuses to start, naming the file, line and what is wrong"
