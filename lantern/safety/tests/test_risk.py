"""The risk assessment, on hard cases and on the labelled sets in lantern/safety/data/.

Training data: risk_tune_a/b/c (the patterns were tuned on them, one after the other),
risk_tune_d (forum and chat replies) and risk_blind. Evaluation only, never trained or tuned on:
risk_blind_2 (everyday writing), risk_blind_3 (boundary pairs) and risk_blind_4 (1,200 messages
by three more authors, a third in Spanish). The thresholds were fixed by cross-validation on the
training data before these were scored; the floors below hold the measured level (a little
under it, for the noise of retraining) so it cannot slip unnoticed. `make bench` writes the
whole table, with intervals, to docs/benchmarks.md; docs/safety.md says which targets are met.
"""

import json
from pathlib import Path

import pytest

from lantern.safety import model
from lantern.safety.risk import ELEVATED, NONE, URGENT, assess, scan

DATA = model.DATA_DIR


@pytest.fixture(scope="module")
def production():
    """The model trained by `make` under var/ (trained here once if it is missing)."""
    return model.get_model()


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
def test_a_crisis_is_urgent(text, production):
    result = assess(text)  # the patterns alone
    assert result.level == URGENT
    assert result.reasons  # every flag says why
    stacked = model.assess(text, model=production)
    assert stacked.level == URGENT and stacked.review


# Written for the new high-precision families from what people in crisis say (never from the
# evaluation sets): each goes straight to tier 1.
TIER_1 = [
    # a plan or the means at hand
    "i bought a rope today",
    "i have the pills saved up for tonight",
    "i googled how many tylenol it would take to die",
    "friday is my last day, i set the date to do it",
    "this is my last check-in",
    "i wrote goodbye letters to my kids",
    "i'm giving away my cat and all my stuff",
    "who will take care of my dog when i'm gone",
    "compré una soga",
    "estoy juntando pastillas para esta noche",
    "este es mi último mensaje",
    "escribí una carta de despedida para mi familia",
    "regalé a mi perro y todas mis cosas",
    # an overdose under way
    "took all my methadone",
    "i just took 30 of my xanax",
    "blacking out alone and nobody is here",
    "i think i'm overdosing",
    "me tomé todas las pastillas",
    "me tomé todo el frasco",
    # dangerous alcohol withdrawal
    "i've been shaking and seeing things that aren't there",
    "stopped drinking three days ago and now i'm hallucinating",
    "i think i'm getting the dts",
    "estoy temblando y viendo cosas que no están",
    # someone else's emergency
    "she won't pick up and she texted me goodbye",
    "he isn't breathing",
    "i can't wake him up",
    "my friend said she wants to die",
    "no respira, qué hago",
    "mi amiga no contesta y me mandó un mensaje de despedida",
    # an explicit wish to die, suicide named as an option
    "i wish i was dead",
    "suicide seems like the only option",
    "i keep thinking about killing myself",
    "would anyone care if i died",
    "maybe i just kill myself",
    "pienso en el suicidio",
    "el suicidio parece la única salida",
    "ojalá no despertar mañana",
]


@pytest.mark.parametrize("text", TIER_1)
def test_the_high_precision_families_go_straight_to_tier_1(text, production):
    assert scan(text).tier1, scan(text)
    result = model.assess(text, model=production)
    assert (result.level, result.review) == (URGENT, True)


@pytest.mark.parametrize(
    "text",
    [
        "I'm not going to kill myself, I promise",
        "suicide is never the answer",
        "suicide is a permanent solution to a temporary problem",
        "i wrote a goodbye letter to alcohol in group today",
        "took all my meds this morning like i'm supposed to",
        "i need to find a new home for my dog because my landlord said no pets",
        "gave away my old clothes to goodwill",
        "this is my last post for a while, taking a break from social media",
        "tomorrow is the day i get my one year chip!",
        "i'm gonna die if this meeting runs long lol",
        "i'm ready to die on this hill",
        "my sponsor isn't answering, gonna call someone else",
        "seizing the day!",
        "my son won't wake up for school lol",
        "my dad wanted to die after mom passed, he's better now",
        "if someone says they want to die, call 988",
        "me voy a morir de hambre",
        "escribí una carta de despedida al alcohol",
        "counting my pills for the week into the organizer",
        "had a seizure years ago from drinking, never again",
    ],
)
def test_near_misses_are_not_tier_1(text):
    assert not scan(text).tier1, scan(text)


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
def test_ordinary_writing_is_not_flagged_by_the_patterns(text):
    assert assess(text).level == NONE


@pytest.mark.parametrize(
    "text",
    [
        "I killed it at my interview today!",
        "this cake is to die for",
        "check-in: mood 7/10, cravings 0/10",
        "me muero de risa",
        "grateful for my home group",
        "",
    ],
)
def test_ordinary_writing_is_not_urgent_or_queued(text, production):
    result = model.assess(text, model=production)
    assert result.level != URGENT and not result.review


def test_reasons_name_the_phrase_that_caused_the_flag():
    result = assess("honestly i just want to die")
    assert result.reasons == ["suicidal thoughts or intent: “want to die”"]


def test_very_long_text_is_assessed_without_trouble(production):
    text = "grateful for today. " * 5000 + "i want to die"
    assert assess(text).level in (NONE, URGENT)  # only the first 20,000 characters are read
    assert assess("i want to die. " + "grateful. " * 5000).level == URGENT
    assert model.assess("i want to die. " + "grateful. " * 5000, model=production).is_urgent


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
    }


@pytest.mark.parametrize("name", ["risk_tune_a", "risk_tune_b", "risk_tune_c"])
def test_the_patterns_still_meet_the_targets_on_the_sets_they_were_tuned_on(name):
    """A regression guard, not evidence: these are the sets the patterns were tuned on."""
    result = rates(DATA / f"{name}.jsonl")
    assert result["urgent_recall"] >= 0.97, result
    assert result["ordinary_flagged_urgent"] <= 0.03, result
    assert result["elevated_recall"] >= 0.85, result


def measured(name, production, encoder="configured"):
    rows = model.load_rows([name])
    if encoder == "configured":
        flags, probs, mode, classes = model.evaluate(rows, production)
    else:
        flags, probs, mode, classes = model.evaluate(rows, production, encoder)
    result = model.measure(
        flags,
        probs,
        [r["level"] for r in rows],
        [r["lang"] for r in rows],
        production["thresholds"][mode],
        classes,
    )
    return {
        lang: {key: hits / total for key, (hits, total) in values.items()}
        for lang, values in result.items()
    }


# (crises found by tier 1, ordinary messages flagged tier 1, crises found by tier 1 or review,
# ordinary messages queued for review, elevated messages caught), each a little under (or over)
# what the production model measured (docs/benchmarks.md). Targets in brackets where missed.
FLOORS = {
    # Measured 0.92 / 2.5 % / 0.98 / 9.2 % / 0.98: the everyday targets are met.
    "risk_blind_2.jsonl": (0.90, 0.04, 0.95, 0.11, 0.95),
    # Measured 0.85 / 10.0 % [≤ 5 %] / 0.90 [≥ 0.93] / 18.6 % / 0.88.
    "risk_blind_3.jsonl": (0.82, 0.12, 0.87, 0.21, 0.85),
    # Measured 0.64 [≥ 0.92] / 4.8 % [≤ 3 %] / 0.83 [≥ 0.97] / 13.3 % [≤ 12 %] / 0.82 [≥ 0.90]:
    # most of its crises are said indirectly, in words no pattern names and few training
    # messages resemble (see docs/safety.md).
    "risk_blind_4.jsonl": (0.61, 0.06, 0.80, 0.15, 0.79),
}


@pytest.mark.parametrize("name", model.EVALUATION_FILES)
def test_on_writing_never_trained_or_tuned_on_the_safety_net_holds_its_measured_level(
    name, production
):
    urgent, false_urgent, reviewed, queued, elevated = FLOORS[name]
    result = measured(name, production)["all"]
    assert result["urgent_tier1"] >= urgent, result
    assert result["ordinary_tier1"] <= false_urgent, result
    assert result["urgent_reviewed"] >= reviewed, result
    assert result["ordinary_reviewed"] <= queued, result
    assert result["elevated_caught"] >= elevated, result


def test_spanish_crises_are_found_about_as_often_as_english_ones(production):
    # Measured English minus Spanish tier-1 recall: 0.03 on blind_4 (100 Spanish crises) and
    # 0.05 on blind_2 (27); 0.08 on blind_3 (24 Spanish crises, too few to tell).
    for name in ("risk_blind_4.jsonl", "risk_blind_2.jsonl"):
        result = measured(name, production)
        gap = result["en"]["urgent_tier1"] - result["es"]["urgent_tier1"]
        assert gap <= 0.05 + 1e-9, (name, result)


def test_the_encoder_adds_to_what_patterns_and_n_grams_find(production):
    # Measured on blind_4: 0.64 / 0.83 with it, 0.60 / 0.80 without; on blind_2 it halves the
    # false alarms (2.5 % against 5.0 %) at a higher recall.
    both = measured("risk_blind_4.jsonl", production)["all"]
    without = measured("risk_blind_4.jsonl", production, encoder=None)["all"]
    assert both["urgent_reviewed"] > without["urgent_reviewed"], (both, without)
    assert both["urgent_tier1"] > without["urgent_tier1"], (both, without)
    both = measured("risk_blind_2.jsonl", production)["all"]
    without = measured("risk_blind_2.jsonl", production, encoder=None)["all"]
    assert both["ordinary_tier1"] < without["ordinary_tier1"], (both, without)


@pytest.mark.parametrize(
    "text",
    [
        "Thank you for sharing, that took courage.",
        "Great work on the worksheet, sam. Keep going.",
        "gracias por compartir, aquí estamos contigo",
        "I relate so much to this.",
    ],
)
def test_kind_replies_in_a_group_are_not_crises(text, production):
    """Every post is assessed; a kind reply read as a crisis would be held and alert staff.
    (Some go to the "needs a look" queue: "I relate so much to this" scores about 0.3, over the
    review threshold; the queue's budget is what keeps that rare.)"""
    assert model.assess(text, model=production).level != URGENT


def test_the_evaluation_sets_are_big_enough_and_varied():
    rows = model.load_rows(model.ALL_FILES + model.EVALUATION_FILES)
    assert len(rows) >= 3000
    assert {row["level"] for row in rows} == {URGENT, ELEVATED, NONE}
    assert sum(row["lang"] == "es" for row in rows) >= 0.25 * len(rows)
    assert len({row["id"] for row in rows}) == len(rows)
    newest = model.load_rows(["risk_blind_4.jsonl"])
    assert sum(r["level"] == URGENT for r in newest) >= 300  # 0.90 and 0.97 can be told apart
