"""Writes of the open-data catalogue: datasets, resources, the publishing workflow, imports."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from madoguchi.audit.services import record_event
from madoguchi.core import versions
from madoguchi.opendata import datastore, tabular
from madoguchi.opendata.models import Dataset, Frequency, Group, Resource, Tag
from madoguchi.opendata.selectors import CATALOGUE_VERSION
from madoguchi.opendata.standards import standard_by_code

TABULAR_FORMATS = {"CSV", "XLSX"}


def _audit(action: str, actor, dataset: Dataset, **details) -> None:
    record_event(
        action=action, actor=actor, object_type="opendata.dataset", object_id=str(dataset.pk), details=details
    )
    catalogue_changed()


def catalogue_changed() -> None:
    """Tell search its index is stale (``versions.bump`` also bumps again on commit)."""
    versions.bump(CATALOGUE_VERSION)


def upsert_group(*, name: str, title: str, title_en: str = "", description: str = "") -> Group:
    group, _created = Group.objects.update_or_create(
        name=name, defaults={"title": title, "title_en": title_en, "description": description}
    )
    catalogue_changed()
    return group


def _set_tags(dataset: Dataset, tags: list[str]) -> None:
    names = sorted({tag.strip() for tag in tags if tag.strip()})
    existing = {tag.name: tag for tag in Tag.objects.filter(name__in=names)}
    missing = [Tag(name=name) for name in names if name not in existing]
    Tag.objects.bulk_create(missing, ignore_conflicts=True)
    dataset.tags.set(Tag.objects.filter(name__in=names))


@transaction.atomic
def save_dataset(
    *,
    actor,
    dataset: Dataset | None = None,
    name: str,
    title: str,
    notes: str,
    organization,
    title_en: str = "",
    license_id: str = "CC-BY-4.0",
    frequency: str = Frequency.IRREG,
    spatial: str = "",
    temporal_start: dt.date | None = None,
    temporal_end: dt.date | None = None,
    standard_code: str = "",
    contact_email: str = "",
    tags: list[str] | None = None,
    groups: list[Group] | None = None,
) -> Dataset:
    """Create a dataset (as a draft) or update one; the workflow state is not changed here."""
    if temporal_start and temporal_end and temporal_end < temporal_start:
        raise ValidationError({"temporal_end": _("対象期間の終了は開始より後にしてください。")})
    if standard_code and standard_by_code(standard_code) is None:
        raise ValidationError({"standard_code": _("その標準データセットはありません。")})
    created = dataset is None
    dataset = dataset or Dataset()
    for attribute, value in {
        "name": name,
        "title": title,
        "title_en": title_en,
        "notes": notes,
        "organization": organization,
        "license_id": license_id,
        "frequency": frequency,
        "spatial": spatial,
        "temporal_start": temporal_start,
        "temporal_end": temporal_end,
        "standard_code": standard_code,
        "contact_email": contact_email,
    }.items():
        setattr(dataset, attribute, value)
    dataset.full_clean(exclude=["groups", "tags"])
    dataset.save()
    if tags is not None:
        _set_tags(dataset, tags)
    if groups is not None:
        dataset.groups.set(groups)
    _audit("opendata.dataset_created" if created else "opendata.dataset_updated", actor, dataset)
    return dataset


def publishing_problems(dataset: Dataset) -> list[str]:
    """Why the dataset cannot be published yet (empty when it can)."""
    problems: list[str] = []
    resources = list(dataset.resources.all())
    if not resources:
        problems.append(_("リソースがありません。ファイルを登録するかリンクを追加してください。"))
    for resource in resources:
        if resource.has_errors:
            problems.append(_("「%(name)s」の検証にエラーがあります。") % {"name": resource.name})
        if resource.import_status in {Resource.ImportStatus.PENDING, Resource.ImportStatus.RUNNING}:
            problems.append(_("「%(name)s」はデータストアへの取込中です。") % {"name": resource.name})
        if resource.import_status == Resource.ImportStatus.FAILED:
            problems.append(_("「%(name)s」の取込に失敗しました。") % {"name": resource.name})
    return problems


@transaction.atomic
def submit_for_review(*, dataset: Dataset, actor) -> Dataset:
    """下書き → 確認待ち: the editor asks a colleague to check before publishing."""
    if dataset.state != Dataset.State.DRAFT:
        raise ValidationError(_("下書きのデータセットだけを確認に回せます。"))
    problems = publishing_problems(dataset)
    if problems:
        raise ValidationError(problems)
    dataset.state = Dataset.State.REVIEW
    dataset.save(update_fields=["state", "modified_at"])
    _audit("opendata.dataset_submitted", actor, dataset)
    return dataset


@transaction.atomic
def publish(*, dataset: Dataset, actor) -> Dataset:
    """確認待ち → 公開. Refused while any resource has validation errors or is being imported."""
    if dataset.state != Dataset.State.REVIEW:
        raise ValidationError(_("確認待ちのデータセットだけを公開できます。"))
    problems = publishing_problems(dataset)
    if problems:
        raise ValidationError(problems)
    dataset.state = Dataset.State.PUBLISHED
    dataset.published_at = dataset.published_at or timezone.now()
    dataset.save(update_fields=["state", "published_at", "modified_at"])
    _audit("opendata.dataset_published", actor, dataset)
    return dataset


@transaction.atomic
def return_to_draft(*, dataset: Dataset, actor) -> Dataset:
    """差戻し / 公開取りやめ: back to a draft, hidden from the public again."""
    dataset.state = Dataset.State.DRAFT
    dataset.save(update_fields=["state", "modified_at"])
    _audit("opendata.dataset_unpublished", actor, dataset)
    return dataset


def _next_position(dataset: Dataset) -> int:
    return dataset.resources.count()


@transaction.atomic
def add_link(
    *, dataset: Dataset, actor, name: str, url: str, format: str = "", description: str = ""
) -> Resource:
    """A resource that points at data published elsewhere (no file, no datastore)."""
    resource = Resource(
        dataset=dataset,
        name=name,
        url=url,
        format=format.upper(),
        description=description,
        position=_next_position(dataset),
    )
    resource.full_clean()
    resource.save()
    _audit("opendata.resource_linked", actor, dataset, resource=str(resource.pk))
    return resource


def _format_of(filename: str) -> str:
    return PurePath(filename).suffix.lstrip(".").upper() or "BIN"


@transaction.atomic
def upload_file(
    *,
    dataset: Dataset,
    actor,
    name: str,
    filename: str,
    data: bytes,
    description: str = "",
    schema_code: str | None = None,
    resource: Resource | None = None,
    import_now: bool = False,
) -> Resource:
    """Store an uploaded file; a table is normalised to UTF-8 CSV, validated and queued for import.

    The stored file of a table is the normalised CSV (the original encoding is recorded), so
    every download and the datastore read the same bytes. A table with validation errors is kept
    with its report for the editor, but is not imported and blocks publishing. The import runs as
    a task after commit, or at once with ``import_now`` (small tables the system writes itself).
    """
    schema_code = dataset.standard_code if schema_code is None else schema_code
    fmt = _format_of(filename)
    resource = resource or Resource(dataset=dataset, position=_next_position(dataset))
    resource.name = name
    resource.description = description
    resource.schema_code = schema_code
    resource.url = ""
    stored_name = os.path.basename(filename) or "data"
    if fmt in {"CSV", "XLSX", "XLSM", "TXT"}:
        try:
            table = tabular.read_table(filename, data)
        except tabular.UnreadableTable as exc:
            report = tabular.Report()
            report.error(None, "", str(exc))
            resource.validation_report = report.as_dict()
            resource.format = fmt
            resource.import_status = Resource.ImportStatus.NONE
            resource.file.save(stored_name, ContentFile(data), save=False)
        else:
            header, report = tabular.validate(table, standard_by_code(schema_code) if schema_code else None)
            resource.validation_report = report.as_dict()
            resource.source_encoding = table.encoding
            resource.format = "CSV"
            resource.datastore_fields = header
            normalised = tabular.to_csv(header, table.rows)
            resource.file.save(f"{PurePath(stored_name).stem}.csv", ContentFile(normalised), save=False)
            resource.size = len(normalised)
            resource.import_rows_total = len(table.rows)
            resource.import_rows_done = 0
            resource.import_status = (
                Resource.ImportStatus.NONE if report.errors else Resource.ImportStatus.PENDING
            )
    else:
        resource.format = fmt
        resource.validation_report = {}
        resource.import_status = Resource.ImportStatus.NONE
        resource.file.save(stored_name, ContentFile(data), save=False)
        resource.size = len(data)
    resource.save()
    if resource.import_status == Resource.ImportStatus.PENDING:
        if import_now:
            import_to_datastore(resource)
            resource.refresh_from_db()
        else:
            from madoguchi.opendata.tasks import import_resource

            import_resource.delay_on_commit(str(resource.pk))
    _audit(
        "opendata.resource_uploaded",
        actor,
        dataset,
        resource=str(resource.pk),
        errors=len(resource.validation_report.get("errors", [])),
    )
    return resource


def numeric_fields(resource: Resource) -> frozenset[str]:
    """The fields of a resource its standard types as numbers (validated, so safe to cast)."""
    standard = standard_by_code(resource.schema_code) if resource.schema_code else None
    if standard is None or resource.has_errors:
        return frozenset()
    return frozenset(item["name"] for item in standard.fields if item["type"] in {"integer", "number"})


def table_bytes(header: list[str], rows: list[list[str]]) -> bytes:
    """A table as the UTF-8 CSV the portal stores (for tables the system itself writes)."""
    return tabular.to_csv(header, rows)


def _set_progress(resource_id, **values) -> None:
    Resource.objects.filter(pk=resource_id).update(**values)


def import_to_datastore(resource: Resource) -> int:
    """Load a validated table resource into its datastore table; returns the rows loaded.

    Progress is written as the load goes (each update commits on its own), so the editor's page
    can show how far a large import has got.
    """
    if not resource.file or not resource.datastore_fields:
        raise ValueError("not a tabular resource")
    name = datastore.table_name(resource.pk)
    total_rows = resource.import_rows_total
    _set_progress(
        resource.pk, import_status=Resource.ImportStatus.RUNNING, import_rows_done=0, import_error=""
    )
    width = len(resource.datastore_fields)

    def progress(fraction: float) -> None:
        _set_progress(resource.pk, import_rows_done=int(total_rows * fraction))

    try:
        datastore.create_table(name, width)
        with resource.file.open("rb") as stream:
            loaded = datastore.load_csv(name, width, stream, rows=total_rows, progress=progress)
        # Every row is in; the editor's page says the indexes are being built meanwhile.
        _set_progress(resource.pk, import_rows_done=loaded, import_rows_total=loaded)
        datastore.create_indexes(name, width)
    except Exception as exc:
        datastore.drop_table(name)
        _set_progress(resource.pk, import_status=Resource.ImportStatus.FAILED, import_error=str(exc)[:500])
        raise
    _set_progress(
        resource.pk,
        import_status=Resource.ImportStatus.DONE,
        datastore_table=name,
        import_rows_done=loaded,
        import_rows_total=loaded,
    )
    catalogue_changed()  # the dataset's resource is now datastore_active
    return loaded


@transaction.atomic
def delete_resource(*, resource: Resource, actor) -> None:
    if resource.datastore_table:
        datastore.drop_table(resource.datastore_table)
    dataset = resource.dataset
    resource.delete()
    _audit("opendata.resource_deleted", actor, dataset, resource=str(resource.pk))
