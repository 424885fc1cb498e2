"""The filter bars of the list pages (templates/partials/filter_form.html)."""

from django import template

from atip import filters

register = template.Library()


@register.filter
def active_filters(filterset) -> int:
    """How many filters of `filterset` were given a value (atip.filters.active_filters)."""
    return filters.active_filters(filterset)
