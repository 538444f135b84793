"""The program's page: what each kind's app adds (its panels) shows only on programs of that
kind; a panel can leave itself out for a reader; the page's links lead to the program's group
and its events; the staff see their tools and members do not."""

import pytest

from lantern.programs import registry, services
from lantern.programs.models import Program


@pytest.fixture
def notice_panel(tmp_path, settings):
    """A panel as a kind's app registers one: for residences, shown to staff only."""
    folder = tmp_path / "templates"
    (folder / "test").mkdir(parents=True)
    (folder / "test" / "_notice.html").write_text(
        "<section><h2>House notice</h2><p>{{ panel.words }}</p></section>"
    )
    engine = dict(settings.TEMPLATES[0])
    engine["DIRS"] = [*engine["DIRS"], folder]
    settings.TEMPLATES = [engine, *settings.TEMPLATES[1:]]

    def context(request, program):
        if not services.access.is_program_staff(request.user, program):
            return None
        return {"words": f"Fire drill at {program.name} on Friday."}

    registry.panel("test.notice", [Program.Kind.RESIDENCE], "test/_notice.html", context)
    yield
    registry._panels.pop("test.notice")


def test_a_kinds_panel_shows_on_its_kind_to_whom_it_chooses(
    people, signed_in, residence, make_program, notice_panel
):
    page = signed_in(people.jo).get(f"/programs/{residence.slug}/").content.decode()
    assert "House notice" in page and "Fire drill at Maple House on Friday." in page
    page = signed_in(people.river).get(f"/programs/{residence.slug}/").content.decode()
    assert "House notice" not in page  # the panel left itself out for a resident
    drop_in = make_program(Program.Kind.DROP_IN, name="The Lighthouse")
    page = signed_in(people.jo).get(f"/programs/{drop_in.slug}/").content.decode()
    assert "House notice" not in page


def test_panels_come_in_their_order():
    registry.panel("test.b", ["x"], "b.html", lambda r, p: {}, order=20)
    registry.panel("test.a", ["x"], "a.html", lambda r, p: {}, order=10)
    registry.panel("test.c", ["y"], "c.html", lambda r, p: {}, order=5)
    try:
        assert [p.name for p in registry.panels_for("x")] == ["test.a", "test.b"]
    finally:
        for name in ("test.a", "test.b", "test.c"):
            registry._panels.pop(name)


def test_the_page_leads_to_the_programs_group_and_events(people, signed_in, residence):
    page = signed_in(people.river).get(f"/programs/{residence.slug}/").content.decode()
    assert f'href="/groups/{residence.space.slug}/"' in page
    assert f'href="{residence.club.get_absolute_url()}"' in page
    assert "Two houses." in page or residence.description in page


def test_members_do_not_see_the_staff_tools_and_staff_do(people, signed_in, residence):
    member = signed_in(people.river).get(f"/programs/{residence.slug}/").content.decode()
    assert "Keeping the program" not in member
    assert f"/programs/{residence.slug}/report/" not in member
    staff = signed_in(people.jo).get(f"/programs/{residence.slug}/").content.decode()
    assert "Keeping the program" in staff
    assert f"/programs/{residence.slug}/report/" in staff


def test_the_page_is_in_spanish_for_a_spanish_reader(people, signed_in, residence):
    people.river.language = "es"
    people.river.save(update_fields=["language"])
    client = signed_in(people.river)
    client.post("/language/", {"language": "es"})
    page = client.get(f"/programs/{residence.slug}/").content.decode()
    assert "Programas" in page
    assert "Residencia de recuperación" in page or "residencia de recuperación" in page
