"""Groups: joining and leaving, letting people in, inviting, and (without the Django admin)
starting a group, changing its settings and naming its peer moderators. A group's name,
description and guidelines are words a person wrote: they go through the safety net whenever
they change."""

import re
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from lantern.core.access import forget
from lantern.core.errors import Refused
from lantern.core.notifications import notify
from lantern.core.results import Saved
from lantern.safety import services as safety
from lantern.safety.contexts import Context

from .. import access
from ..models import (
    Audience,
    Membership,
    ModerationAction,
    Post,
    Space,
    Thread,
    ThreadRead,
    Topic,
    opening_visible_to,
)
from .base import clean_text, person_by_handle, record_action, space_moderators

NAME_MAX = 80  # Space.name
SLUG_MAX = 60  # Space.slug
DESCRIPTION_MAX = 300  # Space.description
GUIDELINES_MAX = 5_000
# Fixed words in /groups/<word>/ addresses (urls.py): a group with one of these slugs could never
# be reached. test_spaces_manage checks this list against the URL patterns.
RESERVED_SLUGS = frozenset({"new", "welcome", "search", "moderation", "posts"})
SLUG_RE = re.compile(r"[a-z0-9][-a-z0-9_]*")
KEEP: Any = object()  # update_space: leave this setting as it is


def _space_url(space: Space) -> str:
    return reverse("community-space", args=[space.slug])


# --- Taking part --------------------------------------------------------------------------------


@transaction.atomic
def join_space(person, space: Space) -> Membership:
    """Open spaces: join at once. Join-on-request: ask (moderators let you in; site moderators,
    who read every group already, join at once). Private: only with an invitation. Asking
    again while a request waits changes nothing."""
    waiting = access.membership(person, space)
    if waiting is not None and waiting.status == Membership.Status.REQUESTED:
        return waiting
    if not access.can_join_space(person, space):
        raise Refused(_("You cannot join this group."))
    status = Membership.Status.ACTIVE
    if space.kind == Space.Kind.REQUEST and not access.is_site_moderator(person):
        status = Membership.Status.REQUESTED
    membership, created = Membership.objects.get_or_create(
        space=space, person=person, defaults={"status": status}
    )
    if not created:
        membership.status = (
            Membership.Status.ACTIVE if membership.status == Membership.Status.INVITED else status
        )
        membership.joined_at = membership.last_visit_at = timezone.now()
        membership.save(update_fields=["status", "joined_at", "last_visit_at"])
    forget(person)
    if membership.status == Membership.Status.REQUESTED:
        for moderator in space_moderators(space):
            notify(
                moderator,
                "community.join_request",
                about=membership,
                actor=person,
                params={"space": space.name},
                url=_space_url(space),
            )
    return membership


@transaction.atomic
def leave_space(person, space: Space) -> None:
    """Leave a group, or take back a request to join. Someone removed stays removed."""
    Membership.objects.filter(
        space=space,
        person=person,
        status__in=[Membership.Status.ACTIVE, Membership.Status.REQUESTED],
    ).delete()
    forget(person)


@transaction.atomic
def admit(moderator, membership: Membership) -> Membership:
    """A space's moderator lets in someone who asked to join."""
    if not access.can_moderate_space(moderator, membership.space):
        raise Refused(_("Only this group's moderators can let people in."))
    if membership.status != Membership.Status.REQUESTED:
        raise Refused(
            _("%(handle)s is not waiting to join.") % {"handle": membership.person.handle}
        )
    membership.status = Membership.Status.ACTIVE
    membership.joined_at = timezone.now()
    membership.save(update_fields=["status", "joined_at"])
    forget(membership.person)
    record_action(
        moderator,
        ModerationAction.Kind.ADMIT,
        _("asked to join"),
        person=membership.person,
        space=membership.space,
    )
    notify(
        membership.person,
        "community.admitted",
        about=membership,
        actor=moderator,
        params={"space": membership.space.name},
        url=_space_url(membership.space),
    )
    return membership


@transaction.atomic
def invite(moderator, space: Space, handle: str) -> Membership:
    """A group's moderator invites someone by handle; they join when they accept."""
    if not access.can_moderate_space(moderator, space):
        raise Refused(_("Only this group's moderators can invite people."))
    person = person_by_handle(handle)
    if person is None:
        raise Refused(_("Nobody on Lantern has that handle."), field="handle")
    membership, created = Membership.objects.get_or_create(
        space=space, person=person, defaults={"status": Membership.Status.INVITED}
    )
    if not created and membership.status == Membership.Status.ACTIVE:
        raise Refused(_("%(handle)s is already a member.") % {"handle": person.handle})
    if not created and membership.status == Membership.Status.REMOVED:
        raise Refused(_("%(handle)s was removed from this group.") % {"handle": person.handle})
    if membership.status != Membership.Status.INVITED:
        membership.status = Membership.Status.INVITED
        membership.save(update_fields=["status"])
    forget(person)
    notify(
        person,
        "community.invited",
        about=membership,
        actor=moderator,
        params={"space": space.name},
        url=_space_url(space),
    )
    return membership


# --- Reading ------------------------------------------------------------------------------------


def spaces_with_counts(person):
    """The spaces a person sees, with thread counts and, for spaces they joined, the number
    of posts by others since their last visit."""
    mine = Membership.objects.filter(space=OuterRef("pk"), person=person)
    since = Subquery(mine.filter(status=Membership.Status.ACTIVE).values("last_visit_at")[:1])
    unread = (
        Post.objects.filter(
            space=OuterRef("pk"),
            status=Post.Status.PUBLISHED,
            created_at__gt=OuterRef("my_last_visit"),
        )
        .exclude(author=person)
        .order_by()
        .values("space")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Space.objects.listed_for(person)
        .annotate(
            my_status=Subquery(mine.values("status")[:1]),
            my_last_visit=since,
        )
        .annotate(unread=Coalesce(Subquery(unread), 0))
        .order_by("name")
    )


def mark_space_visited(person, space: Space):
    """Remember this visit; return the previous one (what "new since your last visit" means)."""
    membership = access.membership(person, space)
    if membership is None or membership.status != Membership.Status.ACTIVE:
        return None
    previous = membership.last_visit_at
    membership.last_visit_at = timezone.now()
    Membership.objects.filter(pk=membership.pk).update(last_visit_at=membership.last_visit_at)
    return previous


def mark_thread_read(person, thread: Thread):
    """Remember that `person` read `thread` now; return when they read it before."""
    mark, created = ThreadRead.objects.get_or_create(thread=thread, person=person)
    if created:
        membership = access.membership(person, thread.space)
        return membership.last_visit_at if membership else None
    previous = mark.read_at
    ThreadRead.objects.filter(pk=mark.pk).update(read_at=timezone.now())
    return previous


def threads_for(person, space: Space):
    """A group's threads the person may see, most recently active first, each with when they
    last read it (`my_read_at`)."""
    read = ThreadRead.objects.filter(thread=OuterRef("pk"), person=person).values("read_at")[:1]
    return (
        space.threads.filter(opening_visible_to(person))
        .select_related("author")
        .annotate(my_read_at=Subquery(read))
        .order_by("-last_post_at")
    )


def join_requests(moderator, space: Space):
    """Who is asking to join, for the group's moderators (nobody else sees the list)."""
    if not access.can_moderate_space(moderator, space):
        return Membership.objects.none()
    return space.memberships.filter(status=Membership.Status.REQUESTED).select_related("person")


# --- Starting and keeping a group ---------------------------------------------------------------


def _text(value: str, *, limit: int, what: str, field: str, required: bool = True) -> str:
    if not required and not (value or "").strip():
        return ""
    return clean_text(value, limit=limit, what=what, field=field)


def clean_slug(slug: str, name: str, *, space: Space | None = None) -> str:
    """The group's web address: as given (lowercased), or made from the name. It must be free
    and must not be one of the fixed words under /groups/."""
    slug = (slug or "").strip().lower()
    if not slug:
        slug = slugify(name)[:SLUG_MAX].strip("-_")
        if not slug:
            raise Refused(
                _("Choose a web address for the group: letters, numbers and hyphens."),
                field="slug",
            )
    if len(slug) > SLUG_MAX:
        raise Refused(
            _("The web address is too long: at most %(limit)s characters.") % {"limit": SLUG_MAX},
            field="slug",
        )
    if not SLUG_RE.fullmatch(slug):
        raise Refused(
            _(
                "The web address can only use letters, numbers, hyphens and underscores, and "
                "must start with a letter or number."
            ),
            field="slug",
        )
    if slug in RESERVED_SLUGS:
        raise Refused(
            _("“%(slug)s” is a word Lantern uses in its own addresses. Choose another.")
            % {"slug": slug},
            field="slug",
        )
    taken = Space.objects.filter(slug__iexact=slug)
    if space is not None:
        taken = taken.exclude(pk=space.pk)
    if taken.exists():
        raise Refused(_address_taken(slug), field="slug")
    return slug


def _address_taken(slug: str) -> str:
    return _("Another group already has the address /groups/%(slug)s/. Choose another.") % {
        "slug": slug
    }


def _check_name_free(name: str, space: Space | None = None) -> None:
    others = Space.objects.filter(name__iexact=name)
    if space is not None:
        others = others.exclude(pk=space.pk)
    if others.exists():
        raise Refused(_("Another group already has this name."), field="name")


def _topics(topics) -> list[str]:
    chosen = set(topics or [])
    if chosen - set(Topic.values):
        raise Refused(_("Choose topics from the list."), field="topics")
    return [t for t in Topic.values if t in chosen]  # in the list's order, once each


def _check_rules(kind: str, hold_urgent_posts: bool | None) -> None:
    if kind not in Space.Kind.values:
        raise Refused(_("Choose who may join."), field="kind")
    if hold_urgent_posts not in (None, True, False):
        raise Refused(_("Choose what happens to urgent posts."), field="hold_urgent_posts")


def _check_audience(audience: str) -> None:
    if audience not in Audience.values:
        raise Refused(_("Choose whom the group is for."), field="audience")


def hold_label(hold_urgent_posts: bool | None) -> str:
    if hold_urgent_posts is None:
        return _("follow the site's safety setting")
    return _("hold for review") if hold_urgent_posts else _("publish at once")


def _rules(space: Space) -> str:
    return _("who may join: %(kind)s; urgent posts: %(hold)s") % {
        "kind": space.get_kind_display(),
        "hold": hold_label(space.hold_urgent_posts),
    }


def _check_words(person, space: Space, texts: list[str]) -> bool:
    """New or changed words of the group through the safety net; True when the writer should
    see the crisis lines. Urgent words alert on-duty staff. A group's words have no held state:
    they are saved, and staff follow the alert to the group (and its settings page)."""
    words = "\n\n".join(t for t in texts if t)
    if not words:
        return False
    outcome = safety.check_text(
        person,
        words,
        Context.GROUP,
        source=space,
        source_url=_space_url(space),
        hold_urgent=False,
    )
    return bool(outcome.show_crisis_resources)


def _description(value: str) -> str:
    return _text(value, limit=DESCRIPTION_MAX, what=_("The description"), field="description")


def _guidelines(value: str) -> str:
    return _text(
        value,
        limit=GUIDELINES_MAX,
        what=_("The guidelines text"),
        field="guidelines",
        required=False,
    )


@transaction.atomic
def create_space(
    person,
    *,
    name: str,
    description: str,
    slug: str = "",
    guidelines: str = "",
    topics: list[str] | tuple = (),
    kind: str = Space.Kind.OPEN,
    audience: str = Audience.RECOVERY,
    hold_urgent_posts: bool | None = None,
) -> Saved:
    """Site moderators and administrators start a group. Its address is made from the name when
    left empty and never changes. The creator does not become a member (they moderate every
    group already). Recorded for the other moderators."""
    if not access.can_create_space(person):
        raise Refused(_("Only moderators can start a group."))
    name = _text(name, limit=NAME_MAX, what=_("The name"), field="name")
    _check_name_free(name)
    slug = clean_slug(slug, name)
    description = _description(description)
    guidelines = _guidelines(guidelines)
    topics = _topics(topics)
    _check_rules(kind, hold_urgent_posts)
    _check_audience(audience)
    try:
        with transaction.atomic():  # two people choosing the same address at once
            space = Space.objects.create(
                slug=slug,
                name=name,
                description=description,
                guidelines=guidelines,
                topics=topics,
                kind=kind,
                audience=audience,
                hold_urgent_posts=hold_urgent_posts,
            )
    except IntegrityError as exc:
        raise Refused(_address_taken(slug), field="slug") from exc
    record_action(
        person,
        ModerationAction.Kind.SPACE_CREATE,
        _("Started the group (%(rules)s)") % {"rules": _rules(space)},
        space=space,
    )
    show = _check_words(person, space, [name, description, guidelines])
    return Saved(space, show_crisis_resources=show)


@transaction.atomic
def update_space(
    person,
    space: Space,
    *,
    name: str = KEEP,
    description: str = KEEP,
    guidelines: str = KEEP,
    topics: list[str] = KEEP,
    kind: str = KEEP,
    audience: str = KEEP,
    hold_urgent_posts: bool | None = KEEP,
) -> Saved:
    """A group's peer moderators change its description, guidelines and topics; site moderators
    also its name, who may join and whether urgent posts are held (recorded). The address never
    changes: links to the group would break. Arguments left out stay as they are."""
    if not access.can_edit_space(person, space):
        raise Refused(_("Only this group's moderators can change it."))
    space = Space.objects.select_for_update().get(pk=space.pk)
    may_change_rules = access.can_change_space_rules(person, space)
    rules_before = _rules(space)
    changed, new_words = [], []
    if name is not KEEP:
        name = _text(name, limit=NAME_MAX, what=_("The name"), field="name")
        if name != space.name:
            if not may_change_rules:
                raise Refused(_("Only site moderators can rename a group."), field="name")
            _check_name_free(name, space)
            space.name = name
            changed.append("name")
            new_words.append(name)
    for field, value, clean in (
        ("description", description, _description),
        ("guidelines", guidelines, _guidelines),
    ):
        if value is KEEP:
            continue
        value = clean(value)
        if value != getattr(space, field):
            setattr(space, field, value)
            changed.append(field)
            new_words.append(value)
    if topics is not KEEP:
        topics = _topics(topics)
        if topics != space.topics:
            space.topics = topics
            changed.append("topics")
    new_kind = space.kind if kind is KEEP else kind
    new_hold = space.hold_urgent_posts if hold_urgent_posts is KEEP else hold_urgent_posts
    _check_rules(new_kind, new_hold)
    if new_kind != space.kind or new_hold != space.hold_urgent_posts:
        if not may_change_rules:
            field = "kind" if new_kind != space.kind else "hold_urgent_posts"
            raise Refused(
                _("Only site moderators can change who may join or how urgent posts are handled."),
                field=field,
            )
        space.kind, space.hold_urgent_posts = new_kind, new_hold
        changed += ["kind", "hold_urgent_posts"]
    if audience is not KEEP and audience != space.audience:
        _check_audience(audience)
        if not may_change_rules:
            raise Refused(
                _("Only site moderators can change whom a group is for."), field="audience"
            )
        space.audience = audience
        changed.append("audience")
    if not changed:
        return Saved(space)
    space.save(update_fields=changed)
    if "kind" in changed:
        record_action(
            person,
            ModerationAction.Kind.SPACE_RULES,
            _("Changed the group's rules from %(before)s to %(after)s")
            % {"before": rules_before, "after": _rules(space)},
            space=space,
        )
    return Saved(space, show_crisis_resources=_check_words(person, space, new_words))


@transaction.atomic
def add_space_moderator(person, space: Space, handle: str) -> Membership:
    """Site moderators name a group's peer moderator by handle: an active person who is not
    banned, and was not removed from the group. They become an active member with the moderator
    role, are told, and it is recorded."""
    if not access.can_manage_space_moderators(person, space):
        raise Refused(_("Only site moderators can name a group's moderators."))
    candidate = person_by_handle(handle)
    if candidate is None:
        raise Refused(_("Nobody on Lantern has that handle."), field="handle")
    if access.is_banned(candidate):
        raise Refused(
            _("%(handle)s is banned from the community.") % {"handle": candidate.handle},
            field="handle",
        )
    membership = (
        Membership.objects.select_for_update().filter(space=space, person=candidate).first()
    )
    if membership is not None and membership.status == Membership.Status.REMOVED:
        raise Refused(
            _("%(handle)s was removed from this group.") % {"handle": candidate.handle},
            field="handle",
        )
    if (
        membership is not None
        and membership.status == Membership.Status.ACTIVE
        and membership.role == Membership.Role.MODERATOR
    ):
        raise Refused(
            _("%(handle)s is already a peer moderator here.") % {"handle": candidate.handle},
            field="handle",
        )
    if membership is None:
        membership = Membership.objects.create(
            space=space,
            person=candidate,
            role=Membership.Role.MODERATOR,
            status=Membership.Status.ACTIVE,
        )
    else:
        fields = ["role"]
        membership.role = Membership.Role.MODERATOR
        if membership.status != Membership.Status.ACTIVE:
            membership.status = Membership.Status.ACTIVE
            membership.joined_at = membership.last_visit_at = timezone.now()
            fields += ["status", "joined_at", "last_visit_at"]
        membership.save(update_fields=fields)
    forget(candidate)
    record_action(
        person,
        ModerationAction.Kind.APPOINT,
        _("Made a peer moderator of %(space)s") % {"space": space.name},
        person=candidate,
        space=space,
    )
    notify(
        candidate,
        "community.moderator",
        about=membership,
        actor=person,
        params={"space": space.name},
        url=_space_url(space),
    )
    return membership


@transaction.atomic
def remove_space_moderator(person, space: Space, handle: str) -> Membership:
    """Site moderators end someone's peer-moderator role in a group; they stay an ordinary
    member. They are told, and it is recorded."""
    if not access.can_manage_space_moderators(person, space):
        raise Refused(_("Only site moderators can name a group's moderators."))
    membership = (
        Membership.objects.select_for_update()
        .select_related("person")
        .filter(
            space=space,
            person__handle__iexact=(handle or "").strip().lstrip("@"),
            role=Membership.Role.MODERATOR,
        )
        .first()
    )
    if membership is None:
        raise Refused(
            _("%(handle)s is not a peer moderator here.") % {"handle": handle}, field="handle"
        )
    membership.role = Membership.Role.MEMBER
    membership.save(update_fields=["role"])
    forget(membership.person)
    record_action(
        person,
        ModerationAction.Kind.UNAPPOINT,
        _("No longer a peer moderator of %(space)s; still a member") % {"space": space.name},
        person=membership.person,
        space=space,
    )
    notify(
        membership.person,
        "community.moderator_ended",
        about=membership,
        actor=person,
        params={"space": space.name},
        url=_space_url(space),
    )
    return membership


# --- Groups kept by a program ---------------------------------------------------------------------


@transaction.atomic
def add_member(moderator, space: Space, person) -> Membership:
    """A group's moderator adds someone at once, without an invitation to accept: a program's
    staff enrolling a resident, a graduate or a family member in the program's group (programs
    call this; members of ordinary groups join or are invited). Someone removed from the group,
    or banned, is not added."""
    if not access.can_moderate_space(moderator, space):
        raise Refused(_("Only this group's moderators can add people."))
    if access.is_banned(person):
        raise Refused(
            _("%(handle)s is banned from the community.") % {"handle": person.handle},
            field="handle",
        )
    membership = Membership.objects.select_for_update().filter(space=space, person=person).first()
    if membership is not None and membership.status == Membership.Status.REMOVED:
        raise Refused(
            _("%(handle)s was removed from this group.") % {"handle": person.handle},
            field="handle",
        )
    if membership is None:
        membership = Membership.objects.create(space=space, person=person)
    elif membership.status != Membership.Status.ACTIVE:
        membership.status = Membership.Status.ACTIVE
        membership.joined_at = membership.last_visit_at = timezone.now()
        membership.save(update_fields=["status", "joined_at", "last_visit_at"])
    forget(person)
    return membership


@transaction.atomic
def end_membership(moderator, space: Space, person) -> None:
    """A group's moderator ends someone's place in it without a sanction (a resident moving
    out, a graduate leaving a cohort): they may be added again later. A peer moderator's place
    is ended by `remove_space_moderator` first."""
    if not access.can_moderate_space(moderator, space):
        raise Refused(_("Only this group's moderators can do this."))
    Membership.objects.filter(space=space, person=person, role=Membership.Role.MEMBER).exclude(
        status=Membership.Status.REMOVED
    ).delete()
    forget(person)


def create_kept_space(*, name: str, description: str, moderators) -> Space:
    """A private group kept by a program (an alumni cohort's group), made as part of its
    staff's own flow: the caller has checked that the acting person keeps the program (a
    program's staff are usually not site moderators, who alone start ordinary groups). The
    program's staff are its peer moderators (`seat_moderators`)."""
    name = _text(name, limit=NAME_MAX, what=_("The name"), field="name")
    _check_name_free(name)
    base = slugify(name)[: SLUG_MAX - 4].strip("-_") or "group"
    slug, n = base, 1
    while Space.objects.filter(slug__iexact=slug).exists() or slug in RESERVED_SLUGS:
        n += 1
        slug = f"{base}-{n}"
    slug = clean_slug(slug, name)
    try:
        with transaction.atomic():  # two people naming a group alike at once
            space = Space.objects.create(
                slug=slug,
                name=name,
                description=_description(description[:DESCRIPTION_MAX]),
                kind=Space.Kind.PRIVATE,
            )
    except IntegrityError as exc:
        raise Refused(_("Another group already has this name."), field="name") from exc
    seat_moderators(space, moderators)
    return space


def seat_moderators(space: Space, people) -> None:
    """Make these people (a program's staff, checked by the caller) the peer moderators of a
    group the program keeps, once each; a removal by the group's moderators stands."""
    present = {m.person_id: m for m in Membership.objects.filter(space=space, person__in=people)}
    for person in people:
        membership = present.get(person.pk)
        if membership is not None and membership.status == Membership.Status.REMOVED:
            continue
        if membership is None:
            Membership.objects.create(
                space=space,
                person=person,
                role=Membership.Role.MODERATOR,
                status=Membership.Status.ACTIVE,
            )
        elif (membership.role, membership.status) != (
            Membership.Role.MODERATOR,
            Membership.Status.ACTIVE,
        ):
            membership.role, membership.status = Membership.Role.MODERATOR, Membership.Status.ACTIVE
            membership.save(update_fields=["role", "status"])
        else:
            continue
        forget(person)
