"""Which objects are synthetic: a row here per generated page, physician, person or class.

Kept in the bench app's own table so production models carry no benchmark column; see the
package docstring for why not a separate parent page.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models


class SyntheticObjectQuerySet(models.QuerySet):
    def mark(self, objects):
        """Record `objects` (saved, of one or more models) as synthetic."""
        rows = [
            SyntheticObject(
                content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
                object_id=obj.pk,
            )
            for obj in objects
        ]
        self.bulk_create(rows, batch_size=1000, ignore_conflicts=True)
        return objects

    def of(self, model):
        """The recorded rows for `model` (exactly that model, e.g. ArticlePage)."""
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
        return self.filter(content_type=content_type)


class SyntheticObject(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.BigIntegerField()

    objects = SyntheticObjectQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="bench_synthetic_object_unique"
            )
        ]

    def __str__(self):
        return f"{self.content_type.model} {self.object_id}"


def synthetic(model):
    """`model`'s synthetic objects, as a queryset of `model`."""
    return model.objects.filter(pk__in=SyntheticObject.objects.of(model).values("object_id"))
