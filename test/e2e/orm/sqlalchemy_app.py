"""SQLAlchemy 1.4 (Debian's python3-sqlalchemy) against `kanto serve`: metadata.create_all with serial
ids, a foreign key with ON DELETE CASCADE, a unique constraint, a CHECK and an index; then ORM session
work (add, flush, query with filters, joins and aggregates, relationship loading, update, delete,
rollback), upserts (insert().on_conflict_do_update / do_nothing), the inspector's view of the schema,
and a JSONB column (index and path access, astext, contains, has_key / has_all / has_any, casts).

usage: sqlalchemy_app.py  (connection from PGHOST, PGPORT, PGUSER, PGDATABASE; runs unchanged against
PostgreSQL 15). ORM_FOREIGN_KEYS=yes: the schema has its foreign key and the test checks it.
"""
import decimal
import os

from sqlalchemy import (Boolean, CheckConstraint, Column, DateTime, ForeignKey, Index, Integer, Numeric, String,
                        Text, UniqueConstraint, create_engine, func, inspect, select, text, update, delete)
from sqlalchemy.dialects.postgresql import JSONB, array, insert as pg_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, declarative_base, foreign, joinedload, relationship, selectinload

WITH_FK = os.environ.get("ORM_FOREIGN_KEYS") == "yes"
url = "postgresql+psycopg2://{PGUSER}@{PGHOST}:{PGPORT}/{PGDATABASE}".format(**os.environ)
engine = create_engine(url, future=True)
Base = declarative_base()


class Author(Base):
    __tablename__ = "sa_authors"
    id = Column(Integer, primary_key=True)
    name = Column(String(50), nullable=False, unique=True)
    active = Column(Boolean, nullable=False, server_default=text("true"))
    joined = Column(DateTime(timezone=True), server_default=func.now())
    if WITH_FK:
        posts = relationship("Post", back_populates="author", cascade="all, delete-orphan", passive_deletes=True,
                             order_by="Post.id")
    else:
        posts = relationship("Post", back_populates="author", cascade="all, delete-orphan", order_by="Post.id",
                             primaryjoin="Author.id == foreign(Post.author_id)")


class Post(Base):
    __tablename__ = "sa_posts"
    id = Column(Integer, primary_key=True)
    author_id = Column(Integer, ForeignKey("sa_authors.id", ondelete="CASCADE") if WITH_FK else None, nullable=False)
    title = Column(String(100), nullable=False)
    body = Column(Text)
    score = Column(Numeric(10, 2), CheckConstraint("score >= 0", name="sa_posts_score_check"))
    if WITH_FK:
        author = relationship("Author", back_populates="posts")
    else:
        author = relationship("Author", back_populates="posts", primaryjoin="foreign(Post.author_id) == Author.id")
    __table_args__ = (UniqueConstraint("author_id", "title", name="sa_posts_author_title"),
                      Index("ix_sa_posts_score", "score"))


class Doc(Base):
    __tablename__ = "sa_docs"
    id = Column(Integer, primary_key=True)
    body = Column(JSONB, nullable=False)


Base.metadata.drop_all(engine)
Base.metadata.create_all(engine)

# The schema as the inspector sees it; a CHECK as PostgreSQL deparses it ("score >= (0)::numeric"),
# which Kanto prints the same (ORM_EXPRESSION_TEXT=no compares only the names).
insp = inspect(engine)
assert {"sa_authors", "sa_posts"} <= set(insp.get_table_names()), insp.get_table_names()
assert insp.has_table("sa_posts") and not insp.has_table("sa_nosuch")
assert insp.get_pk_constraint("sa_posts")["constrained_columns"] == ["id"]
uniques = {u["name"]: u["column_names"] for u in insp.get_unique_constraints("sa_posts")}
assert uniques == {"sa_posts_author_title": ["author_id", "title"]}, uniques
indexes = {i["name"]: (i["column_names"], i["unique"]) for i in insp.get_indexes("sa_posts")}
assert indexes == {"ix_sa_posts_score": (["score"], False), "sa_posts_author_title": (["author_id", "title"], True)}, indexes
checks = {c["name"]: c["sqltext"] for c in insp.get_check_constraints("sa_posts")}
if os.environ.get("ORM_EXPRESSION_TEXT", "yes") == "yes":
    assert checks == {"sa_posts_score_check": "score >= (0)::numeric"}, checks
else:
    assert list(checks) == ["sa_posts_score_check"], checks
if WITH_FK:
    fks = insp.get_foreign_keys("sa_posts")
    assert [(f["constrained_columns"], f["referred_table"], f["referred_columns"], f["options"]) for f in fks] == \
        [(["author_id"], "sa_authors", ["id"], {"ondelete": "CASCADE"})], fks

with Session(engine) as s:
    ann = Author(name="ann", posts=[Post(title="first", score=decimal.Decimal("1.50")), Post(title="second", score=2)])
    bob = Author(name="bob", active=False)
    s.add_all([ann, bob])
    s.commit()
    assert ann.id == 1 and bob.id == 2 and [p.id for p in ann.posts] == [1, 2]
    assert ann.active is True and bob.active is False and ann.joined is not None
    s.add(Post(author=bob, title="third", body="x" * 1000, score=decimal.Decimal("7.25")))
    s.commit()

    # Queries: filters, joins, aggregates, ordering, relationship loading.
    rows = s.execute(select(Author.name, func.count(Post.id), func.sum(Post.score))
                     .join(Post, Post.author_id == Author.id).group_by(Author.name).order_by(Author.name)).all()
    assert rows == [("ann", 2, decimal.Decimal("3.50")), ("bob", 1, decimal.Decimal("7.25"))], rows
    titles = s.scalars(select(Post.title).where(Post.score > 1.6).order_by(Post.title.desc())).all()
    assert titles == ["third", "second"], titles
    loaded = s.scalars(select(Author).options(selectinload(Author.posts)).order_by(Author.id)).all()
    assert [[p.title for p in a.posts] for a in loaded] == [["first", "second"], ["third"]]
    post = s.scalars(select(Post).options(joinedload(Post.author)).where(Post.title == "third")).one()
    assert post.author.name == "bob" and len(post.body) == 1000
    assert s.scalar(select(func.count()).select_from(Post).where(Post.body.is_(None))) == 2
    like = s.scalars(select(Author.name).where(Author.name.ilike("A%"))).all()
    assert like == ["ann"], like

    # Violations raise IntegrityError and the session recovers after rollback.
    s.add(Post(author_id=ann.id, title="first", score=1))
    try:
        s.commit()
        raise AssertionError("duplicate (author_id, title) accepted")
    except IntegrityError as e:
        assert e.orig.pgcode == "23505", e.orig.pgcode
        s.rollback()
    s.add(Post(author_id=ann.id, title="negative", score=-1))
    try:
        s.commit()
        raise AssertionError("CHECK (score >= 0) not enforced")
    except IntegrityError as e:
        assert e.orig.pgcode == "23514", e.orig.pgcode
        s.rollback()
    if WITH_FK:
        s.add(Post(author_id=99, title="orphan"))
        try:
            s.commit()
            raise AssertionError("foreign key not enforced")
        except IntegrityError as e:
            assert e.orig.pgcode == "23503", e.orig.pgcode
            s.rollback()

    # Updates and deletes, through the unit of work and as bulk statements.
    ann.name = "anne"
    s.commit()
    assert s.scalar(select(Author.name).where(Author.id == 1)) == "anne"
    res = s.execute(update(Post).where(Post.author_id == 1).values(score=Post.score + 1))
    assert res.rowcount == 2
    s.commit()
    assert s.scalars(select(Post.score).where(Post.author_id == 1).order_by(Post.id)).all() == \
        [decimal.Decimal("2.50"), decimal.Decimal("3.00")]
    if WITH_FK:
        s.execute(delete(Author).where(Author.name == "anne"))  # ON DELETE CASCADE removes her posts
    else:
        print("sqlalchemy_app: SKIPPED foreign key steps (ORM_FOREIGN_KEYS is not yes)")
        s.execute(delete(Post).where(Post.author_id == 1))
        s.execute(delete(Author).where(Author.name == "anne"))
    s.commit()
    assert s.scalars(select(Post.title).order_by(Post.id)).all() == ["third"]
    s.delete(bob)  # and his post, by the relationship's cascade
    s.commit()
    assert s.scalar(select(func.count()).select_from(Author)) == 0
    assert s.scalar(select(func.count()).select_from(Post)) == 0

# A transaction rolled back leaves nothing behind; nested savepoints.
with Session(engine) as s:
    with s.begin():
        s.add(Author(name="carl"))
        nested = s.begin_nested()
        s.add(Author(name="dora"))
        nested.rollback()
    assert s.scalars(select(Author.name)).all() == ["carl"]

# Upserts: postgresql.insert().on_conflict_do_update() by index elements (with a WHERE) and by
# constraint name, with excluded and RETURNING; on_conflict_do_nothing().
with Session(engine) as s:
    ins = pg_insert(Author).values([{"name": "carl", "active": False}, {"name": "erin", "active": False}])
    rows = s.execute(ins.on_conflict_do_update(index_elements=[Author.name], set_={"active": ins.excluded.active})
                     .returning(Author.name, Author.active)).all()
    assert sorted(rows) == [("carl", False), ("erin", False)], rows
    ins = pg_insert(Author).values(name="erin", active=True)
    res = s.execute(ins.on_conflict_do_update(constraint="sa_authors_name_key", set_={"active": ins.excluded.active},
                                              where=Author.active.is_(True)))
    assert res.rowcount == 0  # erin is not active: the WHERE leaves her row alone
    s.execute(pg_insert(Author).values(name="fay").on_conflict_do_nothing(index_elements=["name"]))
    s.execute(pg_insert(Author).values(name="fay").on_conflict_do_nothing())
    s.commit()
    assert s.execute(select(Author.name, Author.active).order_by(Author.name)).all() == \
        [("carl", False), ("erin", False), ("fay", True)]

# JSONB: documents in and out as Python values, SQLAlchemy's comparators on them.
with Session(engine) as s:
    s.add_all([Doc(id=1, body={"kind": "a", "n": 3, "tags": ["x", "y"], "meta": {"deep": [1, 2]}}),
               Doc(id=2, body={"kind": "b", "n": 1.25, "tags": ["y"]}),
               Doc(id=3, body=[1, "two", None])])
    s.commit()
    assert s.get(Doc, 1).body == {"kind": "a", "n": 3, "tags": ["x", "y"], "meta": {"deep": [1, 2]}}
    assert s.get(Doc, 3).body == [1, "two", None]
    ids = lambda q: s.scalars(select(Doc.id).where(q).order_by(Doc.id)).all()  # noqa: E731
    assert ids(Doc.body["kind"].astext == "b") == [2]
    assert ids(Doc.body["n"].as_float() > 2) == [1]
    assert ids(Doc.body[("meta", "deep", 1)].as_integer() == 2) == [1]
    assert ids(Doc.body.contains({"tags": ["y"]})) == [1, 2]
    assert ids(Doc.body.contained_by({"kind": "b", "n": 1.25, "tags": ["y", "z"]})) == [2]
    assert ids(Doc.body.has_key("meta")) == [1]
    assert ids(Doc.body.has_all(array(["kind", "tags"]))) == [1, 2]
    assert ids(Doc.body.has_any(array(["meta", "nope"]))) == [1]
    assert s.scalars(select(Doc.body["tags"]).where(Doc.id == 1)).one() == ["x", "y"]
    assert s.scalars(select(Doc.body[("meta", "deep")]).where(Doc.id == 1)).one() == [1, 2]
    assert s.scalars(select(Doc.body[1]).where(Doc.id == 3)).one() == "two"
    s.execute(update(Doc).where(Doc.id == 2).values(body=Doc.body.concat({"n": 2})))
    s.commit()
    assert s.get(Doc, 2).body == {"kind": "b", "n": 2, "tags": ["y"]}
    assert s.scalars(select(Doc.id).order_by(Doc.body, Doc.id)).all() == [3, 2, 1]

Base.metadata.drop_all(engine)
assert not inspect(engine).has_table("sa_posts")
print("sqlalchemy_app: ok")
