"""A program's staff read its report over a period, on a page and as CSV for their funder.
No names or handles; every count from 1 to 10 reads "<11", so nobody in a small house can be
singled out. What each kind adds comes through the registry."""

from datetime import date, timedelta

import pytest

from lantern.conftest import make_person
from lantern.core.models import AuditEvent
from lantern.core.roles import Role
from lantern.programs import registry, services
from lantern.programs.models import Program
from lantern.programs.registry import ReportSection


def _enrol(program, count, staff):
    for n in range(count):
        person = make_person(f"resident{n}", [Role.MEMBER])
        services.enrol_person(staff, program, person)


def test_a_small_house_shows_its_counts_as_less_than_eleven(people, signed_in, residence):
    _enrol(residence, 3, people.jo)
    page = signed_in(people.jo).get(f"/programs/{residence.slug}/report/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "People enrolled" in html and "Counts below 11 are shown as &lt;11." in html
    assert "<td>&lt;11</td>" in html  # 4 enrolled: river and three more
    assert "resident0" not in html and "river" not in html
    assert AuditEvent.objects.filter(action="programs.report", actor=people.jo).exists()


def test_a_larger_program_shows_its_counts_and_the_csv_matches(people, signed_in, make_program):
    program = make_program(Program.Kind.ALUMNI, name="Northside Alumni", staff=("casey",))
    _enrol(program, 12, people.casey)
    casey = signed_in(people.casey)
    today = date.today()
    query = f"?start={(today - timedelta(days=30)).isoformat()}&end={today.isoformat()}"
    html = casey.get(f"/programs/{program.slug}/report/{query}").content.decode()
    assert "<td>12</td>" in html
    response = casey.get(f"/programs/{program.slug}/report.csv{query}")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith('attachment; filename="northside-alumni-')
    lines = response.content.decode().splitlines()
    assert lines[0].startswith("Northside Alumni,")
    assert "Counts from 1 to 10 are shown as <11." in lines[1]
    assert "Enrolled now,12" in lines and "Enrolled in the period,12" in lines
    assert not any("resident" in line for line in lines)


def test_an_end_before_the_start_is_a_period_to_fix(people, signed_in, residence):
    jo = signed_in(people.jo)
    response = jo.get(f"/programs/{residence.slug}/report/?start=2026-05-01&end=2026-04-01")
    assert response.status_code == 400
    assert "The end comes before the start." in response.content.decode()
    response = jo.get(f"/programs/{residence.slug}/report.csv?start=2026-05-01&end=2026-04-01")
    assert response.status_code == 400
    assert "The end comes before the start." in response.content.decode()
    response = jo.get(f"/programs/{residence.slug}/report/?start=yesterday&end=")
    assert response.status_code == 400


@pytest.fixture
def beds_section():
    """A kind's section, as a kind's app registers it: a count per house, drawn as bars."""

    def build(program, start, end):
        return [
            ReportSection(
                key="beds",
                title="Beds by house",
                columns=["House", "Beds"],
                rows=[["North", 3], ["South", 14], ["Empty", 0]],
                chart_column=1,
            )
        ]

    registry.report("test.beds", [Program.Kind.RESIDENCE], build)
    yield
    registry._reports.pop("test.beds")


def test_a_kinds_section_is_suppressed_on_the_page_in_the_chart_and_in_the_csv(
    people, signed_in, residence, make_program, beds_section
):
    jo = signed_in(people.jo)
    html = jo.get(f"/programs/{residence.slug}/report/").content.decode()
    assert "Beds by house" in html
    assert '<th scope="row">North</th><td>&lt;11</td>' in html
    assert '<th scope="row">South</th><td>14</td>' in html
    section = html[html.index("Beds by house") :]
    bars = section[section.index("<svg") : section.index("</svg>")]
    assert bars.count("<rect") == 3 and bars.count('height="0.0"') == 2  # North drawn as 0
    lines = jo.get(f"/programs/{residence.slug}/report.csv").content.decode().splitlines()
    assert "North,<11" in lines and "South,14" in lines and "Empty,0" in lines
    # Only the kind it was registered for
    alumni = make_program(Program.Kind.ALUMNI, staff=("jo",))
    assert "Beds by house" not in jo.get(f"/programs/{alumni.slug}/report/").content.decode()


def test_members_never_reach_the_report(people, signed_in, residence):
    river = signed_in(people.river)
    assert river.get(f"/programs/{residence.slug}/report/").status_code == 404
    assert river.get(f"/programs/{residence.slug}/report.csv").status_code == 404
