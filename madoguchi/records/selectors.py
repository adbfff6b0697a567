"""Reads of the file plan and the records."""

from __future__ import annotations

from django.db.models import QuerySet

from madoguchi.records.models import FileClass, Retention

RETENTION_CHOICES = Retention.choices


def retention_label(retention: int | None) -> str:
    return str(Retention(retention).label) if retention is not None else "—"


def file_classes() -> QuerySet[FileClass]:
    return FileClass.objects.select_related("parent", "department")


def file_class_choices() -> list[tuple[int, str]]:
    """The leaves of the file plan (where files are filed), labelled with their path."""
    classes = list(file_classes())
    parents = {c.parent_id for c in classes}
    by_id = {c.pk: c for c in classes}

    def path(node: FileClass) -> str:
        names = [node.name]
        while node.parent_id:
            node = by_id[node.parent_id]
            names.append(node.name)
        return " ＞ ".join(reversed(names))

    return [(c.pk, f"{path(c)}（{c.get_retention_display()}）") for c in classes if c.pk not in parents]


def file_class_by_id(pk: int | None) -> FileClass | None:
    return FileClass.objects.filter(pk=pk).first() if pk else None
