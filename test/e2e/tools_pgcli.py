"""pgcli (Debian's pgcli 3.5) on the schema of test/e2e/tools_schema.sql, without a terminal: its
executor's completion-metadata queries (pgcli/pgexecute.py: search_path, schemata, tables, views,
columns, foreign keys, functions, datatypes, databases), then its completer filled by pgcli's own
refreshers (completion_refresher.py) and asked what to complete after "SELECT * FROM ", after
"SELECT  FROM books" and after a JOIN. Tables and views are compared in
schema public, completions without the functions and the
system schemas' relations. Printed for test/e2e/tools_python.sh to compare between
PostgreSQL 15 and `kanto serve`. Functions are compared outside pg_catalog (pg_proc's built-in rows
are not this test's; their query must run).

usage: tools_pgcli.py  (connection from PGHOST, PGPORT, PGUSER, PGDATABASE)
"""
import os

from prompt_toolkit.document import Document
from pgcli.completion_refresher import CompletionRefresher
from pgcli.pgcompleter import PGCompleter
from pgcli.pgexecute import PGExecute
from tools_common import step


ex = PGExecute(os.environ["PGDATABASE"], os.environ["PGUSER"], None, os.environ["PGHOST"], os.environ["PGPORT"])
step("search_path", ex.search_path)
step("schemata", lambda: sorted(ex.schemata()))
step("tables", lambda: sorted(t for t in ex.tables() if t[0] == "public"))
step("views", lambda: sorted(v for v in ex.views() if v[0] == "public"))
step("table columns", lambda: sorted(c for c in ex.table_columns() if c[0] == "public"))
step("view columns", lambda: sorted(c for c in ex.view_columns() if c[0] == "public"))
step("foreign keys", lambda: sorted(ex.foreignkeys()))
functions = list(ex.functions())  # the query must run; the built-in rows are not compared
print("functions outside pg_catalog", sorted(f for f in functions if f.schema_name not in ("pg_catalog", "information_schema")))
step("datatypes", lambda: sorted(ex.datatypes()))
step("databases", lambda: [d for d in ex.databases() if d == os.environ["PGDATABASE"]])

completer = PGCompleter(smart_completion=True, settings={})
for name, refresh in CompletionRefresher.refreshers.items():
    # Without a terminal: no casing file.
    if name not in ("casing", "databases"):
        refresh(completer, ex)


def complete(text, cursor=None):
    doc = Document(text, len(text) if cursor is None else cursor)
    return sorted(c.text for c in completer.get_completions(doc, None))


def relations(completions):
    """The completions of schema public's relations: not functions (set-returning ones are offered
    after FROM too), not information_schema's or pg_catalog's (schema-qualified) relations."""
    return [c for c in completions if not c.endswith(")") and "." not in c.split(" ")[0]]


print("complete 'SELECT * FROM '", relations(complete("SELECT * FROM ")))
print("complete 'SELECT * FROM bo'", relations(complete("SELECT * FROM bo")))
print("complete 'SELECT  FROM books'", [c for c in complete("SELECT  FROM books", 7) if c.islower()])
print("complete join", relations(complete("SELECT * FROM reviews r JOIN ")))
