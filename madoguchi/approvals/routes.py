"""The shape of a route as the drafter edits it, before it becomes stages in the database."""

from __future__ import annotations

from dataclasses import dataclass, field

from madoguchi.approvals.models import Stage


@dataclass(frozen=True)
class MemberSpec:
    """A person on a stage, with the post (所属・職) they hold it in."""

    user_id: int
    department_id: int
    position_id: int


@dataclass(frozen=True)
class StageSpec:
    kind: str
    mode: str = Stage.Mode.ALL
    members: tuple[MemberSpec, ...] = field(default_factory=tuple)
