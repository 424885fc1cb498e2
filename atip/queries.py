"""Query expressions shared by the lists (a list computes its per-row figures as
correlated subqueries, which PostgreSQL evaluates for the page's rows only, after ORDER BY and
LIMIT — a join with GROUP BY would aggregate every row of the table before the page is cut)."""

from django.db.models import Aggregate, Count, IntegerField, Model, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce


def per_row(model: type[Model], aggregate: Aggregate, *, output_field=None) -> Subquery:
    """`aggregate` (over a relation of `model`, e.g. Count("prosecutions")) for the outer row,
    as a subquery; the relation is named, not imported."""
    rows = model._default_manager.filter(pk=OuterRef("pk")).order_by().values("pk")
    return Subquery(rows.annotate(value=aggregate).values("value")[:1], output_field=output_field)


def count_per_row(model: type[Model], relation: str, **filters) -> Coalesce:
    """How many rows of `relation` the outer row has (0 when none)."""
    return Coalesce(per_row(model, Count(relation, **filters)), Value(0), output_field=IntegerField())
