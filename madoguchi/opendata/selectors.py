"""Reads of the open-data catalogue, including dataset search with facets (package_search).

Only published datasets are visible to the public, the CKAN API and DCAT; staff selectors say so
in their names. The search understands the part of Solr's syntax CKAN clients send: ``q`` words
and ``field:value`` terms, ``fq`` as ``field:value`` / ``field:"a value"`` terms (optionally
``+``/``-`` prefixed, ``AND`` between them), and sorts on the CKAN sort keys.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet

from madoguchi.opendata.models import Dataset, Group, Resource, Tag


class SearchQueryError(ValueError):
    """``q``/``fq`` could not be parsed (CKAN answers "Search Query Error", 400)."""


class SearchParameterError(ValueError):
    """A parameter has a value the search cannot use (CKAN answers "Validation Error", 409)."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(message)
        self.field_name = field_name


FACET_FIELDS = ("organization", "groups", "tags", "res_format", "license_id")
# CKAN's field names → the lookup that filters on them.
_FILTERS = {
    "organization": "organization__code",
    "owner_org": "organization__code",
    "groups": "groups__name",
    "tags": "tags__name",
    "res_format": "resources__format__iexact",
    "license_id": "license_id",
    "name": "name",
    "id": "id",
    "standard": "standard_code",
    "frequency": "frequency",
}
_SORTS = {
    "score": "modified_at",  # no relevance ranking: newest first is what CKAN shows for "*:*"
    "metadata_modified": "modified_at",
    "metadata_created": "created_at",
    "name": "name",
    "title": "title",
    "title_string": "title",
}
MAX_ROWS = 1000
_TERM = re.compile(r"^([+-]?)([A-Za-z_]+):(.+)$", re.DOTALL)


def published() -> QuerySet[Dataset]:
    return Dataset.objects.filter(state=Dataset.State.PUBLISHED)


def public_resources() -> QuerySet[Resource]:
    """Resources the public sees: a file whose validation found errors is never published, even
    when it was added to a dataset that already is (the editor sees it with its report)."""
    return Resource.objects.exclude(validation_report__errors__0__isnull=False)


def _with_details(queryset: QuerySet[Dataset], *, public: bool = True) -> QuerySet[Dataset]:
    resources = (public_resources() if public else Resource.objects.all()).order_by("position", "created_at")
    return queryset.select_related("organization").prefetch_related(
        "tags", "groups", Prefetch("resources", queryset=resources)
    )


def published_dataset(name_or_id: str) -> Dataset | None:
    lookup = Q(name=name_or_id)
    if re.fullmatch(r"[0-9a-fA-F-]{32,36}", name_or_id):
        lookup |= Q(id=name_or_id)
    return _with_details(published()).filter(lookup).first()


def published_resource(resource_id: str) -> Resource | None:
    if not re.fullmatch(r"[0-9a-fA-F-]{32,36}", resource_id or ""):
        return None
    return (
        public_resources()
        .select_related("dataset")
        .filter(pk=resource_id, dataset__state=Dataset.State.PUBLISHED)
        .first()
    )


def published_names(*, limit: int | None = None, offset: int = 0) -> list[str]:
    names = published().order_by("name").values_list("name", flat=True)
    return list(names[offset : offset + limit] if limit is not None else names[offset:])


def published_datasets_page(*, limit: int, offset: int) -> tuple[list[Dataset], int]:
    queryset = published().order_by("name")
    return list(_with_details(queryset)[offset : offset + limit]), queryset.count()


def groups_with_counts() -> QuerySet[Group]:
    return Group.objects.annotate(
        package_count=Count("datasets", filter=Q(datasets__state=Dataset.State.PUBLISHED))
    ).order_by("name")


def group_by_name(name_or_id: str) -> Group | None:
    lookup = Q(name=name_or_id)
    if re.fullmatch(r"[0-9a-fA-F-]{32,36}", name_or_id):
        lookup |= Q(id=name_or_id)
    return groups_with_counts().filter(lookup).first()


def organization_counts() -> list[dict]:
    """Departments that publish datasets, with how many (a department without any is not listed)."""
    return list(
        published()
        .values("organization_id", "organization__code", "organization__name", "organization__name_en")
        .annotate(package_count=Count("id"))
        .order_by("organization__code")
    )


def tag_names(query: str = "") -> list[str]:
    tags = Tag.objects.filter(datasets__state=Dataset.State.PUBLISHED).distinct().order_by("name")
    if query:
        tags = tags.filter(name__icontains=query)
    return list(tags.values_list("name", flat=True))


# --- search ----------------------------------------------------------------------------------------


@dataclass
class SearchParams:
    q: str = ""
    fq: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    rows: int = 10
    start: int = 0
    sort: str = ""
    facet_fields: list[str] = field(default_factory=list)
    facet_limit: int = 50
    facet_mincount: int = 1


@dataclass
class SearchResult:
    count: int
    datasets: list[Dataset]
    facets: dict[str, list[tuple[str, str, int]]]  # field → [(name, display name, count)]


def _split_terms(text: str) -> list[str]:
    try:
        lexer = shlex.shlex(text, posix=True)
        lexer.whitespace_split = True
        lexer.commenters = ""
        return [term for term in lexer if term not in {"AND", "&&"}]
    except ValueError as exc:  # an unbalanced quote
        raise SearchQueryError(str(exc)) from exc


def _term_filter(term: str) -> tuple[Q, bool] | None:
    """``field:value`` → (condition, negated); a plain word → None."""
    match = _TERM.match(term)
    if match is None:
        return None
    sign, name, value = match.groups()
    if name not in _FILTERS:
        raise SearchQueryError(f"unknown field {name!r}")
    value = value.strip('"')
    if name == "id" and not re.fullmatch(r"[0-9a-fA-F-]{32,36}", value):
        return Q(pk__in=[]), sign == "-"
    return Q(**{_FILTERS[name]: value}), sign == "-"


def _apply_terms(queryset: QuerySet[Dataset], text: str, *, words_allowed: bool) -> QuerySet[Dataset]:
    if not text.strip() or text.strip() in {"*:*", "*"}:
        return queryset
    for term in _split_terms(text):
        if term in {"OR", "||", "NOT"} or term.startswith(("(", ")")) or term.endswith(")"):
            raise SearchQueryError(f"unsupported syntax {term!r}")
        parsed = _term_filter(term)
        if parsed is None:
            if not words_allowed:
                raise SearchQueryError(f"fq term without a field: {term!r}")
            word = term.strip("+")
            matching = Dataset.objects.filter(
                Q(title__icontains=word)
                | Q(notes__icontains=word)
                | Q(name__icontains=word)
                | Q(title_en__icontains=word)
                | Q(tags__name=word)
                | Q(organization__name=word)
            ).values("pk")
            queryset = queryset.filter(pk__in=matching)
            continue
        condition, negated = parsed
        matching = Dataset.objects.filter(condition).values("pk")
        queryset = queryset.exclude(pk__in=matching) if negated else queryset.filter(pk__in=matching)
    return queryset


def _sort(value: str) -> list[str]:
    if not value.strip():
        return ["-modified_at", "name"]
    order: list[str] = []
    for part in value.split(","):
        words = part.split()
        if not words:
            continue
        if len(words) > 2 or words[0] not in _SORTS or (len(words) == 2 and words[1] not in {"asc", "desc"}):
            raise SearchParameterError("sort", f"invalid sort: {part.strip()!r}")
        descending = len(words) == 2 and words[1] == "desc"
        order.append(("-" if descending else "") + _SORTS[words[0]])
    return [*order, "name"]


def _facet(base: QuerySet[Dataset], name: str, limit: int, mincount: int) -> list[tuple[str, str, int]]:
    ids = base.values("pk")
    if name == "organization":
        rows = (
            Dataset.objects.filter(pk__in=ids)
            .values_list("organization__code", "organization__name")
            .annotate(n=Count("pk"))
        )
    elif name == "groups":
        rows = (
            Group.objects.filter(datasets__in=ids).values_list("name", "title").annotate(n=Count("datasets"))
        )
    elif name == "tags":
        rows = Tag.objects.filter(datasets__in=ids).values_list("name", "name").annotate(n=Count("datasets"))
    elif name == "res_format":
        rows = (
            Resource.objects.filter(dataset__in=ids)
            .exclude(format="")
            .values_list("format", "format")
            .annotate(n=Count("dataset", distinct=True))
        )
    else:
        rows = Dataset.objects.filter(pk__in=ids).values_list(name, name).annotate(n=Count("pk"))
    items = sorted(
        ((key, label, n) for key, label, n in rows if n >= mincount), key=lambda item: (-item[2], item[0])
    )
    return items if limit < 0 else items[:limit]


def search(params: SearchParams) -> SearchResult:
    """package_search: filter, count, facet and page the published datasets."""
    if not 0 <= params.rows <= MAX_ROWS:
        raise SearchParameterError("rows", f"rows must be between 0 and {MAX_ROWS}")
    if params.start < 0:
        raise SearchParameterError("start", "start must not be negative")
    unknown = [name for name in params.facet_fields if name not in _FILTERS or name in {"id", "name"}]
    if unknown:
        raise SearchParameterError("facet.field", f"cannot facet on {', '.join(unknown)}")
    order = _sort(params.sort)
    queryset = _apply_terms(published(), params.q, words_allowed=True)
    queryset = _apply_terms(queryset, params.fq, words_allowed=False)
    for name, values in params.filters.items():
        if name not in _FILTERS:
            raise SearchParameterError(name, f"unknown filter {name!r}")
        for value in values:
            queryset = queryset.filter(pk__in=Dataset.objects.filter(**{_FILTERS[name]: value}).values("pk"))
    count = queryset.count()
    page = list(_with_details(queryset.order_by(*order))[params.start : params.start + params.rows])
    facets = {
        name: _facet(queryset, name, params.facet_limit, params.facet_mincount)
        for name in params.facet_fields
    }
    return SearchResult(count=count, datasets=page, facets=facets)


# --- staff -----------------------------------------------------------------------------------------


def datasets_for_staff(*, state: str = "") -> QuerySet[Dataset]:
    queryset = Dataset.objects.select_related("organization").annotate(resource_count=Count("resources"))
    if state:
        queryset = queryset.filter(state=state)
    return queryset.order_by("-modified_at")


def dataset_for_staff(name: str) -> Dataset | None:
    return _with_details(Dataset.objects.all(), public=False).filter(name=name).first()


def resource_of(dataset: Dataset, resource_id: str, *, public: bool) -> Resource | None:
    if not re.fullmatch(r"[0-9a-fA-F-]{32,36}", resource_id or ""):
        return None
    resources = public_resources() if public else Resource.objects.all()
    return resources.filter(dataset=dataset, pk=resource_id).first()
