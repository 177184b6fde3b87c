"""Django 3.2 (Debian's python3-django) against `kanto serve`: `migrate` of auth, contenttypes, admin,
sessions and the `shop` app (ForeignKey with CASCADE, ManyToMany, unique_together, an index,
BigAutoField ids), then ORM create / filter / update / delete, select_related, annotate,
transaction.atomic and bulk_create (ignore_conflicts too), and a JSONField (a jsonb column: key,
index, nested key, contains, contained_by, has_key / has_any_keys / has_keys lookups, values and
ordering by a key, update of the whole document).

usage: run.py  (connection from PGHOST, PGPORT, PGUSER, PGDATABASE; runs unchanged against PostgreSQL 15)
"""
import decimal
import io
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import Group, Permission, User  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import IntegrityError, connection, transaction  # noqa: E402
from django.db.models import Count, F, Q, Sum  # noqa: E402

from shop.models import Customer, Event, Order, Tag  # noqa: E402

out = io.StringIO()
call_command("migrate", interactive=False, verbosity=1, stdout=out)
assert "Applying shop.0001_initial... OK" in out.getvalue(), out.getvalue()
assert "Applying shop.0002_event... OK" in out.getvalue(), out.getvalue()
assert "Applying auth.0012_alter_user_first_name_max_length... OK" in out.getvalue(), out.getvalue()
# Migrating again finds nothing to do; the schema as Django's introspection reads it.
out = io.StringIO()
call_command("migrate", interactive=False, verbosity=1, stdout=out)
assert "No migrations to apply." in out.getvalue(), out.getvalue()
tables = set(connection.introspection.table_names())
assert {"auth_user", "auth_group_permissions", "django_content_type", "django_admin_log", "django_session",
        "shop_customer", "shop_order", "shop_order_tags", "shop_tag"} <= tables, tables
with connection.cursor() as c:
    constraints = connection.introspection.get_constraints(c, "shop_order")
    assert any(v["foreign_key"] == ("shop_customer", "id") for v in constraints.values()), constraints
    assert constraints["shop_order_total_idx"]["columns"] == ["total"], constraints
    unique = connection.introspection.get_constraints(c, "shop_customer")
    assert any(v["unique"] and v["columns"] == ["name", "email"] for v in unique.values()), unique
    c.execute("SELECT data_type FROM information_schema.columns WHERE table_name = 'shop_order' AND column_name = 'id'")
    assert c.fetchone()[0] == "bigint"
assert Permission.objects.filter(codename="add_order").exists()
assert ContentType.objects.get_for_model(Order).model == "order"

# auth: users, groups, permissions.
admin = User.objects.create_superuser("admin", "admin@example.com", "secret")
assert admin.id == 1 and User.objects.get(username="admin").check_password("secret")
staff = Group.objects.create(name="staff")
staff.permissions.add(Permission.objects.get(codename="change_order"))
admin.groups.add(staff)
assert admin.has_perm("shop.change_order")

# create / filter / update / delete
ann = Customer.objects.create(name="ann", email="ann@example.com")
bob = Customer.objects.create(name="bob", email="bob@example.com")
try:
    with transaction.atomic():
        Customer.objects.create(name="ann", email="ann@example.com")
    raise AssertionError("unique_together not enforced")
except IntegrityError:
    pass
red, blue = Tag.objects.bulk_create([Tag(name="red"), Tag(name="blue")])
o1 = Order.objects.create(customer=ann, total=decimal.Decimal("10.50"))
o2 = Order.objects.create(customer=ann, total=decimal.Decimal("4.00"))
o3 = Order.objects.create(customer=bob, total=decimal.Decimal("99.99"))
o1.tags.add(red, blue)
o3.tags.add(blue)
assert isinstance(o1.id, int) and o1.created is not None
assert list(Order.objects.filter(total__gt=5).order_by("total").values_list("id", flat=True)) == [o1.id, o3.id]
assert list(Order.objects.filter(Q(customer__name="bob") | Q(total__lt=5)).order_by("id")) == [o2, o3]
assert list(Tag.objects.filter(order__customer=ann).distinct().order_by("name").values_list("name", flat=True)) == \
    ["blue", "red"]
with_customer = list(Order.objects.select_related("customer").order_by("id"))
assert [o.customer.name for o in with_customer] == ["ann", "ann", "bob"]
per_customer = {c.name: (c.n, c.spent) for c in Customer.objects.annotate(n=Count("orders"), spent=Sum("orders__total"))}
assert per_customer == {"ann": (2, decimal.Decimal("14.50")), "bob": (1, decimal.Decimal("99.99"))}, per_customer
assert Order.objects.filter(customer=ann).update(total=F("total") + 1) == 2
assert Order.objects.get(id=o2.id).total == decimal.Decimal("5.00")

# transaction.atomic: an exception rolls everything in the block back.
try:
    with transaction.atomic():
        Tag.objects.create(name="green")
        Order.objects.filter(id=o3.id).update(total=0)
        raise RuntimeError("abort")
except RuntimeError:
    pass
assert not Tag.objects.filter(name="green").exists()
assert Order.objects.get(id=o3.id).total == decimal.Decimal("99.99")
with transaction.atomic():
    Tag.objects.create(name="green")
    with transaction.atomic():  # a savepoint
        Tag.objects.create(name="yellow")
        transaction.set_rollback(True)
assert sorted(Tag.objects.values_list("name", flat=True)) == ["blue", "green", "red"]
# bulk_create(ignore_conflicts=True): INSERT ... ON CONFLICT DO NOTHING (Django 3.2 has no
# update_conflicts; that is Django 4.1's).
Tag.objects.bulk_create([Tag(name="red"), Tag(name="purple"), Tag(name="purple")], ignore_conflicts=True)
assert sorted(Tag.objects.values_list("name", flat=True)) == ["blue", "green", "purple", "red"]

# bulk_create, then delete: ForeignKey CASCADE removes a customer's orders and their tag links.
Order.objects.bulk_create([Order(customer=bob, total=decimal.Decimal(n)) for n in range(1, 51)])
assert Order.objects.filter(customer=bob).count() == 51
assert Order.tags.through.objects.count() == 3
ann.delete()
assert Order.objects.count() == 51 and Order.tags.through.objects.count() == 1
deleted, _ = Order.objects.filter(total__lt=10).delete()
assert deleted == 9, deleted
assert Customer.objects.count() == 1
# JSONField: a jsonb column, its lookups through -> ->> #> @> <@ ? ?| ?&.
with connection.cursor() as c:
    c.execute("SELECT data_type FROM information_schema.columns WHERE table_name = 'shop_event' AND column_name = 'data'")
    assert c.fetchone()[0] == "jsonb"
e1 = Event.objects.create(data={"kind": "click", "n": 3, "tags": ["a", "b"], "user": {"name": "ann", "age": 30}})
e2 = Event.objects.create(data={"kind": "view", "n": 10, "tags": ["b"], "user": {"name": "bob"}})
e3 = Event.objects.create(data={"kind": "click", "n": 1.5, "extra": None})
e4 = Event.objects.create()
assert Event.objects.get(id=e4.id).data == {}
assert Event.objects.get(id=e1.id).data == {"kind": "click", "n": 3, "tags": ["a", "b"], "user": {"name": "ann", "age": 30}}
ids = lambda qs: sorted(qs.values_list("id", flat=True))  # noqa: E731
assert ids(Event.objects.filter(data__kind="click")) == [e1.id, e3.id]
assert ids(Event.objects.filter(data__n__gt=2)) == [e1.id, e2.id]
assert ids(Event.objects.filter(data__user__name="bob")) == [e2.id]
assert ids(Event.objects.filter(data__tags__0="a")) == [e1.id]
assert ids(Event.objects.filter(data__contains={"tags": ["b"]})) == [e1.id, e2.id]
assert ids(Event.objects.filter(data__contained_by={"kind": "click", "n": 1.5, "extra": None, "more": 1})) == [e3.id, e4.id]
assert ids(Event.objects.filter(data__has_key="user")) == [e1.id, e2.id]
assert ids(Event.objects.filter(data__has_keys=["kind", "extra"])) == [e3.id]
assert ids(Event.objects.filter(data__has_any_keys=["extra", "tags"])) == [e1.id, e2.id, e3.id]
assert ids(Event.objects.filter(data__extra__isnull=False)) == [e3.id]
assert ids(Event.objects.filter(data__kind__in=["view", "other"])) == [e2.id]
assert ids(Event.objects.filter(data__user__name__startswith="a")) == [e1.id]
assert list(Event.objects.filter(data__has_key="n").order_by("data__n").values_list("id", flat=True)) == [e3.id, e1.id, e2.id]
assert sorted(Event.objects.filter(data__has_key="kind").values_list("data__kind", flat=True)) == ["click", "click", "view"]
Event.objects.filter(id=e2.id).update(data={"kind": "view", "n": 11})
assert Event.objects.get(id=e2.id).data["n"] == 11
assert Event.objects.filter(data={"kind": "view", "n": 11}).count() == 1
print("django: ok")
