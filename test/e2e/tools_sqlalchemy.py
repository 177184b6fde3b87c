"""SQLAlchemy's inspector (Debian's python3-sqlalchemy, psycopg2 dialect) on the schema of
test/e2e/tools_schema.sql, printed as text for test/e2e/tools_python.sh to compare between
PostgreSQL 15 and `kanto serve`; then alembic's autogenerate (compare_metadata) against a model
that matches the schema must find no differences.

usage: tools_sqlalchemy.py  (connection from PGHOST, PGPORT, PGUSER, PGDATABASE)
"""
import os

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy.dialects.postgresql import ARRAY, ENUM
from sqlalchemy import (BigInteger, Boolean, CheckConstraint, Column, Date, ForeignKey, ForeignKeyConstraint,
                        Identity, Index, Integer, MetaData, Numeric, Sequence, SmallInteger, String, Table, Text,
                        UniqueConstraint, CHAR, DateTime, create_engine, inspect, text)

url = "postgresql+psycopg2://{PGUSER}@{PGHOST}:{PGPORT}/{PGDATABASE}".format(**os.environ)
engine = create_engine(url, future=True)
TABLES = ["authors", "books", "editions", "reviews"]


def show(what, value):
    print(f"{what}: {value!r}")


def columns(inspector, table):
    for c in inspector.get_columns(table):
        c = dict(c)
        c["type"] = repr(c["type"])
        print(f"  column {table}: {sorted(c.items())!r}")


insp = inspect(engine)
show("schemas", insp.get_schema_names())
show("tables", insp.get_table_names())
show("views", insp.get_view_names())
show("sequences", insp.get_sequence_names())
show("default schema", insp.default_schema_name)
for t in TABLES:
    columns(insp, t)
    show(f"pk {t}", insp.get_pk_constraint(t))
    show(f"foreign keys {t}", sorted(insp.get_foreign_keys(t), key=lambda k: k["name"]))
    show(f"indexes {t}", sorted(insp.get_indexes(t), key=lambda i: i["name"]))
    show(f"unique {t}", sorted(insp.get_unique_constraints(t), key=lambda u: u["name"]))
    show(f"checks {t}", sorted(insp.get_check_constraints(t), key=lambda c: c["name"]))
    show(f"comment {t}", insp.get_table_comment(t))
for v in ["book_list", "good_reviews"]:
    columns(insp, v)
    show(f"view definition {v}", insp.get_view_definition(v))

# The application's model of the same schema: autogenerate compares it with the database.
m = MetaData()
mood = ENUM("sad", "ok", "happy", name="mood", metadata=m, create_type=False)
Sequence("ticket_seq", start=100, increment=5, metadata=m)
Table("authors", m,
      Column("id", Integer, primary_key=True),
      Column("name", String(80), nullable=False),
      Column("email", Text, unique=True),
      Column("born", Date),
      Column("rating", Numeric(4, 1), server_default=text("0")),
      CheckConstraint("rating >= 0", name="authors_rating_check"))
books = Table("books", m,
      Column("id", BigInteger, Identity(), primary_key=True),
      Column("author_id", Integer, ForeignKey("authors.id", ondelete="CASCADE"), nullable=False),
      Column("title", Text, nullable=False),
      Column("isbn", CHAR(13)),
      Column("price", Numeric(8, 2), nullable=False),
      Column("pages", SmallInteger),
      Column("published", DateTime(timezone=True)),
      Column("in_print", Boolean, nullable=False, server_default=text("true")),
      UniqueConstraint("isbn", name="books_isbn_key"),
      CheckConstraint("price > 0", name="books_price_check"))
Index("books_title_idx", books.c.title)
Index("books_author_price_idx", books.c.author_id, books.c.price.desc())
Table("editions", m,
      Column("book_id", BigInteger, ForeignKey("books.id", ondelete="CASCADE"), primary_key=True),
      Column("number", Integer, primary_key=True),
      Column("ticket", BigInteger, server_default=text("nextval('ticket_seq'::regclass)")),
      Column("note", String(200)))
Table("reviews", m,
      Column("id", BigInteger, primary_key=True),
      Column("book_id", BigInteger),
      Column("edition", Integer),
      Column("stars", SmallInteger, nullable=False),
      Column("body", Text),
      Column("reviewer_id", Integer, ForeignKey("authors.id", ondelete="SET NULL")),
      Column("feeling", mood, server_default=text("'ok'::mood")),
      Column("moods", ARRAY(mood)),
      ForeignKeyConstraint(["book_id", "edition"], ["editions.book_id", "editions.number"], name="reviews_edition_fk"),
      UniqueConstraint("book_id", "reviewer_id", name="reviews_book_id_reviewer_id_key"),
      Index("reviews_body_idx", "body", unique=True))
Table("book_list", m, Column("id", BigInteger), Column("title", Text), Column("author", String(80)), info={"is_view": True})
Table("good_reviews", m, Column("id", BigInteger), Column("book_id", BigInteger), Column("stars", SmallInteger),
      info={"is_view": True})


def include_object(obj, name, type_, reflected, compare_to):
    return not (type_ == "table" and name in ("book_list", "good_reviews"))


with engine.connect() as conn:
    ctx = MigrationContext.configure(conn, opts={"compare_type": True, "compare_server_default": True,
                                                 "include_object": include_object})
    diffs = compare_metadata(ctx, m)
show("alembic autogenerate differences", diffs)
