"""Pages of the open-data portal: public search, dataset, preview, downloads, map; the editor's pages.

Everything works without JavaScript: facets are links, the preview's filters and sort are a GET
form, the map page lists its points in a table, and the import progress is a page the editor
reloads (HTMX refreshes it in place when available).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from madoguchi.accounts.decorators import role_required
from madoguchi.accounts.models import Role
from madoguchi.opendata import datastore, dcat, selectors, services, tabular
from madoguchi.opendata.forms import DatasetForm, DatasetSearchForm, LinkForm, UploadForm
from madoguchi.opendata.licenses import license_by_id
from madoguchi.opendata.models import Dataset, Resource
from madoguchi.opendata.quality import stars
from madoguchi.opendata.standards import schema as standard_schema
from madoguchi.organization import selectors as org_selectors

PAGE_SIZE = 20
PREVIEW_ROWS = 50
_FACETS = ("organization", "groups", "tags", "res_format", "license_id")


def _facet_title(name: str) -> str:
    return {
        "organization": _("担当課"),
        "groups": _("グループ"),
        "tags": _("タグ"),
        "res_format": _("形式"),
        "license_id": _("ライセンス"),
    }[name]


def dataset_search(request: HttpRequest) -> HttpResponse:
    form = DatasetSearchForm(request.GET)
    if not form.is_valid():
        return render(request, "opendata/search.html", {"form": form, "result": None}, status=400)
    data = form.cleaned_data
    page = data["page"] or 1
    filters = {name: [data[name]] for name in _FACETS if data[name]}
    try:
        result = selectors.search(
            selectors.SearchParams(
                q=data["q"],
                filters=filters,
                rows=PAGE_SIZE,
                start=(page - 1) * PAGE_SIZE,
                facet_fields=list(_FACETS),
                facet_limit=10,
            )
        )
    except (selectors.SearchQueryError, selectors.SearchParameterError):
        form.add_error("q", _("検索語を解釈できません。記号を外してもう一度お試しください。"))
        return render(request, "opendata/search.html", {"form": form, "result": None}, status=400)
    base = {key: value for key, value in request.GET.items() if key in {"q", *_FACETS} and value}
    facets = []
    for name in _FACETS:
        items = []
        for key, label, count in result.facets.get(name, []):
            selected = data[name] == key
            params = {k: v for k, v in base.items() if k != name}
            if not selected:
                params[name] = key
            shown = str(license_by_id(key).title) if name == "license_id" else label
            items.append(
                {"label": shown, "count": count, "selected": selected, "url": "?" + urlencode(params)}
            )
        if items:
            facets.append({"title": _facet_title(name), "items": items})
    pages = (result.count + PAGE_SIZE - 1) // PAGE_SIZE
    return render(
        request,
        "opendata/search.html",
        {
            "form": form,
            "result": result,
            "datasets": selectors.published_datasets(result.ids),
            "facets": facets,
            "page": page,
            "previous_url": "?" + urlencode({**base, "page": page - 1}) if page > 1 else "",
            "next_url": "?" + urlencode({**base, "page": page + 1}) if page < pages else "",
        },
    )


def _published_or_404(name: str) -> Dataset:
    dataset = selectors.published_dataset(name)
    if dataset is None:
        raise Http404
    return dataset


def dataset_detail(request: HttpRequest, name: str) -> HttpResponse:
    dataset = _published_or_404(name)
    return render(
        request,
        "opendata/dataset.html",
        {
            "dataset": dataset,
            "resources": list(dataset.resources.all()),
            "license": license_by_id(dataset.license_id),
            "stars": stars(dataset),
            "has_map": bool(_located_resources(dataset)),
        },
    )


def _resource_or_404(dataset: Dataset, resource_id, *, public: bool = True) -> Resource:
    resource = selectors.resource_of(dataset, str(resource_id), public=public)
    if resource is None:
        raise Http404
    return resource


def resource_preview(request: HttpRequest, name: str, resource_id) -> HttpResponse:
    """The first rows of a table, with equality filters per column and a sort (GET form)."""
    dataset = _published_or_404(name)
    resource = _resource_or_404(dataset, resource_id)
    context = {"dataset": dataset, "resource": resource, "page": None, "error": ""}
    if resource.datastore_active:
        fields = list(resource.datastore_fields)
        filter_field = request.GET.get("field", "")
        filter_value = request.GET.get("value", "").replace("\x00", "").strip()
        sort_field = request.GET.get("sort", "")
        descending = request.GET.get("order") == "desc"
        try:
            offset = max(0, int(request.GET.get("offset", "0") or 0))
        except ValueError:
            offset = 0
        filters = {filter_field: [filter_value]} if filter_field in fields and filter_value else {}
        sort = [(sort_field, descending)] if sort_field in fields else None
        page = datastore.search(
            resource.datastore_table,
            datastore.Query(
                fields=fields,
                filters=filters,
                sort=sort,
                limit=PREVIEW_ROWS,
                offset=offset,
                numeric=services.numeric_fields(resource),
                row_count=resource.import_rows_done,
            ),
        )
        params = {k: v for k, v in request.GET.items() if k in {"field", "value", "sort", "order"} and v}
        context.update(
            {
                "page": page,
                "fields": fields,
                "filter_field": filter_field,
                "filter_value": filter_value,
                "sort_field": sort_field,
                "descending": descending,
                "offset": offset,
                "next_url": "?" + urlencode({**params, "offset": offset + PREVIEW_ROWS})
                if page.total and offset + PREVIEW_ROWS < page.total
                else "",
                "previous_url": "?" + urlencode({**params, "offset": max(0, offset - PREVIEW_ROWS)})
                if offset
                else "",
            }
        )
    return render(request, "opendata/resource.html", context)


def _rows_of(resource: Resource):
    for row in datastore.iterate(resource.datastore_table, list(resource.datastore_fields)):
        yield ["" if value is None else str(value) for value in row[1:]]


def _coordinates(fields: list[str]) -> tuple[int, int] | None:
    if "緯度" in fields and "経度" in fields:
        return fields.index("緯度"), fields.index("経度")
    return None


def resource_download(request: HttpRequest, name: str, resource_id) -> HttpResponse:
    """The file, or the table as CSV (``bom=1`` for Excel), JSON or GeoJSON; formula cells made inert."""
    dataset = _published_or_404(name)
    resource = _resource_or_404(dataset, resource_id)
    fmt = request.GET.get("format", "").lower()
    if not resource.datastore_active:
        if not resource.file:
            return redirect(resource.url)
        return _file_response(resource)
    fields = list(resource.datastore_fields)
    stem = f"{dataset.name}-{str(resource.pk)[:8]}"
    if fmt in {"", "csv"}:
        bom = request.GET.get("bom") == "1"

        def lines():
            buffer = io.StringIO()
            writer = csv.writer(buffer, lineterminator="\r\n")
            writer.writerow(fields)
            yield ("\ufeff" if bom else "") + buffer.getvalue()
            for row in _rows_of(resource):
                buffer.seek(0)
                buffer.truncate()
                writer.writerow([tabular.neutralise(value) for value in row])
                yield buffer.getvalue()

        response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{stem}.csv"'
        return response
    if fmt == "json":
        records = (
            dict(zip(fields, [tabular.neutralise(v) for v in row], strict=True)) for row in _rows_of(resource)
        )
        head = '{"fields": ' + json.dumps(fields, ensure_ascii=False) + ', "records": ['
        response = StreamingHttpResponse(_json_array(head, records, "]}"), content_type="application/json")
        response["Content-Disposition"] = f'attachment; filename="{stem}.json"'
        return response
    if fmt == "geojson":
        position = _coordinates(fields)
        if position is None:
            raise Http404
        features = (
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [point[1], point[0]]},
                "properties": {k: tabular.neutralise(v) for k, v in zip(fields, row, strict=True)},
            }
            for row in _rows_of(resource)
            if (point := _point(row, position)) is not None
        )
        head = '{"type": "FeatureCollection", "features": ['
        response = StreamingHttpResponse(
            _json_array(head, features, "]}"), content_type="application/geo+json"
        )
        response["Content-Disposition"] = f'attachment; filename="{stem}.geojson"'
        return response
    raise Http404


def _point(row: list[str], position: tuple[int, int]) -> tuple[float, float] | None:
    """(latitude, longitude) of a row, or None when a cell is not a number."""
    try:
        return float(row[position[0]]), float(row[position[1]])
    except ValueError:
        return None


_JSON_BATCH = 1_000  # items per chunk sent


def _json_array(head: str, items: Iterator[dict], tail: str) -> Iterator[str]:
    """A JSON document whose one array is written item by item: a million-row table is streamed
    as it is read (as the CSV is), never held in memory as one list."""
    yield head
    batch: list[str] = []
    first = True
    for item in items:
        batch.append(json.dumps(item, ensure_ascii=False))
        if len(batch) >= _JSON_BATCH:
            yield ("" if first else ",") + ",".join(batch)
            batch, first = [], False
    if batch:
        yield ("" if first else ",") + ",".join(batch)
    yield tail


def _file_response(resource: Resource) -> HttpResponse:
    from django.http import FileResponse

    content_type = "text/csv; charset=utf-8" if resource.format == "CSV" else "application/octet-stream"
    return FileResponse(
        resource.file.open("rb"),
        as_attachment=True,
        filename=resource.file.name.rsplit("/", 1)[-1],
        content_type=content_type,
    )


def _located_resources(dataset: Dataset) -> list[Resource]:
    return [
        r for r in dataset.resources.all() if r.datastore_active and _coordinates(list(r.datastore_fields))
    ]


MAP_POINTS_MAX = 2000


def dataset_map(request: HttpRequest, name: str) -> HttpResponse:
    """地図 — the points of a dataset's location tables; listed as a table, drawn on tiles when set."""
    dataset = _published_or_404(name)
    points = []
    for resource in _located_resources(dataset):
        fields = list(resource.datastore_fields)
        latitude, longitude = _coordinates(fields)
        # a point's name; points without one (消防水利施設) are called by their kind and ID
        label_columns = (
            next(([fields.index(n)] for n in ("名称", "設置箇所名称", "イベント名") if n in fields), None)
            or [fields.index(n) for n in ("種別", "ID") if n in fields]
            or [0]
        )
        address_index = fields.index("所在地_連結表記") if "所在地_連結表記" in fields else None
        for row in _rows_of(resource):
            if len(points) >= MAP_POINTS_MAX:
                break
            point = _point(row, (latitude, longitude))
            if point is None:
                continue
            lat, lon = point
            points.append(
                {
                    "name": " ".join(row[column] for column in label_columns if row[column]),
                    "address": row[address_index] if address_index is not None else "",
                    "lat": lat,
                    "lon": lon,
                }
            )
    if not points:
        raise Http404
    return render(
        request,
        "opendata/map.html",
        {
            "dataset": dataset,
            "points": points,
            "tile_url": settings.MADOGUCHI_MAP_TILE_URL,
            "tile_attribution": settings.MADOGUCHI_MAP_TILE_ATTRIBUTION,
        },
    )


def schema_json(request: HttpRequest, code: str) -> JsonResponse:
    schema = standard_schema(code)
    if schema is None:
        raise Http404
    return JsonResponse(schema, json_dumps_params={"ensure_ascii": False, "indent": 2})


# --- DCAT-AP ------------------------------------------------------------------------------------------


def catalog_rdf(request: HttpRequest, fmt: str) -> HttpResponse:
    try:
        page = int(request.GET.get("page", "1"))
    except ValueError:
        page = 0
    if page < 1:
        return HttpResponse(
            _("page は1以上の整数で指定してください。"), status=400, content_type="text/plain"
        )
    graph = dcat.catalog_graph(request, page=page)
    if graph is None:
        raise Http404
    return _rdf_response(graph, fmt)


def dataset_rdf(request: HttpRequest, name: str, fmt: str) -> HttpResponse:
    return _rdf_response(dcat.dataset_graph(request, _published_or_404(name)), fmt)


def _rdf_response(graph, fmt: str) -> HttpResponse:
    serializer, content_type = dcat.FORMATS[fmt]
    return HttpResponse(graph.serialize(format=serializer), content_type=content_type)


# --- staff --------------------------------------------------------------------------------------------


def _organizations():
    municipality = org_selectors.home_municipality()
    departments = org_selectors.departments_on(municipality) if municipality else None
    return departments.filter(level="ka") if departments is not None else None


@role_required(Role.OPENDATA_EDITOR)
def staff_list(request: HttpRequest) -> HttpResponse:
    state = request.GET.get("state", "")
    if state not in Dataset.State.values:
        state = ""
    return render(
        request,
        "opendata/staff/list.html",
        {
            "datasets": selectors.datasets_for_staff(state=state)[:200],
            "state": state,
            "states": Dataset.State.choices,
        },
    )


def _save(form: DatasetForm, request: HttpRequest, dataset: Dataset | None) -> Dataset | None:
    data = form.cleaned_data
    try:
        return services.save_dataset(
            actor=request.user,
            dataset=dataset,
            name=data["name"],
            title=data["title"],
            title_en=data["title_en"],
            notes=data["notes"],
            organization=data["organization"],
            license_id=data["license_id"],
            frequency=data["frequency"],
            spatial=data["spatial"],
            temporal_start=data["temporal_start"],
            temporal_end=data["temporal_end"],
            standard_code=data["standard_code"],
            contact_email=data["contact_email"],
            tags=form.tag_names(),
            groups=list(data["groups"]),
        )
    except ValidationError as exc:
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
        return None


@role_required(Role.OPENDATA_EDITOR)
def staff_create(request: HttpRequest) -> HttpResponse:
    form = DatasetForm(request.POST or None, organizations=_organizations())
    if request.method == "POST" and form.is_valid():
        dataset = _save(form, request, None)
        if dataset is not None:
            messages.success(request, _("データセットを下書きとして保存しました。"))
            return redirect("opendata:staff_dataset", name=dataset.name)
    return render(request, "opendata/staff/form.html", {"form": form, "dataset": None})


def _staff_dataset_or_404(name: str) -> Dataset:
    dataset = selectors.dataset_for_staff(name)
    if dataset is None:
        raise Http404
    return dataset


@role_required(Role.OPENDATA_EDITOR)
def staff_edit(request: HttpRequest, name: str) -> HttpResponse:
    dataset = _staff_dataset_or_404(name)
    form = DatasetForm(request.POST or None, instance=dataset, organizations=_organizations())
    if request.method == "POST" and form.is_valid():
        saved = _save(form, request, dataset)
        if saved is not None:
            messages.success(request, _("データセットを保存しました。"))
            return redirect("opendata:staff_dataset", name=saved.name)
    return render(request, "opendata/staff/form.html", {"form": form, "dataset": dataset})


@role_required(Role.OPENDATA_EDITOR)
def staff_dataset(request: HttpRequest, name: str) -> HttpResponse:
    dataset = _staff_dataset_or_404(name)
    return render(
        request,
        "opendata/staff/dataset.html",
        {
            "dataset": dataset,
            "resources": list(dataset.resources.all()),
            "problems": services.publishing_problems(dataset),
            "upload_form": UploadForm(initial={"schema_code": dataset.standard_code}),
            "link_form": LinkForm(),
        },
    )


@role_required(Role.OPENDATA_EDITOR)
@require_POST
def staff_workflow(request: HttpRequest, name: str) -> HttpResponse:
    dataset = _staff_dataset_or_404(name)
    step = request.POST.get("step", "")
    actions = {
        "submit": services.submit_for_review,
        "publish": services.publish,
        "draft": services.return_to_draft,
    }
    if step not in actions:
        messages.error(request, _("操作を選んでください。"))
        return redirect("opendata:staff_dataset", name=dataset.name)
    try:
        actions[step](dataset=dataset, actor=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("公開状態を「%(state)s」にしました。") % {"state": dataset.get_state_display()}
        )
    return redirect("opendata:staff_dataset", name=dataset.name)


@role_required(Role.OPENDATA_EDITOR)
def staff_upload(request: HttpRequest, name: str) -> HttpResponse:
    dataset = _staff_dataset_or_404(name)
    form = UploadForm(
        request.POST or None, request.FILES or None, initial={"schema_code": dataset.standard_code}
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        resource = services.upload_file(
            dataset=dataset,
            actor=request.user,
            name=form.cleaned_data["name"],
            filename=upload.name,
            data=upload.read(),
            description=form.cleaned_data["description"],
            schema_code=form.cleaned_data["schema_code"],
        )
        return redirect("opendata:staff_resource", name=dataset.name, resource_id=resource.pk)
    return render(request, "opendata/staff/upload.html", {"dataset": dataset, "form": form})


@role_required(Role.OPENDATA_EDITOR)
def staff_link(request: HttpRequest, name: str) -> HttpResponse:
    dataset = _staff_dataset_or_404(name)
    form = LinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.add_link(dataset=dataset, actor=request.user, **form.cleaned_data)
        messages.success(request, _("リンクを追加しました。"))
        return redirect("opendata:staff_dataset", name=dataset.name)
    return render(request, "opendata/staff/link.html", {"dataset": dataset, "form": form})


@role_required(Role.OPENDATA_EDITOR)
def staff_resource(request: HttpRequest, name: str, resource_id) -> HttpResponse:
    """The validation report (検証結果) and the import's progress."""
    dataset = _staff_dataset_or_404(name)
    resource = _resource_or_404(dataset, resource_id, public=False)
    template = (
        "opendata/staff/_progress.html"
        if request.headers.get("HX-Request")
        else "opendata/staff/resource.html"
    )
    running = resource.import_status == Resource.ImportStatus.RUNNING
    return render(
        request,
        template,
        {
            "dataset": dataset,
            "resource": resource,
            "report": resource.validation_report,
            "rows_done": selectors.rows_imported(resource),
            # every row is in and the indexes are being built (the longest part of a large import)
            "indexing": running and 0 < resource.import_rows_total <= resource.import_rows_done,
        },
    )


@role_required(Role.OPENDATA_EDITOR)
@require_POST
def staff_resource_delete(request: HttpRequest, name: str, resource_id) -> HttpResponse:
    dataset = _staff_dataset_or_404(name)
    services.delete_resource(
        resource=_resource_or_404(dataset, resource_id, public=False), actor=request.user
    )
    messages.success(request, _("リソースを削除しました。"))
    return redirect("opendata:staff_dataset", name=dataset.name)
