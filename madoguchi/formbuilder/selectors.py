"""Reads of forms and their versions."""

from __future__ import annotations

from django.db.models import QuerySet

from madoguchi.formbuilder.models import Form, FormVersion


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
