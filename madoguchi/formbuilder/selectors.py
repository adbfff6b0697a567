"""Reads of forms and their versions."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from madoguchi.formbuilder.engine import FormSpec, parse_definition
from madoguchi.formbuilder.models import Form, FormVersion

# (version id, when it was locked) → its parsed definition: this process's copies.
_locked_specs: dict[tuple[int, dt.datetime], FormSpec] = {}


def form_by_code(code: str) -> Form | None:
    return Form.objects.filter(code=code).first()


def all_forms() -> QuerySet[Form]:
    return Form.objects.prefetch_related("versions")


def current_version(code: str) -> FormVersion | None:
    """The version residents fill in: the highest-numbered published one."""
    return (
        FormVersion.objects.filter(form__code=code, published_at__isnull=False)
        .select_related("form")
        .order_by("-number")
        .first()
    )


def latest_version(form: Form) -> FormVersion | None:
    """The version the editor works on, published or not."""
    return form.versions.order_by("-number").first()


def version_by_id(pk: int) -> FormVersion:
    """A version by id, for reading a submission against the exact form it answered."""
    return FormVersion.objects.select_related("form").get(pk=pk)


def versions(form: Form) -> QuerySet[FormVersion]:
    return form.versions.order_by("-number")


def spec_of(version: FormVersion) -> FormSpec:
    """The version's definition, parsed.

    Every application page and every submission parse their form. A locked version (one with
    submissions) never changes, so each process keeps its parse; the key includes when it was
    locked, so a lock that was rolled back, an edit and a new lock never meet an old parse.
    FormSpec is frozen, so callers share it safely.
    """
    if version.locked_at is None:
        return parse_definition(version.definition)
    key = (version.pk, version.locked_at)
    spec = _locked_specs.get(key)
    if spec is None:
        spec = _locked_specs[key] = parse_definition(version.definition)
    return spec
