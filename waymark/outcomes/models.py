"""Individual outcomes: what the Order Form asks the mentoring to achieve."""

from django.db import models

from waymark.core.models import BaseModel


class Outcome(BaseModel):
    order_form = models.ForeignKey("agreements.OrderForm", on_delete=models.CASCADE, related_name="outcomes")
    description = models.TextField(max_length=1000)
    position = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["order_form", "position"]

    def __str__(self) -> str:
        return self.description[:60]
