"""A small learned model beside the risk patterns.

Patterns name the phrase they matched but miss what people say in ways nobody wrote down; on a
blind set written after the patterns were tuned they found only 39 % of crises. A character and
word n-gram logistic regression, trained on the labelled sets in safety/data/, catches much of
what they miss (see docs/benchmarks.md). The two are combined: the stronger signal wins, and a
flag from the model says so in its reason.

The model is trained from the committed data when the site is set up (`manage.py
train_risk_model`, run by `make`), or on first use, and kept under var/; nothing generated is
committed.
"""

import json
import logging
import pickle
import threading
from pathlib import Path

from django.conf import settings

from . import risk

logger = logging.getLogger(__name__)

DATA_DIR = Path(__file__).parent / "data"
TUNING_FILES = ["risk_tune_a.jsonl", "risk_tune_b.jsonl", "risk_tune_c.jsonl"]
BLIND_FILE = "risk_blind.jsonl"
# Forum and chat replies ("thank you for sharing, that took courage"), written once the community
# existed and kind replies were read as crises: training data only, the patterns never saw it.
FORUM_FILE = "risk_tune_d.jsonl"
TRAINING_FILES = [*TUNING_FILES, FORUM_FILE]  # everything but the blind sets
ALL_FILES = [*TRAINING_FILES, BLIND_FILE]  # what the production model is trained on
# Written blind after the model existed and never used for tuning or training: the honest
# measure of how it does on new writing. Fold them into training only once newer blind sets
# exist to measure with.
EVALUATION_FILES = ["risk_blind_2.jsonl", "risk_blind_3.jsonl"]
THRESHOLD = 0.5
LEVELS = (risk.NONE, risk.ELEVATED, risk.URGENT)

_lock = threading.Lock()
_loaded = {}


def load_rows(files) -> list[dict]:
    rows = []
    for name in files:
        with open(DATA_DIR / name, encoding="utf-8") as handle:
            rows += [json.loads(line) for line in handle if line.strip()]
    return rows


def build(rows):
    """Fit the model on labelled rows ({"text", "level"})."""
    # Training is rare (`make`, or the first assessment on a new machine); scikit-learn takes a
    # while to import and is not needed by a process that never assesses text.
    from sklearn.feature_extraction.text import TfidfVectorizer  # lazy: training only
    from sklearn.linear_model import LogisticRegression  # lazy: training only
    from sklearn.pipeline import make_pipeline, make_union  # lazy: training only

    features = make_union(
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True),
        TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
    )
    model = make_pipeline(features, LogisticRegression(C=4, max_iter=3000, class_weight="balanced"))
    model.fit([risk.normalise(r["text"]) for r in rows], [r["level"] for r in rows])
    return model


def model_path() -> Path:
    import sklearn  # lazy: heavy, and only a process that assesses text needs it

    return Path(settings.VAR_DIR) / f"risk_model-sklearn{sklearn.__version__}.pickle"


def train(files=ALL_FILES, path: Path | None = None) -> Path:
    """Train on the labelled data and save the model under var/ (atomically)."""
    path = path or model_path()
    model = build(load_rows(files))
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    with open(partial, "wb") as handle:
        pickle.dump(model, handle)
    partial.replace(path)
    _loaded.pop(str(path), None)
    return path


def get_model():
    """The trained model, loading (or training, the first time) on demand."""
    path = model_path()
    key = str(path)
    if key not in _loaded:
        with _lock:
            if key not in _loaded:
                if not path.exists():
                    logger.warning("Training the risk model now (run `make` to do it ahead)")
                    train(path=path)
                with open(path, "rb") as handle:
                    _loaded[key] = pickle.load(handle)  # noqa: S301 - our own file under var/
    return _loaded[key]


def probabilities(text: str, model=None) -> dict[str, float]:
    model = model if model is not None else get_model()
    probs = model.predict_proba([risk.normalise(text[:20_000])])[0]
    return {level: float(p) for level, p in zip(model.classes_, probs, strict=True)}


def combine(pattern: risk.Assessment, probs: dict[str, float]) -> risk.Assessment:
    """The stronger of the two signals; the model's flag says where it came from."""
    level, reasons = pattern.level, list(pattern.reasons)
    if probs.get(risk.URGENT, 0) >= THRESHOLD and level != risk.URGENT and not pattern.dismissed:
        level = risk.URGENT
        reasons.append(
            f"reads like messages from people in crisis (model, {probs[risk.URGENT]:.0%})"
        )
    elif level == risk.NONE and (
        probs.get(risk.ELEVATED, 0) >= THRESHOLD
        or (pattern.dismissed and probs.get(risk.URGENT, 0) >= THRESHOLD)
    ):
        level = risk.ELEVATED
        strength = max(probs.get(risk.ELEVATED, 0), probs.get(risk.URGENT, 0))
        reasons.append(
            f"reads like messages from people who are struggling (model, {strength:.0%})"
        )
    return risk.Assessment(level, reasons, pattern.dismissed)


def assess(text: str, context: str = "", model=None) -> risk.Assessment:
    pattern = risk.assess(text, context)
    if not text or not text.strip():
        return pattern
    return combine(pattern, probabilities(text, model))
