"""Step-down tracking and giving back: casey records river's level of continuing care as she
steps down (the history stays, and river sees her own); river offers to come back as a peer
supporter, is pointed to the training, and casey is told."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from lantern.core import notification_kinds
from lantern.core.errors import Refused
from lantern.core.models import AuditEvent, Notification
from lantern.programs import services as programs
from lantern.programs.alumni import services
from lantern.programs.alumni.models import CareLevel, Volunteer

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def _graduate_url(program, person):
    return reverse("alumni-graduate", args=[program.slug, person.pk])


def _care_url(program, person):
    return reverse("alumni-care-level", args=[program.slug, person.pk])


def test_casey_records_river_stepping_down_and_the_history_stays(
    people, alumni, graduate, signed_in
):
    casey = signed_in(people.casey)
    steps = [
        ("residential", TODAY() - timedelta(days=120)),
        ("intensive", TODAY() - timedelta(days=60)),
        ("outpatient", TODAY() - timedelta(days=10)),
    ]
    for level, since in steps:
        response = casey.post(_care_url(alumni, people.river), {"level": level, "since": since})
        assert response.status_code == 302
        assert response["Location"] == _graduate_url(alumni, people.river)
    history = services.history(alumni, people.river)
    assert [c.level for c in history] == ["outpatient", "intensive", "residential"]
    assert all(c.recorded_by == people.casey for c in history)
    assert services.current_level(alumni, people.river).level == "outpatient"
    page = casey.get(_graduate_url(alumni, people.river)).content.decode()
    assert "The level of care is recorded." in page
    assert page.index("Outpatient") < page.index("Intensive outpatient") < page.index("Residential")
    assert AuditEvent.objects.filter(action="alumni.care_level", subject=people.river).count() == 3


def test_river_sees_her_own_steps_and_nobody_elses(people, alumni, graduate, cohort, signed_in):
    services.record_care_level(
        people.casey, alumni, people.river, level="intensive", since=TODAY() - timedelta(days=30)
    )
    services.add_graduate(people.casey, cohort, "sam")
    services.record_care_level(people.casey, alumni, people.sam, level="alumni", since=TODAY())
    mine = signed_in(people.river).get(reverse("alumni-mine")).content.decode()
    assert "Intensive outpatient" in mine
    assert "Alumni only" not in mine
    program_page = signed_in(people.river).get(alumni.get_absolute_url()).content.decode()
    assert "Level of care: Intensive outpatient" in program_page
    # river cannot open anyone's page of care, her own included: it is the staff's.
    assert signed_in(people.river).get(_graduate_url(alumni, people.river)).status_code == 404


def test_levels_of_care_need_a_level_and_a_sensible_date(people, alumni, graduate, signed_in):
    casey = signed_in(people.casey)
    for data, field in (
        ({"level": "", "since": TODAY()}, "level"),
        ({"level": "detox", "since": TODAY()}, "level"),
        ({"level": "outpatient", "since": ""}, "since"),
        ({"level": "outpatient", "since": TODAY() + timedelta(days=1)}, "since"),
        ({"level": "outpatient", "since": "1950-01-01"}, "since"),
    ):
        response = casey.post(_care_url(alumni, people.river), data)
        assert response.status_code == 400, data
        assert response.context["form"].errors[field], data
    assert not CareLevel.objects.exists()
    services.record_care_level(
        people.casey, alumni, people.river, level="outpatient", since=TODAY()
    )
    with pytest.raises(Refused) as refused:
        services.record_care_level(
            people.casey, alumni, people.river, level="outpatient", since=TODAY()
        )
    assert refused.value.field == "level"


def test_only_staff_record_levels_and_only_for_people_enrolled(people, alumni, graduate, signed_in):
    for person in (people.river, people.sam, people.jo, people.morgan):
        response = signed_in(person).post(
            _care_url(alumni, people.river), {"level": "outpatient", "since": TODAY()}
        )
        assert response.status_code == 404
        with pytest.raises(Refused):
            services.record_care_level(
                person, alumni, people.river, level="outpatient", since=TODAY()
            )
    # sam is not enrolled: there is no page for him, and the service refuses.
    assert signed_in(people.casey).get(_graduate_url(alumni, people.sam)).status_code == 404
    with pytest.raises(Refused):
        services.record_care_level(people.casey, alumni, people.sam, level="alumni", since=TODAY())
    # Nor for the program's staff themselves.
    assert signed_in(people.alex).get(_graduate_url(alumni, people.casey)).status_code == 404
    assert not CareLevel.objects.exists()


def test_current_levels_are_read_in_one_query(
    people, alumni, cohort, graduate, django_assert_num_queries
):
    services.add_graduate(people.casey, cohort, "sam")
    services.record_care_level(
        people.casey, alumni, people.river, level="residential", since=TODAY() - timedelta(9)
    )
    services.record_care_level(people.casey, alumni, people.river, level="alumni", since=TODAY())
    with django_assert_num_queries(1):
        levels = services.current_levels(alumni)
    assert levels == {people.river.pk: "alumni", people.sam.pk: None}


# --- Giving back --------------------------------------------------------------------------------


def test_river_offers_to_give_back_and_casey_is_told(people, alumni, graduate, signed_in):
    river = signed_in(people.river)
    url = reverse("alumni-give-back", args=[alumni.slug])
    page = river.get(url).content.decode()
    assert "I'd like to come back as a peer supporter" in page
    response = river.post(url)
    assert response.status_code == 302
    assert response["Location"] == url
    after = river.get(url).content.decode()
    assert "Thank you. The program&#x27;s staff have been told" in after
    # The supporter pathway and its training.
    assert reverse("training-courses") in after
    assert "Go to the training" in after
    told = Notification.objects.get(kind="alumni.volunteer")
    assert told.recipient == people.casey and told.actor == people.river
    assert told.url == reverse("alumni-volunteers", args=[alumni.slug])
    assert notification_kinds.title(told) == (
        "river would like to come back as a peer supporter (Northside Alumni)"
    )
    assert "river" not in notification_kinds.neutral_title(told)
    # Saying it again tells nobody again.
    river.post(url)
    assert Volunteer.objects.count() == 1
    assert Notification.objects.filter(kind="alumni.volunteer").count() == 1


def test_staff_see_the_volunteers(people, alumni, cohort, graduate, signed_in):
    services.volunteer(people.river, alumni)
    services.add_graduate(people.casey, cohort, "sam")
    services.volunteer(people.sam, alumni)
    programs.discharge(people.casey, alumni, people.sam)
    page = signed_in(people.casey).get(reverse("alumni-volunteers", args=[alumni.slug]))
    assert page.status_code == 200
    html = page.content.decode()
    assert _graduate_url(alumni, people.river) in html
    assert "sam" in html and "no longer" in html
    assert "Offered to come back as a peer supporter" in (
        signed_in(people.casey).get(_graduate_url(alumni, people.river)).content.decode()
    )
    for person in (people.river, people.sam, people.jo, people.morgan):
        url = reverse("alumni-volunteers", args=[alumni.slug])
        assert signed_in(person).get(url).status_code == 404
        with pytest.raises(Refused):
            services.volunteers_of(person, alumni)


def test_only_graduates_give_back(people, alumni, graduate, signed_in):
    url = reverse("alumni-give-back", args=[alumni.slug])
    # Staff see the page, with the way to the volunteers, but cannot offer.
    staff_page = signed_in(people.casey).get(url).content.decode()
    assert reverse("alumni-volunteers", args=[alumni.slug]) in staff_page
    assert signed_in(people.casey).post(url).status_code == 302
    assert not Volunteer.objects.exists()
    with pytest.raises(Refused):
        services.volunteer(people.casey, alumni)
    # Someone not in the program is told it does not exist.
    assert signed_in(people.sam).get(url).status_code == 404
    assert signed_in(people.sam).post(url).status_code == 404
    assert not Volunteer.objects.exists()
