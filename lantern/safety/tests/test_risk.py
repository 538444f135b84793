"""The risk assessment, on hard cases and on the labelled sets in lantern/safety/data/.

Four sets, 931 messages, each written by a different author who saw neither the code nor the
other sets. risk_tune_a/b/c were then used to tune the patterns, one after the other; after each,
a new blind set showed how little the tuning carried over (urgent recall on unseen writing
0.70, 0.60, then 0.39). risk_blind.jsonl was never used for tuning the patterns.

The issue's targets: urgent recall >= 0.97; ordinary messages flagged urgent <= 3 %; elevated
or urgent recall on elevated messages >= 0.85. The patterns meet them on the sets they were tuned
on (a regression guard, not evidence). On the blind set, patterns plus the learned model
(trained without it) reach about 0.74 / 1.7 % / 0.70: the targets are NOT met on writing the
system has not seen, and the floors below hold that measured level so it cannot slip unnoticed.
`make bench` writes the whole table to docs/benchmarks.md.
"""

import json
from pathlib import Path

import pytest

from lantern.safety import model
from lantern.safety.risk import ELEVATED, NONE, URGENT, assess

DATA = model.DATA_DIR


@pytest.mark.parametrize(
    "text",
    [
        "I want to kill myself",
        "i wanna die tonight",
        "kms fr",
        "thinking about sewerslide again",
        "I want to unalive myself",
        "i wish i could go to sleep and not wake up",
        "everyone would be better off without me",
        "wrote letters to my family and gave away my stuff",
        "took all my pills",
        "he's not breathing what do i do",
        "me quiero morir",
        "ya no quiero vivir",
        "estoy pensando en suisidarme",
        "mi papá está tirado en el piso y no responde",
        "Kill me now. Seriously, not joking. I want to be dead",
    ],
)
def test_a_crisis_is_urgent(text):
    result = assess(text)
    assert result.level == URGENT
    assert result.reasons  # every flag says why


@pytest.mark.parametrize(
    "text",
    [
        "I want to use so bad right now",
        "I drank last night after 90 days",
        "what's the point of trying",
        "im sitting outside my old dealers house",
        "recaí anoche",
        "tengo muchas ganas de tomar",
        "ando bien sola, nadie me contesta",
    ],
)
def test_risk_without_crisis_is_elevated(text):
    assert assess(text).level == ELEVATED


@pytest.mark.parametrize(
    "text",
    [
        "I'm not suicidal, just tired",
        "I killed it at my interview today!",
        "this cake is to die for",
        "my boss is gonna kill me lol",
        "lol im dead 😂",
        "I used to want to die every day. Today I'm grateful",
        "Two years ago I overdosed and woke up in the ER, now I sponsor others",
        "How do I help a friend who relapsed?",
        "no cravings today!",
        "check-in: mood 7/10, cravings 0/10",
        "always carry narcan",
        "me muero de risa",
        "no me quiero morir, solo estoy cansada",
        "the chorus of this song is 'i wanna die' and i can't stop singing it lol",
        "a year since my friend died by suicide. I planted a tree for her",
        "had a craving this morning but called my sponsor and it passed",
        "",
    ],
)
def test_ordinary_writing_is_not_flagged(text):
    assert assess(text).level == NONE


def test_reasons_name_the_phrase_that_caused_the_flag():
    result = assess("honestly i just want to die")
    assert result.reasons == ["suicidal thoughts or intent: “want to die”"]


def test_very_long_text_is_assessed_without_trouble():
    text = "grateful for today. " * 5000 + "i want to die"
    assert assess(text).level in (NONE, URGENT)  # only the first 20,000 characters are read
    assert assess("i want to die. " + "grateful. " * 5000).level == URGENT


def rates(path: Path, judge=assess) -> dict:
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    got = [(row["level"], judge(row["text"]).level) for row in rows]

    def share(expected, predicted):
        subset = [p for e, p in got if e == expected]
        return sum(p in predicted for p in subset) / len(subset)

    return {
        "n": len(rows),
        "urgent_recall": share(URGENT, {URGENT}),
        "ordinary_flagged_urgent": share(NONE, {URGENT}),
        "elevated_recall": share(ELEVATED, {ELEVATED, URGENT}),
        "ordinary_flagged_any": share(NONE, {URGENT, ELEVATED}),
    }


@pytest.mark.parametrize("name", ["risk_tune_a", "risk_tune_b", "risk_tune_c"])
def test_the_patterns_still_meet_the_targets_on_the_sets_they_were_tuned_on(name):
    result = rates(DATA / f"{name}.jsonl")
    assert result["urgent_recall"] >= 0.97, result
    assert result["ordinary_flagged_urgent"] <= 0.03, result
    assert result["elevated_recall"] >= 0.85, result


@pytest.fixture(scope="module")
def model_without_the_blind_set():
    return model.build(model.load_rows(model.TRAINING_FILES))


def test_on_writing_never_seen_the_model_adds_much_to_what_the_patterns_find(
    model_without_the_blind_set,
):
    blind = DATA / model.BLIND_FILE
    patterns = rates(blind)
    both = rates(blind, lambda text: model.assess(text, model=model_without_the_blind_set))
    # Measured: patterns 0.39 / 1.7 % / 0.44; with the model 0.64 / 1.7 % / 0.74 (0.72 before
    # the forum replies joined the training data; see docs/benchmarks.md).
    assert both["urgent_recall"] >= 0.60, both
    assert both["ordinary_flagged_urgent"] <= 0.03, both
    assert both["elevated_recall"] >= 0.65, both
    assert both["urgent_recall"] >= patterns["urgent_recall"] + 0.2


@pytest.mark.parametrize(
    "text",
    [
        "no me quiero morir, solo estoy cansada",
        "I'm not suicidal, just really tired today",
        "I used to want to die every day. Today I'm grateful",
    ],
)
def test_the_model_never_turns_a_dismissed_crisis_phrase_back_into_a_crisis(
    text, model_without_the_blind_set
):
    assert model.assess(text, model=model_without_the_blind_set).level != URGENT


@pytest.mark.parametrize(
    ("name", "urgent", "false_urgent", "elevated"),
    [
        # Measured with the production model: 0.88 / 4.2 % / 0.94 and 0.78 / 8.6 % / 0.75.
        ("risk_blind_2.jsonl", 0.83, 0.06, 0.85),
        ("risk_blind_3.jsonl", 0.75, 0.10, 0.70),
    ],
)
def test_the_production_model_on_sets_it_never_saw_holds_its_measured_level(
    name, urgent, false_urgent, elevated
):
    result = rates(DATA / name, lambda text: model.assess(text))
    assert result["urgent_recall"] >= urgent, result
    assert result["ordinary_flagged_urgent"] <= false_urgent, result
    assert result["elevated_recall"] >= elevated, result


def test_a_flag_from_the_model_says_it_came_from_the_model(model_without_the_blind_set):
    result = model.combine(assess("fine"), {URGENT: 0.8, ELEVATED: 0.1, NONE: 0.1})
    assert result.level == URGENT
    assert result.reasons == ["reads like messages from people in crisis (model, 80%)"]
    # The patterns' judgement is never lowered by the model.
    kept = model.combine(assess("i want to die"), {URGENT: 0.1, ELEVATED: 0.1, NONE: 0.8})
    assert kept.level == URGENT


@pytest.mark.parametrize(
    "text",
    [
        "Thank you for sharing, that took courage.",
        "Great work on the worksheet, sam. Keep going.",
        "gracias por compartir, aquí estamos contigo",
        "I relate so much to this.",
    ],
)
def test_kind_replies_in_a_group_are_not_crises(text):
    """Every post is assessed; a kind reply read as a crisis would be held and alert staff."""
    assert model.assess(text).level != URGENT


def test_the_evaluation_sets_are_big_enough_and_varied():
    rows = []
    for name in model.ALL_FILES + model.EVALUATION_FILES:
        rows += [json.loads(line) for line in (DATA / name).read_text().splitlines()]
    assert len(rows) >= 1500
    levels = {row["level"] for row in rows}
    assert levels == {URGENT, ELEVATED, NONE}
    assert sum(row["lang"] == "es" for row in rows) >= 0.2 * len(rows)
    assert len({row["id"] for row in rows}) == len(rows)
