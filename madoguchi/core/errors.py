"""The one shape of a refusal a service hands back to the person who asked."""

from __future__ import annotations


class ServiceError(Exception):
    """A request that cannot be carried out; ``messages`` are shown to the person as they are.

    Each app raises its own subclass (``cases.services.ApplicationError`` …) so callers can tell
    whose rule refused; views show ``messages`` in the error summary, Japanese first.
    """

    def __init__(self, *messages: str) -> None:
        super().__init__(*messages)
        self.messages = list(messages)
