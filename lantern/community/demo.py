"""Demo data for `manage.py demo` (make run; registered in apps.py): realistic, and safe to run
again.

A set of groups like a recovery community organisation would run, with threads written through
the real services (so the safety net, newcomer marks and notifications behave as in use). A group
that already has threads is left as it is, so running the demo twice adds nothing. The people
have histories (accounts/demo.py): river, sam, nightowl and the helpers have been here for
months or years; dawn joined three days ago, and her first post waits in "Welcome newcomers"."""

from datetime import timedelta

from django.utils import timezone

from lantern.accounts.models import User
from lantern.core.access import forget

from . import access, services
from .models import Audience, Membership, Post, Space, Thread

GUIDELINES = (
    "Speak from your own experience (“I”, not “you should”).\n"
    "What is shared here stays here: no screenshots, no names.\n"
    "No selling, no sourcing, no medical advice: talk to your prescriber.\n"
    "If someone may be in danger, report the post and use “Need help now?”."
)

SPACES = [
    # slug, name, description, topics, kind, peer moderators
    (
        "new-here",
        "New here",
        "First days, first questions. Nobody's first post goes unanswered.",
        ["newcomers", "early-recovery"],
        Space.Kind.OPEN,
        ["jo"],
    ),
    (
        "early-recovery",
        "Early recovery (first year)",
        "Cravings, sleep, boredom, the pink cloud and the wall after it.",
        ["early-recovery"],
        Space.Kind.OPEN,
        ["jo"],
    ),
    (
        "medication-assisted",
        "Medication-assisted recovery",
        "Buprenorphine, methadone, naltrexone: recovery, full stop.",
        ["medication"],
        Space.Kind.OPEN,
        [],
    ),
    (
        "family-and-friends",
        "Family and friends",
        "For people who love someone in recovery, or still using.",
        ["family"],
        Space.Kind.OPEN,
        [],
    ),
    (
        "dual-diagnosis",
        "Dual diagnosis",
        "Recovery alongside depression, anxiety, PTSD, bipolar and more.",
        ["dual-diagnosis"],
        Space.Kind.REQUEST,
        ["jo"],
    ),
    (
        "women",
        "Women in recovery",
        "A circle for women and those who identify as women.",
        ["women"],
        Space.Kind.REQUEST,
        [],
    ),
    (
        "mens-circle",
        "Men's circle",
        "Talking about what we were taught not to talk about.",
        ["men"],
        Space.Kind.REQUEST,
        [],
    ),
    (
        "lgbtq",
        "LGBTQ+ recovery",
        "Sober spaces, chosen family, and recovery without hiding who you are.",
        ["lgbtq"],
        Space.Kind.REQUEST,
        [],
    ),
    (
        "steps-and-sponsorship",
        "Steps and sponsorship",
        "Working the 12 steps, finding a sponsor, home groups.",
        ["12-step"],
        Space.Kind.OPEN,
        [],
    ),
    (
        "smart-tools",
        "SMART Recovery tools",
        "Cost-benefit analysis, DISARM, ABCs: practising the tools together.",
        ["smart"],
        Space.Kind.OPEN,
        [],
    ),
    (
        "grief-and-loss",
        "Grief and loss",
        "For those who have lost someone to addiction or overdose.",
        ["grief", "family"],
        Space.Kind.OPEN,
        [],
    ),
    (
        "parenting",
        "Parenting in recovery",
        "School runs, custody, repairing trust, and being present.",
        ["parenting"],
        Space.Kind.OPEN,
        [],
    ),
]

FOR_EVERYONE = "family-and-friends"

# space slug → threads: (author, title, body, hours ago, [(author, reply, hours ago)], options)
THREADS = {
    "new-here": [
        (
            "morgan",
            "Read this first: how this group works",
            "Welcome. This group is for your first days and weeks, whatever your path.\n\n"
            "- Introduce yourself if you like; a handle is enough.\n"
            "- Supporters check the **newcomers' list** every day.\n"
            "- If you are in danger right now, tap *Need help now?* at the top.",
            240,
            [("jo", "Glad you're here, whoever is reading this.", 230)],
            {},
        ),
        (
            "dawn",
            "Day 4 and I don't know what to do with my evenings",
            "Day 4. Mornings are OK. From 6pm on I just pace. "
            "What did you do with evenings at the start?",
            5,
            [],
            {},
        ),
    ],
    "early-recovery": [
        (
            "jo",
            "The wall around month three",
            "Nobody warned me that month three can feel worse than week one. "
            "The pink cloud lifts and life is just... life. It passes. What helped me: "
            "a meeting a day, and calling one person before 8pm.",
            72,
            [
                ("morgan", "Month three was my hardest too. Thank you for saying it.", 70),
                ("river", "Needed this today. I relate a lot.", 20),
            ],
            {},
        ),
        (
            "river",
            "Sleep is still a mess",
            "Three months in and I still wake at 3am most nights. Anyone else? "
            "Did it get better for you, and when?",
            30,
            [
                (
                    "jo",
                    "Yes, it took me about four months. No screens after 10 and a walk "
                    "before dinner helped. Worth mentioning to your doctor too.",
                    28,
                ),
                ("nightowl", "Same here. The 3am club is real. It does ease off.", 27),
            ],
            {},
        ),
        (
            "nightowl",
            "Who else is up? (the late-night thread)",
            "Can't sleep again. Five months sober and nights are still the hardest part. "
            "If you're awake too, say hi. No advice needed, just company.",
            50,
            [
                ("river", "Hi from the 3am club. Tea and a boring podcast tonight.", 49),
                ("jo", "Morning shift checking in. Glad you both made it through.", 40),
            ],
            {},
        ),
    ],
    "medication-assisted": [
        (
            "river",
            "Someone at a meeting said I'm “not really clean” on buprenorphine",
            "It stung. I take my medication as prescribed and I haven't used in 94 days.",
            48,
            [
                (
                    "morgan",
                    "You are in recovery. Medication is a tool, like a meeting or a sponsor. "
                    "Plenty of meetings welcome people on MAT; the finder lists them.",
                    47,
                ),
                ("jo", "Sending strength. Your recovery is yours to define.", 46),
            ],
            {},
        ),
    ],
    "family-and-friends": [
        (
            "morgan",
            "Setting a boundary without a fight",
            "My brother asked for money again. I said no and offered to drive him to a "
            "meeting instead. It went better than I feared. How do you hold the line?",
            96,
            [("jo", "Al-Anon taught me: I didn't cause it, can't control it, can't cure it.", 90)],
            {},
        ),
    ],
    "grief-and-loss": [
        (
            "jo",
            "Two years since my cousin's overdose",
            "Today is two years. I'm sober and I'm sad, and both are true. "
            "Lighting a candle tonight.",
            12,
            [("morgan", "Thinking of you and your cousin. Glad you came to group tonight.", 10)],
            {"content_warning": True},
        ),
    ],
    "smart-tools": [
        (
            "sam",
            "Two years on, I reread my first cost-benefit analysis",
            "Benefits of using: quiet head for an hour. Costs: everything else. "
            "I wrote that in my first week. Keeping it in my wallet still.",
            26,
            [("jo", "Writing it down made it plain for me too. Thank you, sam.", 25)],
            {},
        ),
    ],
    "steps-and-sponsorship": [
        (
            "morgan",
            "How did you ask someone to sponsor you?",
            "I asked after a meeting: “Would you take me through the steps?” "
            "My hands were shaking. Share your story, newcomers are reading.",
            120,
            [],
            {},
        ),
    ],
}


AUTHORS = ["river", "sam", "jo", "morgan", "nightowl", "dawn"]


def seed() -> None:
    people = {u.handle: u for u in User.objects.filter(handle__in=AUTHORS)}
    if len(people) < len(AUTHORS):
        return
    for slug, name, description, topics, kind, moderators in SPACES:
        space, _created = Space.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "description": description,
                "topics": topics,
                "kind": kind,
                # People in recovery love someone still using too: this one is for everyone,
                # family accounts included (the others are for people in recovery).
                "audience": Audience.EVERYONE if slug == FOR_EVERYONE else Audience.RECOVERY,
                "guidelines": GUIDELINES,
            },
        )
        for handle in moderators:
            Membership.objects.update_or_create(
                space=space,
                person=people[handle],
                defaults={"role": Membership.Role.MODERATOR, "status": Membership.Status.ACTIVE},
            )
        if space.threads.exists():
            continue
        for author, title, body, hours, replies, options in THREADS.get(slug, []):
            _seed_thread(space, people, author, title, body, hours, replies, options)
    _keep_the_newcomer_mark_for_newcomers(people.values())


def _keep_the_newcomer_mark_for_newcomers(people) -> None:
    """The demo writes weeks of history in one go, so each person's first seeded post would
    look like their first words here and wear the "newcomer" mark. In the story it tells, only
    someone still in their newcomer weeks (dawn) posts for the first time: the others' first
    posts are long past."""
    settled = [p.pk for p in people if not access.is_newcomer(p)]
    Post.objects.filter(author__in=settled, newcomer=True).update(newcomer=False)


def _join(person: User, space: Space) -> None:
    Membership.objects.get_or_create(space=space, person=person)
    forget(person)


def _seed_thread(space, people, author, title, body, hours, replies, options) -> None:
    now = timezone.now()
    _join(people[author], space)
    opening = services.start_thread(people[author], space, title, body, **options).obj
    Post.objects.filter(pk=opening.pk).update(created_at=now - timedelta(hours=hours))
    last = now - timedelta(hours=hours)
    for who, text, ago in replies:
        _join(people[who], space)
        post = services.reply(people[who], opening.thread, text).obj
        last = now - timedelta(hours=ago)
        Post.objects.filter(pk=post.pk).update(created_at=last)
    Thread.objects.filter(pk=opening.thread_id).update(
        created_at=now - timedelta(hours=hours), last_post_at=last
    )
