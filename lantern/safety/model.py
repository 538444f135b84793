"""The safety net's reading of text: the patterns, an n-gram model and a sentence encoder, stacked.

Three readers look at every text:

1. the curated patterns (safety/risk.py), which name the phrase they matched;
2. a character and word n-gram logistic regression, which catches how people type;
3. a small classifier on a frozen multilingual sentence encoder (safety/encoders.py), which
   catches what is meant however it is phrased, in English or Spanish.

A final logistic regression (the stacker) weighs them: its inputs are the pattern flags and the
two models' probabilities, and its output, P(urgent), is the assessment's `score`. No reader can
veto another: a phrase the patterns set aside (negated, in the past, a joke) is one more input,
not a verdict. Two thresholds on the score make two tiers: *urgent* (tier 1: alerts, crisis
lines, a held post) and *review* (tier 2: crisis lines, and shared text joins the "needs a look"
queue). A hit of the high-precision pattern families is urgent at once; any other crisis phrase
is never below review.

Training (`manage.py train_risk_model`, run by `make`, or on first use) is honest about what each
part has seen. The patterns were tuned on risk_tune_a/b/c, so their flags are near perfect there
and would teach the stacker to trust them blindly: the stacker learns only from rows the patterns
were never tuned on (risk_tune_d and risk_blind), using out-of-fold predictions of the two models
(k-fold over those rows; each fold's models are trained on everything else, tune_a/b/c
included). The thresholds are chosen from a second, nested cross-validation of the stacker on
the same rows, against the targets, before any evaluation set is scored. risk_blind_2/3/4 are
never trained or tuned on (`make bench` scores them).

When the encoder cannot load, a second stacker trained the same way on the patterns and the
n-gram model alone takes over, with its own cross-validated thresholds.
"""

import fcntl
import hashlib
import json
import logging
import pickle
import re
import threading
import time
from collections import OrderedDict
from pathlib import Path

import numpy as np
from django.conf import settings

from . import encoders, risk

logger = logging.getLogger(__name__)

DATA_DIR = Path(__file__).parent / "data"
# The patterns were tuned on these, one after the other.
TUNING_FILES = ["risk_tune_a.jsonl", "risk_tune_b.jsonl", "risk_tune_c.jsonl"]
# Forum and chat replies ("thank you for sharing, that took courage"), written once the community
# existed and kind replies were read as crises; the patterns never saw it.
FORUM_FILE = "risk_tune_d.jsonl"
# Written blind, never used to tune the patterns.
BLIND_FILE = "risk_blind.jsonl"
TRAINING_FILES = [*TUNING_FILES, FORUM_FILE]
ALL_FILES = [*TRAINING_FILES, BLIND_FILE]  # what the production models are trained on
# The stacker and the thresholds learn only from writing the patterns were never tuned on.
STACKER_FILES = [FORUM_FILE, BLIND_FILE]
# Written blind after the models existed and never used for tuning or training: the honest
# measure of how the safety net does on new writing (`make bench`). Fold them into training only
# once newer blind sets exist to measure with.
EVALUATION_FILES = ["risk_blind_2.jsonl", "risk_blind_3.jsonl", "risk_blind_4.jsonl"]
LEVELS = (risk.NONE, risk.ELEVATED, risk.URGENT)

# Cross-validation: FOLDS folds, REPEATS times with different shuffles, pooled.
FOLDS, REPEATS, SEED = 5, 3, 14
# The thresholds, from cross-validation: tier 1 and review are the lowest that keep ordinary
# messages (level none) under these shares, each a sixth under the target to leave room
# for new writing; elevated is the highest that catches ELEVATED_RECALL of elevated messages
# (target 0.90), never flagging more than its share of ordinary ones.
BUDGETS = {
    "urgent": 0.025,  # flagged tier 1 (target: at most 3 %)
    "review": 0.10,  # queued for review, tier 1 included (target: at most 12 %)
    "elevated": 0.20,  # shown gentle resources (no target; the old model nudged 17-21 %)
}
ELEVATED_RECALL = 0.92
FULL, FALLBACK = "full", "fallback"
# The encoder reads at most this many characters (its cost grows with the length: about 1.3 ms
# of one core per token). A longer text is read where the n-gram model finds it most worrying;
# the patterns and the n-gram model read the whole text.
ENCODER_MAX_CHARS = 256
FORMAT = 2  # of the saved model; a change retrains

_lock = threading.Lock()
_loaded: dict = {}
_warned: set = set()


# --- Data -----------------------------------------------------------------------------------------


def load_rows(files) -> list[dict]:
    rows = []
    for name in files:
        with open(DATA_DIR / name, encoding="utf-8") as handle:
            rows += [{**json.loads(line), "file": name} for line in handle if line.strip()]
    return rows


def data_digest(files=ALL_FILES) -> str:
    """What the trained model depends on: the labelled data and the patterns (their flags are
    the stacker's inputs)."""
    digest = hashlib.sha256(Path(risk.__file__).read_bytes())
    for name in files:
        digest.update((DATA_DIR / name).read_bytes())
    return digest.hexdigest()[:16]


# --- The two models -------------------------------------------------------------------------------


def build(rows):
    """The n-gram model, fitted on labelled rows ({"text", "level"})."""
    # Training is rare (`make`, or the first assessment on a new machine); scikit-learn takes a
    # while to import and is not needed by a process that never assesses text.
    from sklearn.feature_extraction.text import TfidfVectorizer  # lazy: training only
    from sklearn.linear_model import LogisticRegression  # lazy: training only
    from sklearn.pipeline import make_pipeline, make_union  # lazy: training only

    features = make_union(
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True),
        TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
    )
    model = make_pipeline(
        features, LogisticRegression(C=10, max_iter=3000, class_weight="balanced")
    )
    model.fit([risk.normalise(r["text"][:20_000]) for r in rows], [r["level"] for r in rows])
    return model


def build_head(vectors: np.ndarray, levels):
    """The classifier on the frozen sentence embeddings. Its C, the n-gram model's and the
    stacker's were chosen by cross-validation on the training data (a one-layer MLP head did no
    better than this logistic regression)."""
    from sklearn.linear_model import LogisticRegression  # lazy: training only

    return LogisticRegression(C=32, max_iter=5000, class_weight="balanced").fit(vectors, levels)


def build_stacker(features: np.ndarray, levels):
    from sklearn.linear_model import LogisticRegression  # lazy: training only

    return LogisticRegression(C=0.3, max_iter=3000).fit(features, levels)


def _columns(model, probs: np.ndarray) -> np.ndarray:
    """P(urgent), P(elevated) as log-odds, the stacker's inputs from one model."""
    order = list(model.classes_)
    picked = probs[:, [order.index(risk.URGENT), order.index(risk.ELEVATED)]]
    picked = np.clip(picked, 1e-4, 1 - 1e-4)
    return np.log(picked / (1 - picked))


def pattern_features(found: risk.Scan) -> list[float]:
    return [
        float(bool(found.tier1)),
        float(bool(found.tier1 or found.urgent)),
        float(bool(found.elevated)),
        float(found.dismissed),
    ]


def _features(patterns: np.ndarray, ngram_cols: np.ndarray, head_cols=None) -> np.ndarray:
    parts = [patterns, ngram_cols] if head_cols is None else [patterns, ngram_cols, head_cols]
    return np.hstack(parts)


def encoder_input(text: str, ngram=None) -> str:
    """What the encoder reads: the whole text when short; else the most worrying window of
    sentences, by the n-gram model (or the beginning, without it)."""
    text = re.sub(r"\s+", " ", text[:20_000]).strip()
    if len(text) <= ENCODER_MAX_CHARS:
        return text
    if ngram is None:
        return text[:ENCODER_MAX_CHARS]
    pieces = []
    for sentence in re.split(r"(?<=[.!?;])\s+", text):
        while sentence:
            pieces.append(sentence[:ENCODER_MAX_CHARS])
            sentence = sentence[ENCODER_MAX_CHARS:].strip()
    probs = ngram.predict_proba([risk.normalise(p) for p in pieces])
    worry = 1 - probs[:, list(ngram.classes_).index(risk.NONE)]
    first = last = int(np.argmax(worry))
    size = len(pieces[first])
    while True:  # add neighbours while they fit, the more worrying side first
        sides = [i for i in (first - 1, last + 1) if 0 <= i < len(pieces)]
        sides = [i for i in sides if size + 1 + len(pieces[i]) <= ENCODER_MAX_CHARS]
        if not sides:
            break
        best = max(sides, key=lambda i: worry[i])
        size += 1 + len(pieces[best])
        first, last = min(first, best), max(last, best)
    return " ".join(pieces[first : last + 1])


# --- Thresholds -----------------------------------------------------------------------------------


def _decisions(found_flags, probs, thresholds, classes):
    """Vectorised `decide` over many rows: (urgent, review, flagged) boolean arrays."""
    tier1, any_urgent, elevated = (
        found_flags[:, 0] > 0,
        found_flags[:, 1] > 0,
        found_flags[:, 2] > 0,
    )
    score = probs[:, classes.index(risk.URGENT)]
    care = score + probs[:, classes.index(risk.ELEVATED)]
    urgent = tier1 | (score >= thresholds["urgent"])
    review = urgent | any_urgent | (score >= thresholds["review"])
    flagged = review | elevated | (care >= thresholds["elevated"])
    return urgent, review, flagged


def _lowest(candidates, share_of_ordinary) -> float:
    """The lowest threshold whose share of ordinary messages stays within budget."""
    chosen = 1.0 + 1e-9  # nothing by score
    for t in sorted(set(candidates.tolist()), reverse=True):
        if share_of_ordinary(t) > 0:
            break
        chosen = t
    return float(chosen)


def choose_thresholds(found_flags, probs, levels, classes, budgets=None) -> dict:
    budgets = budgets or BUDGETS
    none = np.asarray(levels) == risk.NONE
    score = probs[:, classes.index(risk.URGENT)]
    care = score + probs[:, classes.index(risk.ELEVATED)]
    off = {"urgent": 2.0, "review": 2.0, "elevated": 2.0}

    def over(key, thresholds):
        decided = _decisions(found_flags, probs, thresholds, classes)
        index = {"urgent": 0, "review": 1, "elevated": 2}[key]
        return decided[index][none].mean() - budgets[key]

    t = dict(off)
    t["urgent"] = _lowest(score, lambda x: over("urgent", {**t, "urgent": x}))
    t["review"] = min(t["urgent"], _lowest(score, lambda x: over("review", {**t, "review": x})))
    elevated = np.asarray(levels) == risk.ELEVATED
    t["elevated"] = 1.0 + 1e-9
    for x in sorted(set(care.tolist()), reverse=True):
        if over("elevated", {**t, "elevated": x}) > 0:
            break
        t["elevated"] = x
        flagged = _decisions(found_flags, probs, t, classes)[2]
        if flagged[elevated].mean() >= ELEVATED_RECALL:
            break
    return {key: float(value) for key, value in t.items()}


def measure(found_flags, probs, levels, langs, thresholds, classes) -> dict:
    """The targets' measures for rows with known levels (cross-validation, or a blind set)."""
    levels, langs = np.asarray(levels), np.asarray(langs)
    urgent, review, flagged = _decisions(found_flags, probs, thresholds, classes)
    out = {}
    for lang in ("all", "en", "es"):
        keep = np.ones(len(levels), bool) if lang == "all" else langs == lang
        u, n, e = (keep & (levels == lv) for lv in (risk.URGENT, risk.NONE, risk.ELEVATED))
        out[lang] = {
            "urgent_tier1": (int(urgent[u].sum()), int(u.sum())),
            "ordinary_tier1": (int(urgent[n].sum()), int(n.sum())),
            "urgent_reviewed": (int(review[u].sum()), int(u.sum())),
            "ordinary_reviewed": (int(review[n].sum()), int(n.sum())),
            "elevated_caught": (int(flagged[e].sum()), int(e.sum())),
            "ordinary_flagged": (int(flagged[n].sum()), int(n.sum())),
        }
    return out


# --- Training -------------------------------------------------------------------------------------


def fit(rows: list[dict], encoder=None, threads: int = 2, log=None) -> dict:
    """Train everything from labelled rows ({"text", "level", "lang", "file"}); a plain dict."""
    from sklearn.model_selection import StratifiedKFold  # lazy: training only
    from threadpoolctl import threadpool_limits  # lazy: training only

    log = log or (lambda message: None)
    start = time.perf_counter()
    stack = np.array([r.get("file") in STACKER_FILES for r in rows])
    s_rows, t_rows = np.flatnonzero(stack), np.flatnonzero(~stack)
    if len(s_rows) < 100:
        raise ValueError("too few rows the patterns were not tuned on to train the stacker")
    texts = [r["text"] for r in rows]
    levels = np.array([r["level"] for r in rows])
    langs = np.array([r.get("lang", "") for r in rows])
    found = [risk.scan(t) for t in texts]
    flags = np.array([pattern_features(f) for f in found])
    with threadpool_limits(1):
        final_ngram = build(rows)
    vectors = None
    if encoder is not None:
        inputs = [encoder_input(t, final_ngram) for t in texts]
        vectors = encoders.embed_all(encoder, inputs, threads=threads)
        log(f"embedded {len(texts)} texts in {time.perf_counter() - start:.1f} s")
    modes = [FALLBACK] if vectors is None else [FULL, FALLBACK]
    # Several threads fighting over two cores made one fit 30× slower: one thread each.
    with threadpool_limits(1):
        oof = {mode: [] for mode in modes}  # per repeat: (stacker features, fold ids)
        strata = np.char.add(levels[s_rows], langs[s_rows])
        for repeat in range(REPEATS):
            folds = StratifiedKFold(FOLDS, shuffle=True, random_state=SEED + repeat)
            ngram_cols = np.zeros((len(s_rows), 2))
            head_cols = np.zeros((len(s_rows), 2))
            fold_of = np.zeros(len(s_rows), int)
            for k, (train, test) in enumerate(folds.split(s_rows, strata)):
                fold_of[test] = k
                used = np.concatenate([t_rows, s_rows[train]])
                ngram = build([rows[i] for i in used])
                held = [risk.normalise(texts[i][:20_000]) for i in s_rows[test]]
                ngram_cols[test] = _columns(ngram, ngram.predict_proba(held))
                if vectors is not None:
                    head = build_head(vectors[used], levels[used])
                    head_cols[test] = _columns(head, head.predict_proba(vectors[s_rows[test]]))
            for mode in modes:
                features = _features(flags[s_rows], ngram_cols, head_cols if mode == FULL else None)
                oof[mode].append((features, fold_of))
        log(f"cross-validated the two models ({REPEATS}×{FOLDS} folds)")
        trained = {
            "format": FORMAT,
            "encoder": encoder.name if encoder is not None else None,
            "rows": len(rows),
            "stacker_rows": len(s_rows),
            "stackers": {},
            "thresholds": {},
            "cv": {},
        }
        y_s = levels[s_rows]
        for mode in modes:
            # The stacker's own out-of-fold probabilities, on the same folds, pick the thresholds.
            pooled = []
            for features, fold_of in oof[mode]:
                probs = np.zeros((len(s_rows), 3))
                for k in range(FOLDS):
                    test = fold_of == k
                    stacker = build_stacker(features[~test], y_s[~test])
                    probs[test] = stacker.predict_proba(features[test])
                pooled.append(probs)
            classes = list(stacker.classes_)
            all_probs = np.vstack(pooled)
            all_flags = np.vstack([flags[s_rows]] * REPEATS)
            all_levels = np.concatenate([y_s] * REPEATS)
            all_langs = np.concatenate([langs[s_rows]] * REPEATS)
            thresholds = choose_thresholds(all_flags, all_probs, all_levels, classes)
            trained["thresholds"][mode] = thresholds
            trained["cv"][mode] = measure(
                all_flags, all_probs, all_levels, all_langs, thresholds, classes
            )
            features = np.vstack([f for f, _ in oof[mode]])
            trained["stackers"][mode] = build_stacker(features, all_levels)
        trained["ngram"] = final_ngram
        trained["head"] = build_head(vectors, levels) if vectors is not None else None
    trained["seconds"] = round(time.perf_counter() - start, 1)
    log(f"trained in {trained['seconds']} s")
    return trained


def model_path(encoder_setting: str | None = None) -> Path:
    import sklearn  # lazy: heavy, and only a process that assesses text needs it

    setting = encoders.configured() if encoder_setting is None else encoder_setting
    slug = re.sub(r"[^A-Za-z0-9.-]+", "_", setting) or "none"
    return (
        Path(settings.VAR_DIR) / f"risk_model-v{FORMAT}-sklearn{sklearn.__version__}-{slug}.pickle"
    )


def train(files=ALL_FILES, path: Path | None = None, threads: int = 2, log=None) -> Path:
    """Train on the labelled data with the configured encoder (or without one, if it cannot
    load) and save the result under var/ (atomically)."""
    path = path or model_path()
    encoder = encoders.get_encoder()
    trained = fit(load_rows(files), encoder, threads=threads, log=log)
    trained["data"] = data_digest(files)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    with open(partial, "wb") as handle:
        pickle.dump(trained, handle)
    partial.replace(path)
    _loaded.pop(str(path), None)
    return path


def _stale(trained: dict) -> str:
    encoder = encoders.get_encoder()
    if trained.get("format") != FORMAT:
        return "it was saved by another version"
    if trained.get("data") != data_digest():
        return "the labelled data or the patterns changed"
    if encoder is not None and trained.get("encoder") != encoder.name:
        return f"it was trained for {trained.get('encoder')}, not {encoder.name}"
    return ""


def get_model() -> dict:
    """The trained models, loading (or training, the first time) on demand."""
    path = model_path()
    key = str(path)
    if key not in _loaded:
        with _lock:
            if key not in _loaded:
                _loaded[key] = _load_or_train(path)
    return _loaded[key]


def _load_or_train(path: Path) -> dict:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    # One process trains; the others (server workers, test runners) wait for its file.
    with open(path.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        trained, why = None, "there is none yet"
        if path.exists():
            with open(path, "rb") as handle:
                trained = pickle.load(handle)  # noqa: S301 - our own file under var/
            why = _stale(trained)
        if why:
            logger.warning("Training the risk model now, because %s (`make` does it ahead)", why)
            train(path=path)
            with open(path, "rb") as handle:
                trained = pickle.load(handle)  # noqa: S301 - our own file under var/
    return trained


# --- Assessment -----------------------------------------------------------------------------------

_CONFIGURED = object()


_recent: "OrderedDict[tuple[str, str], np.ndarray]" = OrderedDict()
RECENT = 2048  # embeddings kept in memory (by digest, never the words): repeated texts are free
_recent_lock = threading.Lock()


def _embed(encoder, text: str) -> np.ndarray:
    key = (encoder.name, hashlib.sha256(text.encode("utf-8")).hexdigest())
    vector = _recent.get(key)
    if vector is None:
        vector = encoder.embed(text)
        with _recent_lock:
            _recent[key] = vector
            while len(_recent) > RECENT:
                _recent.popitem(last=False)
    return vector


def mode_for(trained: dict, encoder) -> str:
    if encoder is None or trained.get("head") is None:
        return FALLBACK
    if trained["encoder"] != encoder.name:
        if trained["encoder"] not in _warned:
            _warned.add(trained["encoder"])
            logger.warning("The risk model was trained for another encoder: run `make`")
        return FALLBACK
    return FULL


def decide(found: risk.Scan, probs: dict[str, float], thresholds: dict) -> risk.Assessment:
    """The level, the review flag and the reasons, from the patterns and the stacked
    probabilities."""
    score = probs.get(risk.URGENT, 0.0)
    care = score + probs.get(risk.ELEVATED, 0.0)
    urgent = bool(found.tier1) or score >= thresholds["urgent"]
    review = urgent or bool(found.urgent) or score >= thresholds["review"]
    if urgent:
        level = risk.URGENT
    elif review or found.elevated or care >= thresholds["elevated"]:
        level = risk.ELEVATED
    else:
        level = risk.NONE
    reasons = found.reasons
    named_crisis = bool(found.tier1 or found.urgent)
    if urgent and not named_crisis:
        reasons.append(f"reads like messages from people in crisis (model, {score:.0%})")
    elif review and not named_crisis:
        reasons.append(f"may be a crisis: worth a second look (model, {score:.0%})")
    elif level == risk.ELEVATED and not found.elevated and not named_crisis:
        reasons.append(f"reads like messages from people who are struggling (model, {care:.0%})")
    return risk.Assessment(level, reasons, found.dismissed, review, round(float(score), 4))


def probabilities(text: str, trained: dict | None = None, encoder=_CONFIGURED) -> dict:
    """The stacked probabilities of each level for one text."""
    trained = trained if trained is not None else get_model()
    encoder = encoders.get_encoder() if encoder is _CONFIGURED else encoder
    return _stacked(text, risk.scan(text), trained, encoder)[0]


def _stacked(text: str, found: risk.Scan, trained: dict, encoder):
    mode = mode_for(trained, encoder)
    text = text[:20_000]
    ngram = trained["ngram"]
    ngram_cols = _columns(ngram, ngram.predict_proba([risk.normalise(text)]))
    head_cols = None
    if mode == FULL:
        vector = _embed(encoder, encoder_input(text, ngram))
        head_cols = _columns(trained["head"], trained["head"].predict_proba(vector[None, :]))
    stacker = trained["stackers"][mode]
    features = _features(np.array([pattern_features(found)]), ngram_cols, head_cols)
    probs = stacker.predict_proba(features)[0]
    return dict(zip(stacker.classes_, probs.tolist(), strict=True)), mode


def assess(text: str, context: str = "", model=None, encoder=_CONFIGURED) -> risk.Assessment:
    """Assess one text: patterns, n-gram model and (when it loads) the sentence encoder,
    stacked. `model` is a trained dict (default: the production one); `encoder` defaults to
    the configured one (None: as if it could not load)."""
    found = risk.scan(text)
    if not text or not text.strip():
        return risk.Assessment(risk.NONE, [])
    trained = model if model is not None else get_model()
    encoder = encoders.get_encoder() if encoder is _CONFIGURED else encoder
    probs, mode = _stacked(text, found, trained, encoder)
    return decide(found, probs, trained["thresholds"][mode])


def evaluate(rows: list[dict], trained: dict | None = None, encoder=_CONFIGURED, threads=2):
    """Stacked probabilities for many labelled rows at once, as `assess` would give them one by
    one (the embeddings of committed data come from the cache under var/). Returns the pattern
    flags, the probabilities, the mode and the classes, for `measure`."""
    from threadpoolctl import threadpool_limits  # lazy: evaluation only

    trained = trained if trained is not None else get_model()
    encoder = encoders.get_encoder() if encoder is _CONFIGURED else encoder
    mode = mode_for(trained, encoder)
    texts = [r["text"][:20_000] for r in rows]
    flags = np.array([pattern_features(risk.scan(t)) for t in texts])
    ngram = trained["ngram"]
    with threadpool_limits(1):
        ngram_cols = _columns(ngram, ngram.predict_proba([risk.normalise(t) for t in texts]))
        head_cols = None
        if mode == FULL:
            inputs = [encoder_input(t, ngram) for t in texts]
            vectors = encoders.embed_all(encoder, inputs, threads=threads)
            head_cols = _columns(trained["head"], trained["head"].predict_proba(vectors))
        stacker = trained["stackers"][mode]
        probs = stacker.predict_proba(_features(flags, ngram_cols, head_cols))
    return flags, probs, mode, list(stacker.classes_)
