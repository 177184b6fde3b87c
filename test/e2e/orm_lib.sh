# Shared by the application e2e suites (orm_*.sh; source it after lib.sh and start_kanto).
#   supports SQL...  whether the server runs these statements (after CREATE TABLE orm_probe (a int),
#       which is dropped again): an application needing what Kanto lacks yet is skipped, named.
#   probe_foreign_keys  exports ORM_FOREIGN_KEYS=yes, and fails the suite when the server does not
#       accept FOREIGN KEY constraints (Kanto enforces them now, so the applications' foreign key
#       steps always run).
probe_foreign_keys() {
  if psql -q -v ON_ERROR_STOP=1 -c "CREATE TABLE orm_probe_parent (id int PRIMARY KEY)" \
       -c "CREATE TABLE orm_probe_child (p int REFERENCES orm_probe_parent)" > /dev/null 2>&1; then
    export ORM_FOREIGN_KEYS=yes
  else
    echo "FAIL: the server does not accept FOREIGN KEY constraints" >&2
    exit 1
  fi
  psql -q -c "DROP TABLE IF EXISTS orm_probe_child" -c "DROP TABLE IF EXISTS orm_probe_parent" > /dev/null
}

supports() {
  local args=(-q -v ON_ERROR_STOP=1 -c "CREATE TABLE orm_probe (a int)") rc=0
  for statement in "$@"; do args+=(-c "$statement"); done
  psql "${args[@]}" > /dev/null 2>&1 || rc=1
  psql -q -c "DROP TABLE IF EXISTS orm_probe" > /dev/null 2>&1
  return $rc
}
