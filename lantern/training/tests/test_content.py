"""Reading course files: the starter course as shipped, and files that are wrong in the ways an
editor could get them wrong (each refused with where and why, before anything is written)."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lantern.training import content, loader
from lantern.training.content import CourseFileError
from lantern.training.models import Course

from .conftest import STARTER

HEADER = "---\ntitle: A course\nsummary: Short.\n---\n\n"
SCENARIO = """## scenario s1: A scenario
### situation
Someone writes.
### prompts
- What would you say?
### examples
- Hello.
### avoid
- Silence.
### handoff
Call 988.
"""


def test_the_starter_course_has_six_lessons_and_four_scenarios_in_both_languages():
    parsed = content.read_course(content.COURSES_DIR / STARTER)
    kinds = [p.kind for p in parsed.parts]
    assert kinds.count("lesson") == 6 and kinds.count("scenario") == 4
    for part in parsed.parts:
        assert set(part.content) == {"en", "es"}
        for words in part.content.values():
            wanted = (
                {"title", "body"}
                if part.kind == "lesson"
                else {
                    "title",
                    *content.SCENARIO_SECTIONS,
                }
            )
            assert set(words) == wanted and all(words.values())


def test_the_starter_course_says_what_a_peer_must_know():
    parsed = content.read_course(content.COURSES_DIR / STARTER)
    en = " ".join(" ".join(p.content["en"].values()) for p in parsed.parts)
    es = " ".join(" ".join(p.content["es"].values()) for p in parsed.parts)
    must_say = ("988", "911", "press 2", "AYUDA", "naloxone", "Never use alone", "recovery")
    for words in must_say:
        assert words.lower() in en.lower(), words
    assert "does not put the idea in someone" in en
    for words in ("988", "911", "oprime 2", "AYUDA", "naloxona", "Nunca consumir a solas"):
        assert words.lower() in es.lower(), words
    assert "persona de apoyo" in parsed.header["es"]["summary"].lower() or "personas de apoyo" in (
        parsed.header["es"]["summary"].lower()
    )
    assert "de turno" in es and "especialista" in es and "pedido de apoyo" in es


def test_links_to_lanterns_own_pages_are_resolved():
    parsed = content.read_course(content.COURSES_DIR / STARTER)
    handing_off = next(p for p in parsed.parts if p.key == "handing-off")
    assert 'href="/help/"' in handing_off.content["en"]["body"]
    assert 'href="/safety/reach-out/"' in handing_off.content["es"]["body"]
    assert "{url:" not in handing_off.content["en"]["body"]


def test_markup_in_a_course_file_cannot_become_script():
    _header, parts = content.parse(
        HEADER
        + "## lesson l1: A lesson\n<script>alert(1)</script>\n\n"
        + "[click](javascript:alert(1)) <img src=x onerror=alert(1)> ![x](http://t.example/x.png)"
        + " [ok](https://988lifeline.org/)\n"
    )
    body = parts[0].content["body"]
    assert "<script" not in body and "<img" not in body and 'href="javascript' not in body
    assert "&lt;script&gt;" in body  # shown as words, never run
    assert 'href="https://988lifeline.org/"' in body and 'rel="noopener noreferrer"' in body


def test_a_scenario_needs_every_section():
    text = HEADER + SCENARIO.replace("### avoid\n- Silence.\n", "")
    with pytest.raises(CourseFileError, match="s1 needs its avoid"):
        content.parse(text, "x/en")


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("## lesson l1: A\nText\n", "start with a header"),
        ("---\ntitle: A\n", "no closing ---"),
        ("---\nsummary: no title\n---\n## lesson l1: A\nText\n", "needs a title"),
        ("---\ntitle: A\ncolour: blue\n---\n## lesson l1: A\nText\n", "unknown header line"),
        (HEADER, "at least one part"),
        (HEADER + "Stray words\n## lesson l1: A\nText\n", "text before the first part"),
        (HEADER + "## lesson l1: A\nText\n## lesson l1: B\nText\n", "used twice"),
        (HEADER + "## lesson l1: A\n# Big heading\n", "heading Lantern does not know"),
        (HEADER + "## lesson l1: A\n\n", "needs its body"),
        (HEADER + "## scenario s1: A\nWords first\n", "text before its first ###"),
    ],
)
def test_a_file_that_is_not_a_course_is_refused_with_why(text, problem):
    with pytest.raises(CourseFileError, match=problem):
        content.parse(text, "x/en")


def _write(folder, language, text):
    folder.mkdir(exist_ok=True)
    (folder / f"course.{language}.md").write_text(text, encoding="utf-8")


def test_every_language_must_have_the_same_parts_as_the_english(tmp_path):
    folder = tmp_path / "mini"
    _write(folder, "en", HEADER + "## lesson l1: A\nText\n\n" + SCENARIO)
    _write(folder, "es", HEADER + "## lesson l1: A\nTexto\n")
    with pytest.raises(CourseFileError, match="mini/es: the parts differ"):
        content.read_course(folder)


def test_a_course_needs_an_english_file(tmp_path):
    folder = tmp_path / "mini"
    _write(folder, "es", HEADER + "## lesson l1: A\nTexto\n")
    with pytest.raises(CourseFileError, match=r"course\.en\.md"):
        content.read_course(folder)


def test_a_broken_file_writes_nothing(db, tmp_path):
    folder = tmp_path / "mini"
    _write(folder, "en", HEADER + "## lesson l1: A\n")
    with pytest.raises(CourseFileError):
        loader.load_all(tmp_path)
    assert not Course.objects.exists()


def test_a_course_in_english_only_is_read_in_english_by_everyone(people, signed_in, tmp_path):
    folder = tmp_path / "mini"
    _write(folder, "en", "---\ntitle: English only\nminutes: ten\n---\n## lesson l1: A\nText\n")
    loader.load_all(tmp_path)
    course = Course.objects.get(slug="mini")
    assert course.content["en"]["minutes"] == 0  # not a number: left out
    page = signed_in(people.river).get(course.get_absolute_url(), headers={"accept-language": "es"})
    assert "English only" in page.content.decode()


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=300))
def test_whatever_a_file_says_only_allowed_markup_comes_out(text):
    html = content.render(text)
    tags = {tag.lower() for tag in re.findall(r"</?\s*([a-zA-Z][a-zA-Z0-9]*)", html)}
    assert tags <= content.ALLOWED_TAGS
    for tag in re.findall(r"<[^>]*>", html):
        assert not re.search(r"\son\w+\s*=", tag)  # no event handlers
        assert "javascript:" not in tag.lower()
