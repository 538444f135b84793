"""Assessments as data: an instrument loaded from a file scores correctly, reverse-scored items
turned round and missing answers prorated (or no score when too many are missing)."""

import json

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import translation

from lantern.core.errors import Refused
from lantern.support import instruments, services
from lantern.support.models import Assessment

pytestmark = pytest.mark.django_db

FOUR_ITEMS = {
    "title": {"en": "Test scale", "es": "Escala de prueba"},
    "options": [{"value": v, "label": str(v)} for v in (1, 2, 3, 4, 5)],
    "items": [
        {"id": "a", "text": "One"},
        {"id": "b", "text": "Two", "reverse": True},
        {"id": "c", "text": "Three"},
        {"id": "d", "text": "Four", "reverse": True},
    ],
    "subscales": {"first": {"label": "First", "items": ["a", "b"], "max_missing": 0}},
    "missing": {"max_missing": 1},
    "bands": [
        {"min": 4, "max": 11.9, "label": "low"},
        {"min": 12, "max": 20, "label": "high"},
    ],
}


@pytest.fixture
def org_instruments(tmp_path, settings):
    """An organisation's own instrument file in its own directory: no code changes."""
    (tmp_path / "org-scale.json").write_text(json.dumps(FOUR_ITEMS))
    settings.LANTERN_SUPPORT_INSTRUMENT_DIRS = [str(tmp_path)]
    return tmp_path


def test_an_instrument_from_a_file_is_offered_and_scored(org_instruments):
    scale = instruments.get("org-scale")
    assert scale is not None and scale.name() == "Test scale"
    # a=5, b=1 reversed → 5, c=5, d=1 reversed → 5
    result = scale.score({"a": 5, "b": 1, "c": 5, "d": 1})
    assert result.total == 20
    assert result.band == "high"
    assert result.subscores == {"first": 10}
    result = scale.score({"a": 1, "b": 5, "c": 1, "d": 5})
    assert result.total == 4 and result.band == "low"


def test_missing_answers_are_prorated_within_the_allowance(org_instruments):
    scale = instruments.get("org-scale")
    # one missing (allowed): mean of answered (5 + 5 + 2) / 3 = 4 → 16
    result = scale.score({"a": 5, "b": 1, "c": None, "d": 4})
    assert result.missing == 1
    assert result.total == 16.0
    # the subscale allows none missing
    assert scale.score({"a": 5, "b": None, "c": 3, "d": 3}).subscores == {"first": None}
    # two missing: over the allowance, no score
    result = scale.score({"a": 5, "b": None, "c": None, "d": 4})
    assert result.total is None and not result.scored and result.band == ""


def test_an_answer_not_on_the_scale_is_refused(org_instruments):
    with pytest.raises(ValueError):
        instruments.get("org-scale").score({"a": 9})


def test_a_broken_instrument_file_says_what_is_wrong(tmp_path):
    (tmp_path / "broken.json").write_text(json.dumps({"title": "x", "options": []}))
    with pytest.raises(ImproperlyConfigured, match="broken"):
        instruments.load_file(tmp_path / "broken.json")


def test_lanterns_own_check_in_reverses_the_craving_item():
    wellbeing = instruments.get("lantern-wellbeing")
    best = {"w1": 4, "w2": 4, "w3": 4, "w4": 0, "w5": 4, "w6": 4}
    assert wellbeing.score(best).total == 24
    worst = {"w1": 0, "w2": 0, "w3": 0, "w4": 4, "w5": 0, "w6": 0}
    assert wellbeing.score(worst).total == 0
    with translation.override("es"):
        assert wellbeing.name() == "Chequeo de bienestar en la recuperación de Lantern"
        assert wellbeing.items[0].label() == "Me sentí con esperanza sobre mi recuperación."


def test_the_recovery_capital_scale_scores_10_to_60():
    scale = instruments.get("recovery-capital-10")
    assert (scale.min_total, scale.max_total) == (10, 60)
    assert scale.score({f"rc{n}": 6 for n in range(1, 11)}).total == 60
    eight = {f"rc{n}": 3 for n in range(1, 9)}
    assert scale.score(eight).total == 30.0  # two missing, prorated


def test_a_specialist_records_an_assessment_and_sees_the_chart(people, signed_in, engagement):
    casey = signed_in(people.casey)
    url = reverse("support-assessment-new", args=[engagement.pk, "lantern-wellbeing"])
    assert casey.get(url).status_code == 200
    answers = {"w1": "3", "w2": "4", "w3": "2", "w4": "1", "w5": "4"}  # w6 left out
    response = casey.post(url, answers)
    assert response.status_code == 302
    assessment = Assessment.objects.get()
    # 3 + 4 + 2 + (4 - 1) + 4 = 16 over five answers, prorated to six: 19.2
    assert assessment.score == 19.2
    assert assessment.answer_map["w6"] is None
    page = casey.get(reverse("support-assessments", args=[engagement.pk]))
    assert b"<svg" in page.content and b"19.2" in page.content


def test_an_empty_assessment_is_refused(people, engagement):
    with pytest.raises(Refused):
        services.record_assessment(people.casey, engagement, "lantern-wellbeing", {})


def test_texts_fall_back_to_english_and_plain_strings_work(org_instruments):
    scale = instruments.get("org-scale")
    with translation.override("fr"):
        assert scale.name() == "Test scale"
    with translation.override("es"):
        assert scale.name() == "Escala de prueba"
        assert scale.items[0].label() == "One"  # a plain string is the same in every language


def test_band_edges(org_instruments):
    scale = instruments.get("org-scale")
    assert scale.band_for(11.9) == "low"
    assert scale.band_for(12) == "high"
    assert scale.band_for(None) == ""
    assert scale.band_for(25) == ""


def test_a_subscale_naming_an_unknown_item_is_refused(tmp_path):
    data = {**FOUR_ITEMS, "subscales": {"x": {"label": "X", "items": ["zz"]}}}
    (tmp_path / "bad-sub.json").write_text(json.dumps(data))
    with pytest.raises(ImproperlyConfigured, match="subscale"):
        instruments.load_file(tmp_path / "bad-sub.json")


def test_duplicate_item_ids_are_refused(tmp_path):
    data = {**FOUR_ITEMS, "items": [{"id": "a", "text": "x"}, {"id": "a", "text": "y"}]}
    (tmp_path / "dup.json").write_text(json.dumps(data))
    with pytest.raises(ImproperlyConfigured, match="unique"):
        instruments.load_file(tmp_path / "dup.json")


def test_the_shipped_instruments_all_load_with_both_languages():
    found = instruments.available()
    assert {"lantern-wellbeing", "recovery-capital-10"} <= set(found)
    for instrument in found.values():
        for language in ("en", "es"):
            assert instrument.name(language)
            assert all(item.label(language) for item in instrument.items)
            assert all(label for _value, label in instrument.option_choices(language))


def test_the_assessment_form_renders_in_spanish(people, signed_in, engagement):
    casey = signed_in(people.casey)
    casey.post(reverse("core-language"), {"language": "es", "next": "/"})
    url = reverse("support-assessment-new", args=[engagement.pk, "lantern-wellbeing"])
    page = casey.get(url)
    assert "Me sentí con esperanza sobre mi recuperación.".encode() in page.content
