"""The risk assessment, on hard cases and on the labelled evaluation sets in tests/data/.

risk_dev.jsonl and risk_validation.jsonl were written blind (without seeing the patterns) and
then used to tune them; risk_test.jsonl was written blind afterwards and never used for tuning.
The targets: urgent recall >= 0.97; ordinary messages flagged urgent <= 3 %; elevated or
urgent recall on elevated messages >= 0.85. `make bench` writes the table to
docs/benchmarks.md.
"""

import json
from pathlib import Path

import pytest

from lantern.safety.risk import ELEVATED, NONE, URGENT, assess

DATA = Path(__file__).parent / "data"


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


def rates(path: Path) -> dict:
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    got = [(row["level"], assess(row["text"]).level) for row in rows]

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
def test_the_evaluation_sets_meet_the_targets(name):
    path = DATA / f"{name}.jsonl"
    result = rates(path)
    assert result["urgent_recall"] >= 0.97, result
    assert result["ordinary_flagged_urgent"] <= 0.03, result
    assert result["elevated_recall"] >= 0.85, result


def test_the_evaluation_sets_are_big_enough_and_varied():
    rows = []
    for name in ["risk_tune_a", "risk_tune_b", "risk_tune_c"]:
        rows += [json.loads(line) for line in (DATA / f"{name}.jsonl").read_text().splitlines()]
    assert len(rows) >= 300
    levels = {row["level"] for row in rows}
    assert levels == {URGENT, ELEVATED, NONE}
    assert sum(row["lang"] == "es" for row in rows) >= 0.2 * len(rows)
    assert len({row["id"] for row in rows}) == len(rows)
