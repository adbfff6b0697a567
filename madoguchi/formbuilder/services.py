"""Writes to forms. Definitions are checked by the engine; locked versions never change.

A version is locked (``lock_version``) when the first submission arrives, so every submission
stays readable against the definition it answered. Saving over a locked version therefore
creates the next version; the database refuses the change as well (migration 0002), in case
some other code path tries.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from madoguchi.audit.services import record_event
from madoguchi.formbuilder.engine import parse_definition
from madoguchi.formbuilder.models import Form, FormVersion


def _audit(action: str, version: FormVersion, actor: Any, purpose: str) -> None:
    record_event(
        action=f"formbuilder.{action}",
        actor=actor,
        object_type="formbuilder.formversion",
        object_id=str(version.pk),
        purpose=purpose,
        details={"form": version.form.code, "number": version.number},
    )


@transaction.atomic
def create_form(
    *, code: str, title: str, title_en: str = "", definition: dict, actor: Any = None
) -> FormVersion:
    """Create a form with its first version, published at once (raises DefinitionError)."""
    parse_definition(definition)
    form = Form(code=code, title=title, title_en=title_en)
    form.full_clean()
    form.save()
    version = FormVersion.objects.create(
        form=form,
        number=1,
        definition=definition,
        created_by_id=getattr(actor, "pk", None),
        published_at=timezone.now(),
    )
    _audit("create", version, actor, "申請フォームの作成")
    return version


@transaction.atomic
def save_definition(*, form: Form, definition: dict, actor: Any = None) -> FormVersion:
    """Save a definition: over the latest version while it is unlocked, else as the next version.

    A new version starts unpublished, so residents keep filling the published one until staff
    publish the new one. Saving an unchanged definition changes nothing.
    """
    parse_definition(definition)
    latest = form.versions.select_for_update().order_by("-number").first()
    if latest is not None and latest.definition == definition:
        return latest
    if latest is not None and latest.locked_at is None:
        latest.definition = definition
        latest.save(update_fields=["definition"])
        version = latest
    else:
        version = FormVersion.objects.create(
            form=form,
            number=(latest.number + 1) if latest else 1,
            definition=definition,
            created_by_id=getattr(actor, "pk", None),
        )
    _audit("save", version, actor, "申請フォームの編集")
    return version


@transaction.atomic
def publish_version(*, version: FormVersion, actor: Any = None) -> FormVersion:
    """公開 — residents fill this version from now on (the highest published number wins)."""
    parse_definition(version.definition)
    if version.published_at is None:
        version.published_at = timezone.now()
        version.save(update_fields=["published_at"])
    _audit("publish", version, actor, "申請フォームの公開")
    return version


def lock_version(*, version: FormVersion) -> None:
    """確定 — freeze the definition; called by ``cases`` on the first submission. Idempotent."""
    now = timezone.now()
    if FormVersion.objects.filter(pk=version.pk, locked_at__isnull=True).update(locked_at=now):
        version.locked_at = now
