"""Django 3.2's `inspectdb` (Debian's python3-django) on the schema of test/e2e/tools_schema.sql:
the models it writes, and its introspection's get_constraints and get_sequences per table, printed
for test/e2e/tools_python.sh to compare between PostgreSQL 15 and `kanto serve`.

usage: tools_django.py  (connection from PGHOST, PGPORT, PGUSER, PGDATABASE)
"""
import io
import os

import django
from django.conf import settings

settings.configure(DATABASES={"default": {
    "ENGINE": "django.db.backends.postgresql", "HOST": os.environ["PGHOST"], "PORT": os.environ["PGPORT"],
    "USER": os.environ["PGUSER"], "NAME": os.environ["PGDATABASE"]}}, USE_TZ=True)
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from tools_common import step  # noqa: E402

out = io.StringIO()
call_command("inspectdb", stdout=out)
print(out.getvalue())
out = io.StringIO()
call_command("inspectdb", "book_list", "good_reviews", include_views=True, stdout=out)
print(out.getvalue())
with connection.cursor() as c:
    for t in ["authors", "books", "editions", "reviews"]:
        print(t, "constraints", sorted(connection.introspection.get_constraints(c, t).items()))
        print(t, "sequences", connection.introspection.get_sequences(c, t))
        print(t, "primary key", connection.introspection.get_primary_key_column(c, t))
        print(t, "relations", sorted(connection.introspection.get_relations(c, t).items()))
        description = [tuple(d) for d in connection.introspection.get_table_description(c, t)]
        # A user type's OID (the enum mood, its array) is the server's own: shown as "user".
        print(t, "description", [d[:1] + (("user",) if d[1] >= 16384 else d[1:2]) + d[2:] for d in description])


def enum_internal_size():
    with connection.cursor() as c:
        sizes = {d.name: d.internal_size for d in connection.introspection.get_table_description(c, "reviews")}
    if sizes["feeling"] != 4:
        raise ValueError(f"internal_size {sizes['feeling']}")
    return sizes["feeling"]


def result_description():
    """cursor.description of a query (psycopg2: internal_size is RowDescription's type length,
    display_size / precision / scale come from its typmod) over columns and expressions of many
    types."""
    with connection.cursor() as c:
        c.execute("""SELECT a.id, a.name, a.rating, a.born, b.isbn, b.price, b.pages, b.published, b.in_print,
                            r.feeling, r.moods, r.body, e.note, e.ticket,
                            'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid, '{"a": 1}'::jsonb, '{}'::json,
                            ARRAY[1, 2], ARRAY['x']::varchar(3)[], 1.5::numeric(6,3), b.price + 1, 'x'::varchar(7),
                            'y'::char(2), now()::timestamp, interval '1 day', 'q'::"char", 'n'::name, 7::oid,
                            1.5::real, 2.5::float8, '\\x00'::bytea, 'int4'::regtype, r.feeling::text
                     FROM authors a, books b, reviews r, editions e WHERE false""")
        return [(d.name, "user" if d.type_code >= 16384 else d.type_code, d.display_size, d.internal_size,
                 d.precision, d.scale) for d in c.description]


step("reviews.feeling internal_size", enum_internal_size)
step("result description", result_description)
