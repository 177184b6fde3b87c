from django.db import models


class Tag(models.Model):
    name = models.CharField(max_length=40, unique=True)


class Customer(models.Model):
    name = models.CharField(max_length=100)
    email = models.EmailField()

    class Meta:
        unique_together = [("name", "email")]


class Event(models.Model):
    data = models.JSONField(default=dict)


class Order(models.Model):
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="orders")
    total = models.DecimalField(max_digits=10, decimal_places=2)
    created = models.DateTimeField(auto_now_add=True)
    tags = models.ManyToManyField(Tag)

    class Meta:
        indexes = [models.Index(fields=["total"], name="shop_order_total_idx")]
