"""How many rows a page shows, named once, and the paginator of the list pages."""

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.utils.crypto import salted_hmac
from django.utils.functional import cached_property

PAGE_SIZE = 25  # a list page
AUDIT_PAGE_SIZE = 50  # the audit log: short rows, read in bulk
RECENT = 20  # the lists of a home page ("the latest 20")
UPCOMING = 10  # the next hearings on a prosecutor's home page

# A list at least this long has its count kept COUNT_SECONDS: at national scale the Department's
# caseload counts 100,000 victims, 25 ms of the database at every page of the list. A shorter list
# (a search, a filter that narrows it) is counted at every page, exactly.
KEEP_COUNT_FROM = 1_000
COUNT_SECONDS = 60


class KeptCountPaginator(Paginator):
    """Paginator whose count of a long list is kept a minute, under a keyed hash of the list's SQL
    and parameters: the filters, the scope and what the role may see are all in it, and the cache
    holds no search text, only a number. "… in all" may then be a minute old, by a few rows."""

    @cached_property
    def count(self) -> int:
        query = getattr(self.object_list, "query", None)
        if query is None:  # a list, not a queryset
            return super().count
        key = "paging:count:" + salted_hmac("atip.paging", repr(query.sql_with_params())).hexdigest()
        kept = cache.get(key)
        if kept is not None:
            return kept
        count = self.object_list.count()
        if count >= KEEP_COUNT_FROM:
            cache.set(key, count, COUNT_SECONDS)
        return count


def page_of(request, rows, *, size: int = PAGE_SIZE) -> Page:
    """The page of `rows` that ?page= asks for (the last one when out of range)."""
    return KeptCountPaginator(rows, size).get_page(request.GET.get("page"))
