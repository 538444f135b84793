"""An administrator sets up programs on Settings → Programs: starts one of each kind, names its
peer leaders, and closes one that has ended. A program comes with a group only its enrolled
people reach and a club for its events. Nobody else finds these pages."""

import pytest

from lantern.community.models import Audience, Membership, Space
from lantern.core.models import AuditEvent
from lantern.programs import demo, services
from lantern.programs.models import Program


def test_an_administrator_starts_a_residence_and_names_its_house_leader(people, signed_in):
    alex = signed_in(people.alex)
    page = alex.get("/manage/")
    assert "/manage/programs/" in page.content.decode()  # Settings lists the section
    response = alex.post(
        "/manage/programs/",
        {"name": "Maple House", "kind": "residence", "description": "Two houses, 14 beds."},
    )
    program = Program.objects.get(name="Maple House")
    assert response.status_code == 302 and response["Location"] == "/manage/programs/maple-house/"
    assert program.kind == Program.Kind.RESIDENCE and program.active
    assert program.space.kind == Space.Kind.PRIVATE  # only the people its staff enrol
    assert program.space.audience == Audience.RECOVERY
    assert program.club.name == "Maple House"
    assert AuditEvent.objects.filter(action="programs.create", actor=people.alex).exists()

    response = alex.post("/manage/programs/maple-house/", {"handle": "@jo"})
    assert response.status_code == 302
    page = alex.get("/manage/programs/maple-house/").content.decode()
    assert "jo" in page and "Take jo off the staff" in page
    membership = Membership.objects.get(space=program.space, person=people.jo)
    assert membership.role == Membership.Role.MODERATOR
    # jo now finds it among the programs they keep
    jo_page = signed_in(people.jo).get("/programs/").content.decode()
    assert "Programs you keep" in jo_page and "Maple House" in jo_page


def test_a_program_needs_a_name_a_kind_and_a_name_of_its_own(people, signed_in, make_program):
    make_program(Program.Kind.DROP_IN, name="The Lighthouse")
    alex = signed_in(people.alex)
    response = alex.post("/manage/programs/", {"name": "", "kind": "residence"})
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()
    response = alex.post(
        "/manage/programs/", {"name": "A place", "kind": "castle", "description": "Kept words"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Select a valid choice" in page and "Kept words" in page  # what was typed stays
    response = alex.post("/manage/programs/", {"name": "the lighthouse", "kind": "dropin"})
    assert response.status_code == 400
    assert "A program already has this name." in response.content.decode()
    assert Program.objects.count() == 1


def test_naming_staff_by_a_handle_nobody_has_says_so(people, signed_in, make_program):
    program = make_program(staff=())
    response = signed_in(people.alex).post(
        f"/manage/programs/{program.slug}/", {"handle": "nobody-here"}
    )
    assert response.status_code == 400
    assert "Nobody on Lantern has that handle." in response.content.decode()


def test_taking_someone_off_the_staff_leaves_them_a_member(people, signed_in, make_program):
    program = make_program()
    response = signed_in(people.alex).post(
        f"/manage/programs/{program.slug}/staff/remove/", {"handle": "jo"}
    )
    assert response.status_code == 302
    membership = Membership.objects.get(space=program.space, person=people.jo)
    assert membership.role == Membership.Role.MEMBER
    assert signed_in(people.jo).get(f"/programs/{program.slug}/people/").status_code == 404


def test_a_closed_program_keeps_its_records_but_its_page_goes(people, signed_in, residence):
    river = signed_in(people.river)
    assert river.get(f"/programs/{residence.slug}/").status_code == 200
    response = signed_in(people.alex).post(f"/manage/programs/{residence.slug}/close/")
    assert response.status_code == 302
    assert river.get(f"/programs/{residence.slug}/").status_code == 404
    assert "Maple House" not in river.get("/programs/").content.decode()
    page = signed_in(people.alex).get("/manage/programs/").content.decode()
    assert "Maple House" in page and "closed" in page
    assert Membership.objects.filter(space=residence.space, person=people.river).exists()


@pytest.mark.parametrize("who", ["river", "jo", "casey", "morgan"])
def test_only_administrators_reach_settings_programs(people, signed_in, residence, who):
    client = signed_in(getattr(people, who))
    assert client.get("/manage/programs/").status_code == 404
    assert client.get(f"/manage/programs/{residence.slug}/").status_code == 404
    assert client.post("/manage/programs/", {"name": "X", "kind": "family"}).status_code == 404
    assert not Program.objects.filter(name="X").exists()


def test_settings_programs_lists_every_program_in_a_fixed_number_of_queries(
    people, signed_in, make_program, django_assert_max_num_queries
):
    for n in range(6):
        make_program(Program.Kind.ALUMNI, name=f"Alumni {n}", members=("river", "sam"))
    alex = signed_in(people.alex)
    alex.get("/manage/programs/")  # warm the session
    with django_assert_max_num_queries(12) as counted:
        page = alex.get("/manage/programs/").content.decode()
    queries = len(counted.captured_queries)
    make_program(Program.Kind.ALUMNI, name="Alumni 6")
    with django_assert_max_num_queries(queries):
        page = alex.get("/manage/programs/").content.decode()
    assert "Alumni 6" in page
    row = page[page.index("Alumni 0") :].split("</tr>")[0]
    assert "<td>1</td><td>2</td>" in row.replace(" ", "")  # one staff, two members


def test_the_programs_seed_is_safe_to_run_again(people):
    demo.seed()
    demo.seed()
    assert Program.objects.count() == 4
    maple = Program.objects.get(name="Maple House")
    assert services.staff_of(maple) == [people.jo]
    assert set(services.programs_of(people.river)) >= {maple}
