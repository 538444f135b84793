"""Demo mentoring (`manage.py demo`): jo and two more supporters (maria, who mentors in Spanish
and English, and dee, online only) with mentor profiles in Chicago, and dawn, the newcomer,
waiting for jo's answer. Safe to run again."""

from datetime import timedelta

from django.utils import timezone

from lantern.accounts import services as accounts
from lantern.accounts.demo import DEMO_PASSWORD
from lantern.accounts.models import Role, User

from . import services
from .models import Mentorship

MENTORS = [
    # handle, years, fields
    (
        "jo",
        3,
        services.ProfileFields(
            languages=("en",),
            gender="nonbinary",
            pathways=("12-step", "dharma"),
            experience=("lgbtq", "dual-diagnosis", "young-adult"),
            availability=("weekday-evenings", "weekend-days"),
            capacity=3,
            area="60614",
            about="Sober since my twenties. I like long walks and short phone calls.",
        ),
    ),
    (
        "maria",
        6,
        services.ProfileFields(
            languages=("es", "en"),
            gender="woman",
            mentors_genders=("woman",),
            pathways=("medication", "12-step"),
            experience=("medication", "parenting"),
            availability=("weekday-mornings", "weekend-days"),
            capacity=2,
            area="60608",
            about="Mamá de dos, en recuperación con buprenorfina. Hablo español e inglés.",
        ),
    ),
    (
        "dee",
        2,
        services.ProfileFields(
            languages=("en",),
            gender="man",
            pathways=("smart",),
            experience=("veterans", "justice", "chronic-pain"),
            availability=("weekday-evenings", "weekend-evenings"),
            capacity=2,
            online_only=True,
            about="Army veteran, SMART Recovery facilitator. Online only, evenings.",
        ),
    ),
]


def _supporter(handle: str, joined_days: int) -> User:
    user = User.objects.filter(handle__iexact=handle).first()
    if user is None:
        user = User.objects.create_user(handle, DEMO_PASSWORD)
        accounts.record_consents(user, guidelines=True, privacy=True)
        user.date_joined = timezone.now() - timedelta(days=joined_days)
        user.save(update_fields=["date_joined"])
    for role in (Role.MEMBER, Role.SUPPORTER):
        accounts.grant_role(user, role, by=None)
    return User.objects.get(pk=user.pk)


def seed() -> None:
    for handle, years, fields in MENTORS:
        person = _supporter(handle, 365 * years + 30)
        since = timezone.now().date() - timedelta(days=365 * years + 20)
        services.save_profile(
            person,
            services.ProfileFields(**{**fields.__dict__, "recovery_since": since}),
        )
    dawn = User.objects.filter(handle="dawn").first()
    jo = User.objects.filter(handle="jo").first()
    if dawn is not None and jo is not None and not Mentorship.objects.filter(mentee=dawn).exists():
        services.save_ask(
            dawn,
            services.AskFields(
                languages=("en",),
                pathways=("12-step",),
                experience=("young-adult",),
                availability=("weekday-evenings",),
                area="60622",
            ),
        )
        services.request_mentor(
            dawn, jo, "Hi jo, I'm a few days in and could use someone to talk to."
        )
