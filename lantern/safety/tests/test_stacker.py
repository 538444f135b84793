"""How the stacked model is trained and how it decides.

The stacker learns how far to trust the patterns and the two models only from messages the
patterns were never tuned on (risk_tune_d, risk_blind), on out-of-fold predictions: no model's
output for a message comes from a model that saw it. The thresholds come from a nested
cross-validation of the stacker, against budgets under the issue's targets. Training here uses a
small stand-in encoder (hashed character trigrams), so no sentence is embedded twice.
"""

import hashlib

import numpy as np
import pytest
from django.test import override_settings

from lantern.safety import model, risk
from lantern.safety.risk import ELEVATED, NONE, URGENT

THRESHOLDS = {"urgent": 0.5, "review": 0.2, "elevated": 0.4}


class TrigramEncoder:
    name = "trigram-test-encoder"
    dim = 64

    def embed(self, text):
        vector = np.zeros(self.dim, dtype=np.float32)
        text = f"  {text.lower()}  "
        for i in range(len(text) - 2):
            digest = hashlib.blake2s(text[i : i + 3].encode(), digest_size=2).digest()
            vector[int.from_bytes(digest, "big") % self.dim] += 1
        return vector / max(float(np.linalg.norm(vector)), 1e-6)


@pytest.fixture(scope="module")
def small_training():
    """The stacker's rows in full, a slice of the rows the patterns were tuned on."""
    return model.load_rows(model.STACKER_FILES) + model.load_rows(model.TUNING_FILES)[::6]


def test_no_model_predicts_a_message_it_was_trained_on(small_training, monkeypatch, tmp_path):
    built, stacked = [], []
    original_build, original_stacker = model.build, model.build_stacker
    normal = [risk.normalise(r["text"][:20_000]) for r in small_training]
    twice = {t for t in normal if normal.count(t) > 1}  # the same words in two sets

    def watched_build(rows):
        fitted = original_build(rows)
        built.append(len(rows))
        if len(rows) < len(small_training):  # a fold's model, not the final one
            seen = {risk.normalise(r["text"][:20_000]) for r in rows} - twice
            predict = fitted.predict_proba

            def predict_unseen(texts):
                assert not seen & set(texts), "a model predicted a message it was trained on"
                return predict(texts)

            fitted.predict_proba = predict_unseen
        return fitted

    def watched_stacker(features, levels):
        stacked.append(len(features))
        return original_stacker(features, levels)

    monkeypatch.setattr(model, "build", watched_build)
    monkeypatch.setattr(model, "build_stacker", watched_stacker)
    with override_settings(VAR_DIR=tmp_path):
        trained = model.fit(small_training, TrigramEncoder(), threads=1)

    stacker_rows = sum(r["file"] in model.STACKER_FILES for r in small_training)
    assert trained["stacker_rows"] == stacker_rows < len(small_training)
    # The final n-gram model on everything, then one per fold and repeat.
    assert len(built) == 1 + model.FOLDS * model.REPEATS
    # The stackers see only the rows the patterns were not tuned on: within the nested
    # cross-validation a fold's share of them, and at the end all of them, once per repeat.
    assert stacked[-1] == model.REPEATS * stacker_rows
    assert all(n < stacker_rows for n in stacked[:-1] if n != stacked[-1])
    assert set(trained["stackers"]) == {model.FULL, model.FALLBACK}
    assert trained["stackers"][model.FULL].n_features_in_ == 8  # 4 pattern flags + 2 + 2
    assert trained["stackers"][model.FALLBACK].n_features_in_ == 6


def test_the_stacker_refuses_to_learn_from_the_patterns_own_tuning_data(tmp_path):
    rows = model.load_rows(model.TUNING_FILES)
    with override_settings(VAR_DIR=tmp_path), pytest.raises(ValueError, match="not tuned on"):
        model.fit(rows, None)


def test_thresholds_are_the_lowest_within_each_budget():
    rng = np.random.default_rng(14)
    levels = np.array([NONE] * 400 + [URGENT] * 100 + [ELEVATED] * 100)
    score = np.concatenate([rng.uniform(0, 0.6, 400), rng.uniform(0.3, 1, 100), np.full(100, 0.1)])
    care = np.concatenate([score[:400] + 0.1, score[400:500], rng.uniform(0.2, 0.9, 100)])
    classes = [ELEVATED, NONE, URGENT]
    probs = np.stack([care - score, 1 - care, score], axis=1)
    flags = np.zeros((600, 4))
    flags[:4, :2] = 1  # four ordinary messages hit a tier-1 pattern
    chosen = model.choose_thresholds(flags, probs, levels, classes)
    urgent, review, flagged = model._decisions(flags, probs, chosen, classes)
    none = levels == NONE
    assert urgent[none].mean() <= model.BUDGETS["urgent"]
    assert review[none].mean() <= model.BUDGETS["review"]
    assert flagged[none].mean() <= model.BUDGETS["elevated"]
    assert chosen["review"] <= chosen["urgent"]
    # Lowest: one step further would break the budget.
    lower = max(s for s in score if s < chosen["urgent"])
    assert (
        model._decisions(flags, probs, {**chosen, "urgent": lower}, classes)[0][none].mean()
        > (model.BUDGETS["urgent"])
    )


def probs(urgent, elevated=0.0):
    return {URGENT: urgent, ELEVATED: elevated, NONE: 1 - urgent - elevated}


def test_a_tier_1_pattern_is_urgent_whatever_the_score():
    found = risk.scan("i bought a rope today")
    assert found.tier1
    result = model.decide(found, probs(0.01), THRESHOLDS)
    assert (result.level, result.review) == (URGENT, True)
    assert result.reasons == ["a plan or the means at hand: “bought a rope”"]


def test_any_other_crisis_phrase_is_never_below_review():
    found = risk.scan("nobody would even notice if i was gone")
    assert found.urgent and not found.tier1
    result = model.decide(found, probs(0.01), THRESHOLDS)
    assert (result.level, result.review) == (ELEVATED, True)
    assert result.score == 0.01


def test_no_veto_a_dismissed_phrase_does_not_hold_back_the_model():
    found = risk.scan("I'm not going to kill myself. I just want everything to stop")
    assert found.dismissed and not found.tier1
    result = model.decide(found, probs(0.9), THRESHOLDS)
    assert (result.level, result.review) == (URGENT, True)
    assert "reads like messages from people in crisis (model, 90%)" in result.reasons


def test_review_between_the_two_thresholds():
    result = model.decide(risk.Scan(), probs(0.3), THRESHOLDS)
    assert (result.level, result.review) == (ELEVATED, True)
    assert result.reasons == ["may be a crisis: worth a second look (model, 30%)"]


def test_elevated_without_review_and_none():
    struggling = model.decide(risk.Scan(), probs(0.1, 0.4), THRESHOLDS)
    assert (struggling.level, struggling.review) == (ELEVATED, False)
    assert struggling.reasons == ["reads like messages from people who are struggling (model, 50%)"]
    fine = model.decide(risk.Scan(), probs(0.1, 0.1), THRESHOLDS)
    assert (fine.level, fine.review, fine.reasons) == (NONE, False, [])


@pytest.fixture(scope="module")
def production():
    return model.get_model()


def test_a_long_text_is_read_by_the_encoder_where_it_is_most_worrying(production):
    text = (
        "Grateful for the meeting tonight. " * 10
        + "I have the pills counted out and tonight is the night. "
        + "The coffee was good and the chairs were comfy. " * 10
    )
    window = model.encoder_input(text, production["ngram"])
    assert len(window) <= model.ENCODER_MAX_CHARS
    assert "pills counted out" in window
    assert model.encoder_input("short and sweet", production["ngram"]) == "short and sweet"


def test_batch_evaluation_gives_what_assess_gives_one_by_one(production):
    rows = model.load_rows([model.FORUM_FILE])[::10]
    flags, probs_, mode, classes = model.evaluate(rows, production)
    assert mode == model.FULL
    thresholds = production["thresholds"][mode]
    urgent, review, _ = model._decisions(flags, probs_, thresholds, classes)
    for row, p, u, r in zip(rows, probs_, urgent, review, strict=True):
        one = model.assess(row["text"], model=production)
        assert one.score == pytest.approx(p[classes.index(URGENT)], abs=1e-4)
        assert (one.level == URGENT, one.review) == (bool(u), bool(r))


def test_every_pattern_hit_in_the_labelled_data_is_at_least_reviewed(production):
    rows = model.load_rows(model.ALL_FILES)
    flags, probs_, mode, classes = model.evaluate(rows, production)
    urgent, review, _ = model._decisions(flags, probs_, production["thresholds"][mode], classes)
    hit = flags[:, 1] > 0
    assert hit.sum() > 100
    assert review[hit].all()
    assert urgent[flags[:, 0] > 0].all()
