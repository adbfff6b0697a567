"""CKAN Action API v3 (read side) — what CKAN clients such as ``ckanapi`` and data.go.jp's harvester call.

Served at ``/api/3/action/<name>`` and ``/api/action/<name>``, by GET (query parameters) or POST
(a JSON object). Answers use CKAN's envelope ``{"help", "success", "result"}``; errors carry
CKAN's ``__type`` and HTTP status: Not Found Error 404, Validation Error 409, Authorization Error
403, Search Query Error 400, and 400 "Bad request" for an unknown action or a body that is not a
JSON object. Only read actions exist, so POST needs no CSRF token, as in CKAN.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.csrf import csrf_exempt

from madoguchi.opendata import datastore, selectors, services, tabular
from madoguchi.opendata.licenses import LICENSES, license_by_id
from madoguchi.opendata.models import Dataset, Group, Resource
from madoguchi.opendata.standards import standard_by_code

CKAN_VERSION = "2.10.4"  # the API behaviour mirrored; clients check it to pick their code paths
_MAX_BODY = 1 << 20


class ActionError(Exception):
    status = 400
    error_type = "Bad request"

    def __init__(self, message: str = "", **fields: list[str]) -> None:
        super().__init__(message)
        self.message = message
        self.fields = fields

    def body(self) -> dict:
        error: dict[str, Any] = {"__type": self.error_type, "message": self.message}
        error.update(self.fields)
        if not self.message:
            error.pop("message")
        return error


class NotFound(ActionError):
    status = 404
    error_type = "Not Found Error"


class NotAuthorized(ActionError):
    status = 403
    error_type = "Authorization Error"


class Invalid(ActionError):
    status = 409
    error_type = "Validation Error"


class QueryInvalid(ActionError):
    status = 400
    error_type = "Search Query Error"


# --- parameters -------------------------------------------------------------------------------------


_INT_MAX = 2**31 - 1  # databases refuse larger LIMIT/OFFSET values


def _int(params: dict, name: str, default: int, *, minimum: int = 0, maximum: int = _INT_MAX) -> int:
    value = params.get(name, default)
    if value in (None, ""):
        return default
    if isinstance(value, bool | list | dict):
        raise Invalid(**{name: ["Invalid integer"]})
    try:
        number = int(str(value).strip())
    except ValueError:
        raise Invalid(**{name: ["Invalid integer"]}) from None
    if number < minimum:
        raise Invalid(**{name: [f"Must be a natural number ({minimum} or more)"]})
    if number > maximum:
        raise Invalid(**{name: [f"Must be {maximum} or less"]})
    return number


def _bool(params: dict, name: str, default: bool) -> bool:
    value = params.get(name, default)
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in {"true", "1", "yes", "on"}:
        return True
    if text in {"false", "0", "no", "off", ""}:
        return False
    raise Invalid(**{name: ["Value must be one of: true, false"]})


def _str(params: dict, name: str, default: str = "") -> str:
    value = params.get(name, default)
    if value is None:
        return default
    if isinstance(value, list | dict):
        raise Invalid(**{name: ["Must be a string"]})
    return str(value)


def _list(params: dict, name: str) -> list[str]:
    """A list given as a JSON list, a JSON string of a list, repeated parameters or a comma string."""
    value = params.get(name)
    if value in (None, ""):
        return []
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("["):
            try:
                value = json.loads(text)
            except ValueError:
                raise Invalid(**{name: ["Invalid JSON list"]}) from None
        else:
            value = [part.strip() for part in text.split(",") if part.strip()]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise Invalid(**{name: ["Must be a list of strings"]})
    return value


def _dict(params: dict, name: str) -> dict:
    value = params.get(name)
    if value in (None, ""):
        return {}
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            raise Invalid(**{name: ["Invalid JSON object"]}) from None
    if not isinstance(value, dict):
        raise Invalid(**{name: ["Must be a JSON object"]})
    return value


def _required_id(params: dict, name: str = "id") -> str:
    value = params.get(name)
    if value in (None, "") or isinstance(value, list | dict):
        raise Invalid(**{name: ["Missing value"]})
    return str(value)


# --- dictionaries -------------------------------------------------------------------------------------


def _timestamp(value) -> str | None:
    return value.replace(tzinfo=None).isoformat(timespec="microseconds") if value else None


def organization_dict(code: str, name: str, name_en: str = "", count: int | None = None) -> dict:
    item = {
        "id": code,
        "name": code,
        "title": name,
        "display_name": name,
        "description": name_en,
        "image_url": "",
        "image_display_url": "",
        "type": "organization",
        "is_organization": True,
        "approval_status": "approved",
        "state": "active",
    }
    if count is not None:
        item["package_count"] = count
    return item


def group_dict(group: Group, count: int | None = None) -> dict:
    item = {
        "id": str(group.id),
        "name": group.name,
        "title": group.title,
        "display_name": group.title,
        "description": group.description,
        "created": _timestamp(group.created_at),
        "image_url": "",
        "image_display_url": "",
        "type": "group",
        "is_organization": False,
        "approval_status": "approved",
        "state": "active",
    }
    if count is not None:
        item["package_count"] = count
    return item


def resource_url(request: HttpRequest, resource: Resource) -> str:
    if resource.url:
        return resource.url
    return request.build_absolute_uri(
        reverse("opendata:resource_download", args=[resource.dataset.name, resource.pk])
    )


def resource_dict(request: HttpRequest, resource: Resource) -> dict:
    return {
        "id": str(resource.pk),
        "package_id": str(resource.dataset_id),
        "name": resource.name,
        "description": resource.description,
        "format": resource.format,
        "url": resource_url(request, resource),
        "url_type": "upload" if resource.file else None,
        "mimetype": "text/csv" if resource.format == "CSV" else None,
        "size": resource.size,
        "position": resource.position,
        "created": _timestamp(resource.created_at),
        "last_modified": _timestamp(resource.modified_at),
        "metadata_modified": _timestamp(resource.modified_at),
        "datastore_active": resource.datastore_active,
        "schema": (
            request.build_absolute_uri(reverse("opendata:schema", args=[resource.schema_code]))
            if resource.schema_code and standard_by_code(resource.schema_code)
            else ""
        ),
        "state": "active",
    }


def package_dict(request: HttpRequest, dataset: Dataset) -> dict:
    license_ = license_by_id(dataset.license_id)
    tags = list(dataset.tags.all())
    resources = list(dataset.resources.all())
    organization = organization_dict(
        dataset.organization.code, dataset.organization.name, dataset.organization.name_en
    )
    extras = [
        {"key": "frequency", "value": dataset.frequency},
        {"key": "spatial_text", "value": dataset.spatial},
        {
            "key": "temporal_start",
            "value": dataset.temporal_start.isoformat() if dataset.temporal_start else "",
        },
        {"key": "temporal_end", "value": dataset.temporal_end.isoformat() if dataset.temporal_end else ""},
        {"key": "standard", "value": dataset.standard_code},
    ]
    return {
        "id": str(dataset.pk),
        "name": dataset.name,
        "title": dataset.title,
        "notes": dataset.notes,
        "type": "dataset",
        "state": "active",
        "private": False,
        "url": request.build_absolute_uri(reverse("opendata:dataset", args=[dataset.name])),
        "version": "",
        "author": dataset.organization.name,
        "author_email": dataset.contact_email,
        "maintainer": dataset.organization.name,
        "maintainer_email": dataset.contact_email,
        "license_id": license_.id,
        "license_title": str(license_.title),
        "license_url": license_.url,
        "isopen": license_.is_open,
        "metadata_created": _timestamp(dataset.created_at),
        "metadata_modified": _timestamp(dataset.modified_at),
        "owner_org": organization["id"],
        "organization": organization,
        "groups": [group_dict(group) for group in dataset.groups.all()],
        "tags": [
            {
                "id": str(tag.id),
                "name": tag.name,
                "display_name": tag.name,
                "state": "active",
                "vocabulary_id": None,
            }
            for tag in tags
        ],
        "num_tags": len(tags),
        "resources": [resource_dict(request, resource) for resource in resources],
        "num_resources": len(resources),
        "extras": [extra for extra in extras if extra["value"]],
        "relationships_as_object": [],
        "relationships_as_subject": [],
    }


# Serialised datasets of one catalogue version, by (language, site root, id). Harvesters and
# portals ask package_search for the same pages again and again, and a dataset's dict changes
# only when the catalogue does: it is built from the database once per version, then reused.
# The oldest are dropped beyond a bound (a few kilobytes each), so memory stays small per process.
_serialised: dict[tuple[str, str, str], dict] = {}
_serialised_version: tuple[int, int] | None = None
_serialised_lock = threading.Lock()
_SERIALISED_MAX = 2_000


def _package_dicts(request: HttpRequest, ids: list[str], version: tuple[int, int]) -> list[dict]:
    """``package_dict`` of the published datasets ``ids`` (in that order), as of ``version``."""
    global _serialised_version
    with _serialised_lock:
        if version != _serialised_version:
            _serialised.clear()
            _serialised_version = version
    site = (get_language() or "", request.build_absolute_uri("/"))
    found = {pk: _serialised.get((*site, pk)) for pk in ids}
    missing = [pk for pk, item in found.items() if item is None]
    for dataset in selectors.published_datasets(missing) if missing else ():
        found[str(dataset.pk)] = package_dict(request, dataset)
    if missing:
        with _serialised_lock:
            if version == _serialised_version:  # else the catalogue moved meanwhile: keep none
                _serialised.update({(*site, pk): found[pk] for pk in missing if found[pk] is not None})
                while len(_serialised) > _SERIALISED_MAX:
                    del _serialised[next(iter(_serialised))]
    return [item for pk in ids if (item := found[pk]) is not None]


# --- actions ------------------------------------------------------------------------------------------


def package_search(request: HttpRequest, params: dict) -> dict:
    facet_fields = _list(params, "facet.field")
    try:
        result = selectors.search(
            selectors.SearchParams(
                q=_str(params, "q"),
                fq=_str(params, "fq"),
                rows=_int(params, "rows", 10),
                start=_int(params, "start", 0),
                sort=_str(params, "sort"),
                facet_fields=facet_fields if _bool(params, "facet", True) else [],
                facet_limit=_int(params, "facet.limit", 50, minimum=-1),
                facet_mincount=_int(params, "facet.mincount", 1),
            )
        )
    except selectors.SearchQueryError as exc:
        raise QueryInvalid(f"Search Query is invalid: {exc}") from None
    except selectors.SearchParameterError as exc:
        raise Invalid(**{exc.field_name: [str(exc)]}) from None
    return {
        "count": result.count,
        "sort": _str(params, "sort") or "score desc, metadata_modified desc",
        "results": _package_dicts(request, result.ids, result.version),
        "facets": {
            name: {key: count for key, _label, count in items} for name, items in result.facets.items()
        },
        "search_facets": {
            name: {
                "title": name,
                "items": [
                    {"name": key, "display_name": label, "count": count} for key, label, count in items
                ],
            }
            for name, items in result.facets.items()
        },
    }


def _dataset_or_error(name_or_id: str) -> Dataset:
    dataset = selectors.published_dataset(name_or_id)
    if dataset is not None:
        return dataset
    if selectors.dataset_for_staff(name_or_id) is not None:
        raise NotAuthorized("Access denied: User not authorized to read package " + name_or_id)
    raise NotFound("Not found")


def package_show(request: HttpRequest, params: dict) -> dict:
    return package_dict(request, _dataset_or_error(_required_id(params)))


def package_list(request: HttpRequest, params: dict) -> list[str]:
    limit = params.get("limit")
    return selectors.published_names(
        limit=_int(params, "limit", 0, maximum=10_000) if limit not in (None, "") else None,
        offset=_int(params, "offset", 0),
    )


def current_package_list_with_resources(request: HttpRequest, params: dict) -> list[dict]:
    datasets, _count = selectors.published_datasets_page(
        limit=_int(params, "limit", 10, maximum=1000), offset=_int(params, "offset", 0)
    )
    return [package_dict(request, dataset) for dataset in datasets]


def _page(items: list, params: dict) -> list:
    offset = _int(params, "offset", 0)
    limit = _int(params, "limit", 1000, maximum=1000)
    return items[offset : offset + limit]


def organization_list(request: HttpRequest, params: dict) -> list:
    rows = _page(selectors.organization_counts(), params)
    if _bool(params, "all_fields", False):
        return [
            organization_dict(
                row["organization__code"],
                row["organization__name"],
                row["organization__name_en"],
                row["package_count"],
            )
            for row in rows
        ]
    return [row["organization__code"] for row in rows]


def _datasets_where(request: HttpRequest, params: dict, fq: str) -> list[dict]:
    if not _bool(params, "include_datasets", False):
        return []
    result = selectors.search(selectors.SearchParams(fq=fq, rows=1000))
    return _package_dicts(request, result.ids, result.version)


def organization_show(request: HttpRequest, params: dict) -> dict:
    code = _required_id(params)
    row = next((row for row in selectors.organization_counts() if row["organization__code"] == code), None)
    if row is None:
        raise NotFound("Organization not found")
    item = organization_dict(
        code, row["organization__name"], row["organization__name_en"], row["package_count"]
    )
    item["packages"] = _datasets_where(request, params, f'organization:"{code}"')
    return item


def group_list(request: HttpRequest, params: dict) -> list:
    groups = _page(list(selectors.groups_with_counts()), params)
    if _bool(params, "all_fields", False):
        return [group_dict(group, group.package_count) for group in groups]
    return [group.name for group in groups]


def group_show(request: HttpRequest, params: dict) -> dict:
    group = selectors.group_by_name(_required_id(params))
    if group is None:
        raise NotFound("Group not found")
    item = group_dict(group, group.package_count)
    item["packages"] = _datasets_where(request, params, f'groups:"{group.name}"')
    return item


def tag_list(request: HttpRequest, params: dict) -> list:
    names = selectors.tag_names(_str(params, "query"))
    if _bool(params, "all_fields", False):
        return [{"id": name, "name": name, "display_name": name, "vocabulary_id": None} for name in names]
    return names


def resource_show(request: HttpRequest, params: dict) -> dict:
    resource = selectors.published_resource(_required_id(params))
    if resource is None:
        raise NotFound("Resource was not found.")
    return resource_dict(request, resource)


def license_list(request: HttpRequest, params: dict) -> list[dict]:
    return [
        {
            "id": item.id,
            "title": str(item.title),
            "url": item.url,
            "od_conformance": "approved",
            "status": "active",
        }
        for item in LICENSES
    ]


def status_show(request: HttpRequest, params: dict) -> dict:
    return {
        "site_title": "Madoguchi Open Data",
        "site_url": request.build_absolute_uri("/").rstrip("/"),
        "site_description": "",
        "ckan_version": CKAN_VERSION,
        "locale_default": "ja",
        "error_emails_to": None,
        "extensions": ["datastore", "dcat"],
    }


def _datastore_fields(resource: Resource) -> list[dict]:
    standard = standard_by_code(resource.schema_code) if resource.schema_code else None
    types = {item["name"]: item["type"] for item in standard.fields} if standard else {}
    kind = {"integer": "int", "number": "numeric", "date": "date"}
    return [{"id": "_id", "type": "int"}] + [
        {"id": name, "type": kind.get(types.get(name, ""), "text")} for name in resource.datastore_fields
    ]


def datastore_search(request: HttpRequest, params: dict) -> dict:
    resource_id = _required_id(params, "resource_id") if "resource_id" in params else _required_id(params)
    resource = selectors.published_resource(resource_id)
    if resource is None or not resource.datastore_active:
        raise NotFound(f'Resource "{resource_id}" was not found.')
    names = list(resource.datastore_fields)
    raw_filters = _dict(params, "filters")
    filters: dict[str, list[str]] = {}
    for key, value in raw_filters.items():
        values = value if isinstance(value, list) else [value]
        if not values or any(isinstance(item, list | dict) for item in values):
            raise Invalid(filters=[f"invalid value for {key!r}"])
        filters[key] = ["" if item is None else str(item) for item in values]
    q = params.get("q", "")
    if isinstance(q, dict):
        for key, value in q.items():
            filters.setdefault(str(key), []).append(str(value))
        q = ""
    records_format = _str(params, "records_format", "objects")
    if records_format not in {"objects", "lists", "csv"}:
        raise Invalid(records_format=["Value must be one of: objects, lists, csv"])
    limit = _int(params, "limit", 100, maximum=datastore.MAX_LIMIT)
    offset = _int(params, "offset", 0)
    selected = _list(params, "fields") or None
    try:
        page = datastore.search(
            resource.datastore_table,
            datastore.Query(
                fields=names,
                filters=filters,
                q=str(q),
                sort=datastore.parse_sort(_str(params, "sort"), names) if params.get("sort") else None,
                limit=limit,
                offset=offset,
                include_total=_bool(params, "include_total", True),
                selected=selected,
                numeric=services.numeric_fields(resource),
                row_count=resource.import_rows_done,
            ),
        )
    except datastore.DatastoreQueryError as exc:
        raise Invalid(**{"query": [str(exc)]}) from None
    all_fields = {item["id"]: item for item in _datastore_fields(resource)}
    fields = [all_fields[name] for name in page.fields]
    rows = page.rows
    if records_format == "objects":
        records: Any = [dict(zip(page.fields, row, strict=True)) for row in rows]
    elif records_format == "lists":
        records = [list(row) for row in rows]
    else:
        records = tabular.to_csv(
            [], [[tabular.neutralise(str(value or "")) for value in row] for row in rows]
        )
        records = records.decode("utf-8").split("\r\n", 1)[-1]
    path = request.path
    result = {
        "resource_id": str(resource.pk),
        "fields": fields,
        "records": records,
        "records_format": records_format,
        "limit": limit,
        "offset": offset,
        "_links": {"start": path, "next": f"{path}?offset={offset + limit}"},
    }
    if raw_filters:
        result["filters"] = raw_filters
    if q:
        result["q"] = q
    if params.get("sort"):
        result["sort"] = _str(params, "sort")
    if page.total is not None:
        result["total"] = page.total
    return result


ACTIONS: dict[str, Callable[[HttpRequest, dict], Any]] = {
    "package_search": package_search,
    "package_show": package_show,
    "package_list": package_list,
    "current_package_list_with_resources": current_package_list_with_resources,
    "organization_list": organization_list,
    "organization_show": organization_show,
    "group_list": group_list,
    "group_show": group_show,
    "tag_list": tag_list,
    "resource_show": resource_show,
    "license_list": license_list,
    "status_show": status_show,
    "datastore_search": datastore_search,
}


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, list):
        return any(_has_nul(item) for item in value)
    if isinstance(value, dict):
        return any(_has_nul(key) or _has_nul(item) for key, item in value.items())
    return False


def _checked(params: dict) -> dict:
    """PostgreSQL text cannot hold NUL: refuse it as CKAN refuses any invalid value."""
    for key, value in params.items():
        if _has_nul(key) or _has_nul(value):
            raise Invalid(**{str(key).replace("\x00", ""): ["Must not contain NUL characters"]})
    return params


def _params(request: HttpRequest) -> dict:
    if request.method == "POST":
        if len(request.body) > _MAX_BODY:
            raise ActionError("Bad request - JSON Error: request body too large")
        if not request.body.strip():
            return {}
        if request.content_type == "application/x-www-form-urlencoded":
            return {key: values if len(values) > 1 else values[0] for key, values in request.POST.lists()}
        try:
            body = json.loads(request.body)
        except ValueError:
            raise ActionError("Bad request - JSON Error: Could not parse request body as JSON") from None
        if not isinstance(body, dict):
            raise ActionError("Bad request - JSON Error: Request data JSON decoded to a non-dict")
        return body
    return {key: values if len(values) > 1 else values[0] for key, values in request.GET.lists()}


@csrf_exempt
def action(request: HttpRequest, name: str) -> JsonResponse:
    help_url = (
        request.build_absolute_uri(reverse("opendata:ckan_action", args=["help_show"])) + f"?name={name}"
    )
    handler = ACTIONS.get(name)
    try:
        if request.method not in {"GET", "POST"}:
            raise ActionError("Bad request - only GET and POST are allowed")
        if handler is None:
            raise ActionError(f"Bad request - Action name not known: {name}")
        result = handler(request, _checked(_params(request)))
    except ActionError as exc:
        response = JsonResponse({"help": help_url, "success": False, "error": exc.body()}, status=exc.status)
    else:
        response = JsonResponse(
            {"help": help_url, "success": True, "result": result}, json_dumps_params={"ensure_ascii": False}
        )
    response["Access-Control-Allow-Origin"] = "*"
    return response
