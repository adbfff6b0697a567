"""Reactions to changes of the catalogue: readers that cache procedures must see every change."""

from __future__ import annotations

from madoguchi.core.versions import bump


def procedure_changed(sender, **kwargs) -> None:
    """``post_save`` / ``post_delete`` of a Procedure, from a service, a test or a shell alike."""
    bump("procedures")
