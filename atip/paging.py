"""How many rows a page shows, named once."""

from django.core.paginator import Page, Paginator

PAGE_SIZE = 25  # a list page
AUDIT_PAGE_SIZE = 50  # the audit log: short rows, read in bulk
RECENT = 20  # the lists of a home page ("the latest 20")
UPCOMING = 10  # the next hearings on a prosecutor's home page


def page_of(request, rows, *, size: int = PAGE_SIZE) -> Page:
    """The page of `rows` that ?page= asks for (the last one when out of range)."""
    return Paginator(rows, size).get_page(request.GET.get("page"))
