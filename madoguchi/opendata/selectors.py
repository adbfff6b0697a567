"""Reads of the open-data catalogue, including dataset search with facets (package_search).

Only published datasets are visible to the public, the CKAN API and DCAT; staff selectors say so
in their names. The search understands the part of Solr's syntax CKAN clients send: ``q`` words
and ``field:value`` terms, ``fq`` as ``field:value`` / ``field:"a value"`` terms (optionally
``+``/``-`` prefixed, ``AND`` between them), and sorts on the CKAN sort keys.
"""

from __future__ import annotations

import operator
import re
import shlex
import threading
from collections import Counter
from dataclasses import astuple, dataclass, field
from itertools import chain, takewhile

from django.db.models import Count, Prefetch, Q, QuerySet

from madoguchi.core import versions
from madoguchi.opendata import datastore
from madoguchi.opendata.models import Dataset, Group, Resource, Tag


class SearchQueryError(ValueError):
    """``q``/``fq`` could not be parsed (CKAN answers "Search Query Error", 400)."""


class SearchParameterError(ValueError):
    """A parameter has a value the search cannot use (CKAN answers "Validation Error", 409)."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(message)
        self.field_name = field_name


FACET_FIELDS = ("organization", "groups", "tags", "res_format", "license_id")
MAX_ROWS = 1000
# services bump this version whenever anything search shows changes.
CATALOGUE_VERSION = "opendata"
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


# --- search ---------------------------------------------------------------------------------------
#
# Search runs over an in-memory index of the published catalogue (one entry per dataset with the
# fields search and facets need), rebuilt when ``services`` bump the "opendata" version (or the
# organisation chart changes: department names are shown). Entries are kept in the default order
# (newest first), field terms are looked up in posting lists of positions, and only words of
# ``q`` scan the entries' text; ten thousand datasets filter and facet in a few milliseconds,
# where the same work in SQL is one query per facet over nested subqueries.


# Entries and posting lists live as long as the catalogue version, in every process: slots and
# tuples keep them few objects for the garbage collector, whose full passes otherwise walk them all
# and showed up as a quarter of a request's time.
@dataclass(frozen=True, slots=True)
class _Entry:
    pk: str
    name: str
    title: str
    created: object
    modified: object
    text: str  # title, notes, name, English title, tags, department: lower-cased, for word search
    organization: str
    tags: tuple[str, ...]
    groups: tuple[str, ...]
    res_format: tuple[str, ...]
    license_id: str
    frequency: str
    standard: str


@dataclass(frozen=True)
class _Index:
    version: tuple[int, int]
    entries: list[_Entry]  # newest first, then by name: the default order
    postings: dict[tuple[str, str], tuple[int, ...]]  # (field, value) → positions in ``entries``
    organization_names: dict[str, str]
    group_titles: dict[str, str]


_FIELD_NAMES = {
    "organization",
    "owner_org",
    "groups",
    "tags",
    "res_format",
    "license_id",
    "name",
    "id",
    "standard",
    "frequency",
}
_SORT_KEYS = {
    "score": "modified",  # no relevance ranking: newest first is what CKAN shows for "*:*"
    "metadata_modified": "modified",
    "metadata_created": "created",
    "name": "name",
    "title": "title",
    "title_string": "title",
}
_DEFAULT_ORDER = [("modified", True)]
_MULTI_VALUED = {"tags", "groups", "res_format"}
_memo: _Index | None = None


def _posting_key(name: str, value: str) -> tuple[str, str]:
    """The posting list a ``field:value`` term reads (CKAN matches formats and ids case-blind)."""
    if name == "owner_org":
        return "organization", value
    if name == "res_format":
        return name, value.upper()
    if name == "id":
        return name, value.lower()
    return name, value


def _build_index(version: tuple[int, int]) -> _Index:
    rows = list(
        published().values_list(
            "pk",
            "name",
            "title",
            "title_en",
            "notes",
            "created_at",
            "modified_at",
            "organization__code",
            "organization__name",
            "license_id",
            "frequency",
            "standard_code",
        )
    )
    tags: dict[object, list[str]] = {}
    for dataset_id, name in Dataset.tags.through.objects.filter(
        dataset__state=Dataset.State.PUBLISHED
    ).values_list("dataset_id", "tag__name"):
        tags.setdefault(dataset_id, []).append(name)
    groups: dict[object, list[str]] = {}
    group_titles: dict[str, str] = {}
    for dataset_id, name, title in Dataset.groups.through.objects.filter(
        dataset__state=Dataset.State.PUBLISHED
    ).values_list("dataset_id", "group__name", "group__title"):
        groups.setdefault(dataset_id, []).append(name)
        group_titles[name] = title
    formats: dict[object, set[str]] = {}
    for dataset_id, fmt in (
        public_resources()
        .filter(dataset__state=Dataset.State.PUBLISHED)
        .exclude(format="")
        .values_list("dataset_id", "format")
    ):
        formats.setdefault(dataset_id, set()).add(fmt.upper())
    organization_names: dict[str, str] = {}
    entries = []
    for pk, name, title, title_en, notes, created, modified, org, org_name, license_id, freq, std in rows:
        organization_names[org] = org_name
        dataset_tags = tuple(sorted(tags.get(pk, ())))
        entries.append(
            _Entry(
                pk=str(pk),
                name=name,
                title=title,
                created=created,
                modified=modified,
                text="\n".join((title, notes, name, title_en, *dataset_tags, org_name)).lower(),
                organization=org,
                tags=dataset_tags,
                groups=tuple(sorted(groups.get(pk, ()))),
                res_format=tuple(sorted(formats.get(pk, ()))),
                license_id=license_id,
                frequency=freq,
                standard=std,
            )
        )
    entries = _sorted(entries, _DEFAULT_ORDER)
    postings: dict[tuple[str, str], list[int]] = {}
    for position, entry in enumerate(entries):
        keys = [
            ("organization", entry.organization),
            ("license_id", entry.license_id),
            ("name", entry.name),
            ("id", entry.pk),
            ("standard", entry.standard),
            ("frequency", entry.frequency),
            *(("tags", tag) for tag in entry.tags),
            *(("groups", group) for group in entry.groups),
            *(("res_format", fmt) for fmt in entry.res_format),
        ]
        for key in keys:
            postings.setdefault(key, []).append(position)
    return _Index(
        version,
        entries,
        {key: tuple(positions) for key, positions in postings.items()},
        organization_names,
        group_titles,
    )


def _index() -> _Index:
    """The index for the current catalogue version, kept in this process until the version moves."""
    global _memo
    version = versions.current(CATALOGUE_VERSION, "organization")
    if versions.pending(CATALOGUE_VERSION, "organization"):
        return _build_index(version)  # this transaction's change may yet be rolled back
    if _memo is None or _memo.version != version:
        _memo = _build_index(version)
    return _memo


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
    ids: list[str]  # the page's datasets, in order (read them with ``published_datasets``)
    facets: dict[str, list[tuple[str, str, int]]]  # field → [(name, display name, count)]
    version: tuple[int, int]  # the catalogue version searched: what the page's datasets may be cached by


@dataclass(frozen=True)
class _Term:
    field: str  # empty for a word of ``q``
    value: str
    negated: bool = False


def _split_terms(text: str) -> list[str]:
    try:
        lexer = shlex.shlex(text, posix=True)
        lexer.whitespace_split = True
        lexer.commenters = ""
        return [term for term in lexer if term not in {"AND", "&&"}]
    except ValueError as exc:  # an unbalanced quote
        raise SearchQueryError(str(exc)) from exc


def _terms(text: str, *, words_allowed: bool) -> list[_Term]:
    if not text.strip() or text.strip() in {"*:*", "*"}:
        return []
    terms: list[_Term] = []
    for term in _split_terms(text):
        if term in {"OR", "||", "NOT"} or term.startswith(("(", ")")) or term.endswith(")"):
            raise SearchQueryError(f"unsupported syntax {term!r}")
        match = _TERM.match(term)
        if match is None:
            if not words_allowed:
                raise SearchQueryError(f"fq term without a field: {term!r}")
            terms.append(_Term("", term.strip("+")))
            continue
        sign, name, value = match.groups()
        if name not in _FIELD_NAMES:
            raise SearchQueryError(f"unknown field {name!r}")
        terms.append(_Term(name, value.strip('"'), negated=sign == "-"))
    return terms


def _matching(index: _Index, terms: list[_Term]) -> list[_Entry]:
    """The entries every term matches, in the default order (the index itself when no term)."""
    wanted: set[int] | None = None
    unwanted: set[int] = set()
    words = [term.value.lower() for term in terms if not term.field]
    for term in terms:
        if not term.field:
            continue
        positions = index.postings.get(_posting_key(term.field, term.value), ())
        if term.negated:
            unwanted.update(positions)
        elif wanted is None:
            wanted = set(positions)
        else:
            wanted.intersection_update(positions)
    if wanted is None and not unwanted and not words:
        return index.entries
    if wanted is None:
        matches = [entry for position, entry in enumerate(index.entries) if position not in unwanted]
    else:
        matches = [index.entries[position] for position in sorted(wanted - unwanted)]
    for word in words:
        matches = [entry for entry in matches if word in entry.text]
    return matches


def _order(value: str) -> list[tuple[str, bool]]:
    if not value.strip():
        return _DEFAULT_ORDER
    order: list[tuple[str, bool]] = []
    for part in value.split(","):
        words = part.split()
        if not words:
            continue
        if (
            len(words) > 2
            or words[0] not in _SORT_KEYS
            or (len(words) == 2 and words[1] not in {"asc", "desc"})
        ):
            raise SearchParameterError("sort", f"invalid sort: {part.strip()!r}")
        order.append((_SORT_KEYS[words[0]], len(words) == 2 and words[1] == "desc"))
    return order


def _sorted(entries: list[_Entry], order: list[tuple[str, bool]]) -> list[_Entry]:
    result = sorted(entries, key=operator.attrgetter("name"))
    for attribute, descending in reversed(order):  # stable sorts, last key first
        result.sort(key=operator.attrgetter(attribute), reverse=descending)
    return result


def _counts(matches: list[_Entry], name: str) -> Counter[str]:
    # Counter over map/chain runs in C: ten thousand entries count in about a millisecond.
    getter = operator.attrgetter("organization" if name == "owner_org" else name)
    values = chain.from_iterable(map(getter, matches)) if name in _MULTI_VALUED else map(getter, matches)
    counts = Counter(values)
    counts.pop("", None)
    return counts


@dataclass
class _Searched:
    """What one query found in one catalogue version: its matches in order, and its facets."""

    matches: list[_Entry]
    facets: dict[str, list[tuple[str, str, int]]] = field(default_factory=dict)  # by count, then name

    def facet(self, index: _Index, name: str) -> list[tuple[str, str, int]]:
        if name not in self.facets:
            names = {"organization": index.organization_names, "groups": index.group_titles}.get(name, {})
            self.facets[name] = sorted(
                ((key, names.get(key, key), n) for key, n in _counts(self.matches, name).items()),
                key=lambda item: (-item[2], item[0]),
            )
        return self.facets[name]


# Queries are asked again and again (harvesters page through "*:*", portals link the same
# facets), and what a query finds changes only with the catalogue: the latest ones are kept per
# catalogue version, as Solr keeps its query and filter caches until the next commit.
_searched: dict[tuple, _Searched] = {}
_searched_lock = threading.Lock()
_SEARCHED_MAX = 256


def _search(index: _Index, terms: list[_Term], order: list[tuple[str, bool]]) -> _Searched:
    key = (index.version, tuple(sorted(set(terms), key=astuple)), tuple(order))
    found = _searched.get(key)
    if found is None:
        matches = _matching(index, terms)
        found = _Searched(matches if order == _DEFAULT_ORDER else _sorted(matches, order))
        with _searched_lock:
            if _searched and next(iter(_searched))[0] != index.version:
                _searched.clear()  # an older version's: never read again
            while len(_searched) >= _SEARCHED_MAX:
                del _searched[next(iter(_searched))]
            _searched[key] = found
    return found


def search(params: SearchParams) -> SearchResult:
    """package_search: filter, count, facet and page the published datasets."""
    if not 0 <= params.rows <= MAX_ROWS:
        raise SearchParameterError("rows", f"rows must be between 0 and {MAX_ROWS}")
    if params.start < 0:
        raise SearchParameterError("start", "start must not be negative")
    unknown = [name for name in params.facet_fields if name not in (*FACET_FIELDS, "standard", "frequency")]
    if unknown:
        raise SearchParameterError("facet.field", f"cannot facet on {', '.join(unknown)}")
    order = _order(params.sort)
    terms = _terms(params.q, words_allowed=True) + _terms(params.fq, words_allowed=False)
    for name, values in params.filters.items():
        if name not in _FIELD_NAMES:
            raise SearchParameterError(name, f"unknown filter {name!r}")
        terms.extend(_Term(name, value) for value in values)
    index = _index()
    found = _search(index, terms, order)
    facets = {}
    for name in params.facet_fields:
        items = list(takewhile(lambda item: item[2] >= params.facet_mincount, found.facet(index, name)))
        facets[name] = items if params.facet_limit < 0 else items[: params.facet_limit]
    return SearchResult(
        count=len(found.matches),
        ids=[entry.pk for entry in found.matches[params.start : params.start + params.rows]],
        facets=facets,
        version=index.version,
    )


def published_datasets(ids: list[str]) -> list[Dataset]:
    """The published datasets with these ids, with their details, in the order given."""
    found = {str(dataset.pk): dataset for dataset in _with_details(published().filter(pk__in=ids))}
    return [found[pk] for pk in ids if pk in found]


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


def rows_imported(resource: Resource) -> int:
    """How many rows of the resource's table are in the datastore so far.

    The importer records its progress after each batch, but on PostgreSQL the rows go in one
    ``COPY``, which reports its own progress to other sessions: that count is read while it runs.
    """
    if resource.import_status == Resource.ImportStatus.RUNNING:
        copied = datastore.rows_copied(datastore.table_name(resource.pk))
        if copied is not None:
            return max(copied, resource.import_rows_done)
    return resource.import_rows_done


def table_resources() -> QuerySet[Resource]:
    """Every table that was loaded into the datastore, whatever its dataset's state."""
    return (
        Resource.objects.filter(import_status=Resource.ImportStatus.DONE)
        .exclude(file="")
        .order_by("created_at")
    )
