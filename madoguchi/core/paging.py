"""Pagination for long staff lists."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.utils.functional import cached_property


class CappedPaginator(Paginator):
    """Counts at most ``cap`` + 1 rows: an exact count of tens of thousands of cases costs more
    than showing the page, and nobody pages past a thousand — they filter instead. Beyond the cap
    the page says "more than 1,000" and the pages up to the cap stay reachable."""

    cap = 1000

    @cached_property
    def count(self) -> int:
        return self.object_list[: self.cap + 1].count()

    @property
    def capped(self) -> bool:
        return self.count > self.cap
