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
        # A user type's OID (the enum mood, its array) is the server's own: shown as "user"; the
        # enum's internal_size (RowDescription's type length) is checked by the step below.
        print(t, "description", [d[:1] + (("user", d[2], "enum") if d[1] >= 16384 else d[1:4]) + d[4:]
                                 for d in description])


def enum_internal_size():
    with connection.cursor() as c:
        sizes = {d.name: d.internal_size for d in connection.introspection.get_table_description(c, "reviews")}
    if sizes["feeling"] != 4:
        raise ValueError(f"internal_size {sizes['feeling']}")
    return sizes["feeling"]


step("reviews.feeling internal_size", enum_internal_size,
     not_yet="RowDescription gives an enum the type length -1 (wire::TypeLength knows fixed OIDs only)")
