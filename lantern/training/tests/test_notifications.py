"""What training tells a person, and that reading a page never writes."""

from django.urls import reverse

from lantern.accounts import invitations
from lantern.accounts.models import User
from lantern.core import notification_kinds
from lantern.core.models import Notification
from lantern.core.roles import Role
from lantern.training import services
from lantern.training.models import Completion, PartDone, PracticeAnswer

from .conftest import finish, parts_of


def test_completing_the_course_says_so(people, course):
    finish(people.river, course)
    note = Notification.objects.get(recipient=people.river)
    assert notification_kinds.title(note) == (
        "You completed the course “Responding to a peer in crisis, and when to escalate”"
    )
    assert notification_kinds.neutral_title(note) == "You completed a course on Lantern"
    assert note.url == course.get_absolute_url()


def test_the_role_that_arrives_is_named(people, course):
    services.require_course(people.alex, Role.SUPPORTER, course)
    (invitation,) = invitations.create(people.alex, count=1, role=Role.SUPPORTER)
    lee = User.objects.create_user("lee", "a long pass phrase 42")
    invitations.use(lee, invitation.code)
    finish(lee, course)
    note = Notification.objects.get(recipient=lee)
    assert notification_kinds.title(note) == (
        "You completed “Responding to a peer in crisis, and when to escalate”: you are now "
        "Supporter"
    )
    assert "Supporter" not in notification_kinds.neutral_title(note)


def test_reading_pages_writes_nothing(people, signed_in, course):
    river = signed_in(people.river)
    for part in parts_of(course):
        river.get(part.get_absolute_url())
        river.get(part.get_absolute_url() + "?step=examples")
    river.get(course.get_absolute_url())
    river.get(reverse("training-courses"))
    assert not PartDone.objects.exists()
    assert not PracticeAnswer.objects.exists()
    assert not Completion.objects.exists()
    assert not Notification.objects.exists()
