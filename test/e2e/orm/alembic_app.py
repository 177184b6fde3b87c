"""alembic (Debian's python3-alembic) against `kanto serve`: a database created from an initial
SQLAlchemy model; autogenerate against the next model finds the added columns and the added foreign
key and writes a migration; `upgrade head` applies it (the foreign key is then enforced, and a second
comparison finds nothing left to do); `downgrade base` takes it back out.

usage: alembic_app.py  (connection from PGHOST, PGPORT, PGUSER, PGDATABASE; runs unchanged against
PostgreSQL 15).
"""
import contextlib
import io
import os
import pathlib
import tempfile

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Column, ForeignKey, Integer, MetaData, String, Table, create_engine, inspect, text
from sqlalchemy.exc import IntegrityError

url = "postgresql+psycopg2://{PGUSER}@{PGHOST}:{PGPORT}/{PGDATABASE}".format(**os.environ)
engine = create_engine(url, future=True)


def model(version):
    """The application's schema: version 1, then version 2 with al_books.author_id (a foreign key
    to al_authors) and al_authors.country."""
    m = MetaData()
    authors = [Column("id", Integer, primary_key=True), Column("name", String(40), nullable=False, unique=True)]
    books = [Column("id", Integer, primary_key=True), Column("title", String(80), nullable=False)]
    if version == 2:
        authors.append(Column("country", String(2)))
        books.append(Column("author_id", Integer, ForeignKey("al_authors.id", name="al_books_author_fk",
                                                             ondelete="CASCADE")))
    Table("al_authors", m, *authors)
    Table("al_books", m, *books)
    return m


# env.py of the migration environment: the model comes in through config.attributes.
ENV_PY = '''
from alembic import context
from sqlalchemy import create_engine
config = context.config
engine = create_engine(config.get_main_option("sqlalchemy.url"), future=True)
with engine.connect() as connection:
    context.configure(connection=connection, target_metadata=config.attributes["target_metadata"])
    with context.begin_transaction():
        context.run_migrations()
'''

with engine.begin() as conn:
    for table in ("al_books", "al_authors", "alembic_version"):
        conn.execute(text(f"DROP TABLE IF EXISTS {table}"))
model(1).create_all(engine)
with engine.begin() as conn:
    conn.execute(text("INSERT INTO al_authors (name) VALUES ('ann'), ('bob')"))
    conn.execute(text("INSERT INTO al_books (title) VALUES ('first'), ('second')"))

with tempfile.TemporaryDirectory() as workdir:
    scripts, ini = pathlib.Path(workdir) / "migrations", str(pathlib.Path(workdir) / "alembic.ini")
    with contextlib.redirect_stdout(io.StringIO()):
        command.init(Config(ini), str(scripts))
    (scripts / "env.py").write_text(ENV_PY)
    cfg = Config(ini, stdout=io.StringIO())
    cfg.set_main_option("script_location", str(scripts))
    cfg.set_main_option("sqlalchemy.url", url)

    # Autogenerate against version 2: two added columns and an added foreign key, nothing else.
    cfg.attributes["target_metadata"] = model(2)
    with contextlib.redirect_stdout(io.StringIO()):
        command.revision(cfg, message="authors and countries", autogenerate=True, rev_id="r2")
    migration = next((scripts / "versions").glob("r2_*.py")).read_text()
    upgrade = migration.split("def upgrade()")[1].split("def downgrade()")[0]
    ops = [line.strip() for line in upgrade.splitlines() if line.strip().startswith("op.")]
    assert len(ops) == 3, upgrade
    assert any(op.startswith("op.add_column('al_authors', sa.Column('country', sa.String(length=2)") for op in ops), ops
    assert any(op.startswith("op.add_column('al_books', sa.Column('author_id', sa.Integer()") for op in ops), ops
    assert "op.create_foreign_key('al_books_author_fk', 'al_books', 'al_authors', ['author_id'], ['id'], " \
           "ondelete='CASCADE')" in ops, ops

    command.upgrade(cfg, "head")
    insp = inspect(engine)
    assert [c["name"] for c in insp.get_columns("al_authors")] == ["id", "name", "country"]
    assert [c["name"] for c in insp.get_columns("al_books")] == ["id", "title", "author_id"]
    fks = insp.get_foreign_keys("al_books")
    assert [(f["name"], f["constrained_columns"], f["referred_table"], f["referred_columns"],
             f["options"].get("ondelete")) for f in fks] == \
        [("al_books_author_fk", ["author_id"], "al_authors", ["id"], "CASCADE")], fks
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == "r2"
        # Nothing left to migrate: the reflected schema is the model.
        diff = compare_metadata(MigrationContext.configure(conn), model(2))
        assert diff == [], diff
    with engine.begin() as conn:
        conn.execute(text("UPDATE al_books SET author_id = (SELECT id FROM al_authors WHERE name = 'ann')"))
    try:
        with engine.begin() as conn:
            conn.execute(text("UPDATE al_books SET author_id = 99 WHERE title = 'first'"))
        raise AssertionError("the foreign key the migration added is not enforced")
    except IntegrityError as e:
        assert e.orig.pgcode == "23503", e.orig.pgcode

    # And back: the foreign key and the columns go, the data stays.
    command.downgrade(cfg, "base")
    insp = inspect(engine)
    assert [c["name"] for c in insp.get_columns("al_authors")] == ["id", "name"]
    assert [c["name"] for c in insp.get_columns("al_books")] == ["id", "title"]
    assert insp.get_foreign_keys("al_books") == []
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM alembic_version")).scalar_one() == 0
        assert conn.execute(text("SELECT string_agg(title, ',' ORDER BY id) FROM al_books")).scalar_one() == \
            "first,second"
        assert compare_metadata(MigrationContext.configure(conn), model(1)) == []
with engine.begin() as conn:
    for table in ("al_books", "al_authors", "alembic_version"):
        conn.execute(text(f"DROP TABLE {table}"))
print("alembic_app: ok")
