"""A program's staff enrol people by handle and end their place when they leave; the people
enrolled find their program from home and from the Programs page. Enrolment is the program
group's membership, so it counts at once, and nobody outside the program learns it exists."""

from lantern.community import services as community
from lantern.community.models import Membership
from lantern.core.models import AuditEvent
from lantern.programs import services
from lantern.programs.models import Program


def test_a_house_leader_enrols_a_resident_who_then_finds_the_house(people, signed_in, make_program):
    program = make_program(name="Maple House")
    jo = signed_in(people.jo)
    page = jo.get(f"/programs/{program.slug}/").content.decode()
    assert "Keeping the program" in page and f"/programs/{program.slug}/people/" in page
    response = jo.post(f"/programs/{program.slug}/people/", {"handle": "sam"})
    assert response.status_code == 302
    assert "sam is enrolled." in jo.get(response["Location"]).content.decode()
    assert AuditEvent.objects.filter(action="programs.enrol", subject=people.sam).exists()

    sam = signed_in(people.sam)
    home = sam.get("/").content.decode()
    assert "Your programs" in home and "Maple House" in home
    page = sam.get(f"/programs/{program.slug}/").content.decode()
    assert "Maple House" in page and "The program’s group" in page.replace("'", "’")
    assert "Keeping the program" not in page  # members do not see the staff tools
    assert sam.get(f"/groups/{program.space.slug}/").status_code == 200
    assert sam.get(f"/programs/{program.slug}/people/").status_code == 404


def test_people_outside_the_program_are_told_it_does_not_exist(people, signed_in, residence):
    for who in (people.sam, people.casey, people.morgan):
        client = signed_in(who)
        assert client.get(f"/programs/{residence.slug}/").status_code == 404
        assert "Maple House" not in client.get("/programs/").content.decode()
        assert "Maple House" not in client.get("/").content.decode()


def test_enrolling_needs_a_handle_someone_has_and_the_form_says_what_to_fix(
    people, signed_in, residence
):
    jo = signed_in(people.jo)
    response = jo.post(f"/programs/{residence.slug}/people/", {"handle": "no-such-person"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Nobody on Lantern has that handle." in page and 'value="no-such-person"' in page
    response = jo.post(f"/programs/{residence.slug}/people/", {"handle": ""})
    assert response.status_code == 400


def test_someone_banned_from_the_community_is_not_enrolled(people, signed_in, residence):
    community.ban(people.morgan, people.sam, "Threats to another member")
    response = signed_in(people.jo).post(f"/programs/{residence.slug}/people/", {"handle": "sam"})
    assert response.status_code == 400
    assert "sam is banned from the community." in response.content.decode()
    assert not Membership.objects.filter(space=residence.space, person=people.sam).exists()


def test_ending_a_residents_place_counts_at_once_and_is_not_a_sanction(
    people, signed_in, residence
):
    river = signed_in(people.river)
    assert river.get(f"/programs/{residence.slug}/").status_code == 200
    jo = signed_in(people.jo)
    response = jo.post(f"/programs/{residence.slug}/people/{people.river.pk}/discharge/")
    assert response.status_code == 302
    assert river.get(f"/programs/{residence.slug}/").status_code == 404
    assert AuditEvent.objects.filter(action="programs.discharge", subject=people.river).exists()
    # Not removed: she can be enrolled again when she comes back.
    services.enrol(people.jo, residence, "river")
    assert river.get(f"/programs/{residence.slug}/").status_code == 200
    # A second click on an old page changes nothing and says so.
    jo.post(f"/programs/{residence.slug}/people/{people.river.pk}/discharge/")
    response = jo.post(f"/programs/{residence.slug}/people/{people.river.pk}/discharge/")
    assert "They are not enrolled." in jo.get(response["Location"]).content.decode()


def test_a_leader_cannot_discharge_another_leader_from_the_people_page(
    people, signed_in, make_program
):
    program = make_program(staff=("jo", "casey"))
    signed_in(people.jo).post(f"/programs/{program.slug}/people/{people.casey.pk}/discharge/")
    membership = Membership.objects.get(space=program.space, person=people.casey)
    assert membership.role == Membership.Role.MODERATOR and membership.status == "active"


def test_the_people_page_and_the_programs_list_answer_in_a_fixed_number_of_queries(
    people, signed_in, make_program, django_assert_max_num_queries
):
    program = make_program(name="Maple House", members=("river", "sam"))
    for n in range(4):
        make_program(Program.Kind.ALUMNI, name=f"Alumni {n}", staff=("jo",), members=("river",))
    jo = signed_in(people.jo)
    for url in (f"/programs/{program.slug}/people/", "/programs/"):
        jo.get(url)
        with django_assert_max_num_queries(14) as counted:
            jo.get(url)
        before = len(counted.captured_queries)
        make_program(Program.Kind.ALUMNI, staff=("jo",), members=("river",))
        services.enrol(people.jo, program, "casey")
        with django_assert_max_num_queries(before):
            jo.get(url)
