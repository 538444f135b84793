"""Starting groups, changing their settings and naming their peer moderators, without the Django
admin. Same contract as services.py: each function checks its rule, writes in one transaction and
returns the result. A group's name, description and guidelines are user-written text: they go
through the safety net (`safety.services.check_text`) whenever they change."""

import re
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from lantern.accounts.models import User
from lantern.core.notifications import notify
from lantern.safety import services as safety

from . import access
from .models import Membership, ModerationAction, Space, Topic
from .services import CommunityError, Saved, _record, clean_text

NAME_MAX = 80  # Space.name
SLUG_MAX = 60  # Space.slug
DESCRIPTION_MAX = 300  # Space.description
GUIDELINES_MAX = 5_000
# Fixed words in /groups/<word>/ addresses (urls.py): a group with one of these slugs could never
# be reached. test_spaces_manage checks this list against the URL patterns.
RESERVED_SLUGS = frozenset({"new", "welcome", "search", "moderation", "posts"})
SLUG_RE = re.compile(r"[a-z0-9][-a-z0-9_]*")
KEEP: Any = object()  # update_space: leave this setting as it is


class SpaceError(CommunityError):
    """A CommunityError that names the form field at fault (None: the form as a whole)."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


def _text(value: str, *, limit: int, what: str, field: str, required: bool = True) -> str:
    if not required and not (value or "").strip():
        return ""
    try:
        return clean_text(value, limit=limit, what=what)
    except CommunityError as exc:
        raise SpaceError(str(exc), field) from exc


def clean_slug(slug: str, name: str, *, space: Space | None = None) -> str:
    """The group's web address: as given (lowercased), or made from the name. It must be free
    and must not be one of the fixed words under /groups/."""
    slug = (slug or "").strip().lower()
    if not slug:
        slug = slugify(name)[:SLUG_MAX].strip("-_")
        if not slug:
            raise SpaceError(
                _("Choose a web address for the group: letters, numbers and hyphens."), "slug"
            )
    if len(slug) > SLUG_MAX:
        raise SpaceError(
            _("The web address is too long: at most %(limit)s characters.") % {"limit": SLUG_MAX},
            "slug",
        )
    if not SLUG_RE.fullmatch(slug):
        raise SpaceError(
            _(
                "The web address can only use letters, numbers, hyphens and underscores, and "
                "must start with a letter or number."
            ),
            "slug",
        )
    if slug in RESERVED_SLUGS:
        raise SpaceError(
            _("“%(slug)s” is a word Lantern uses in its own addresses. Choose another.")
            % {"slug": slug},
            "slug",
        )
    taken = Space.objects.filter(slug__iexact=slug)
    if space is not None:
        taken = taken.exclude(pk=space.pk)
    if taken.exists():
        raise SpaceError(
            _("Another group already has the address /groups/%(slug)s/. Choose another.")
            % {"slug": slug},
            "slug",
        )
    return slug


def _check_name_free(name: str, space: Space | None = None) -> None:
    others = Space.objects.filter(name__iexact=name)
    if space is not None:
        others = others.exclude(pk=space.pk)
    if others.exists():
        raise SpaceError(_("Another group already has this name."), "name")


def _topics(topics) -> list[str]:
    chosen = set(topics or [])
    if chosen - set(Topic.values):
        raise SpaceError(_("Choose topics from the list."), "topics")
    return [t for t in Topic.values if t in chosen]  # in the list's order, once each


def _check_rules(kind: str, hold_urgent_posts: bool | None) -> None:
    if kind not in Space.Kind.values:
        raise SpaceError(_("Choose who may join."), "kind")
    if hold_urgent_posts not in (None, True, False):
        raise SpaceError(_("Choose what happens to urgent posts."), "hold_urgent_posts")


def hold_label(hold_urgent_posts: bool | None) -> str:
    if hold_urgent_posts is None:
        return _("follow the site's safety setting")
    return _("hold for review") if hold_urgent_posts else _("publish at once")


def _rules(space: Space) -> str:
    return _("who may join: %(kind)s; urgent posts: %(hold)s") % {
        "kind": space.get_kind_display(),
        "hold": hold_label(space.hold_urgent_posts),
    }


def _check_words(person: User, space: Space, texts: list[str]) -> bool:
    """New or changed words of the group through the safety net; True when the writer should
    see the crisis lines. Urgent words alert on-duty staff. A group's words have no held state:
    they are saved, and staff follow the alert to the group (and its settings page)."""
    words = "\n\n".join(t for t in texts if t)
    if not words:
        return False
    outcome = safety.check_text(
        person, words, "group", source=space, source_url=space.get_absolute_url(), hold_urgent=False
    )
    return bool(outcome.show_resources)


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
    person: User,
    *,
    name: str,
    description: str,
    slug: str = "",
    guidelines: str = "",
    topics: list[str] | tuple = (),
    kind: str = Space.Kind.OPEN,
    hold_urgent_posts: bool | None = None,
) -> Saved:
    """Site moderators and administrators start a group. Its address is made from the name when
    left empty and never changes. The creator does not become a member (they moderate every
    group already). Recorded for the other moderators."""
    if not access.can_create_space(person):
        raise SpaceError(_("Only moderators can start a group."))
    name = _text(name, limit=NAME_MAX, what=_("The name"), field="name")
    _check_name_free(name)
    slug = clean_slug(slug, name)
    description = _description(description)
    guidelines = _guidelines(guidelines)
    topics = _topics(topics)
    _check_rules(kind, hold_urgent_posts)
    try:
        with transaction.atomic():  # two people choosing the same address at once
            space = Space.objects.create(
                slug=slug,
                name=name,
                description=description,
                guidelines=guidelines,
                topics=topics,
                kind=kind,
                hold_urgent_posts=hold_urgent_posts,
            )
    except IntegrityError as exc:
        raise SpaceError(
            _("Another group already has the address /groups/%(slug)s/. Choose another.")
            % {"slug": slug},
            "slug",
        ) from exc
    _record(
        person,
        ModerationAction.Kind.SPACE_CREATE,
        _("Started the group (%(rules)s)") % {"rules": _rules(space)},
        space=space,
    )
    show = _check_words(person, space, [name, description, guidelines])
    return Saved(space, False, show)


@transaction.atomic
def update_space(
    person: User,
    space: Space,
    *,
    name: str = KEEP,
    description: str = KEEP,
    guidelines: str = KEEP,
    topics: list[str] = KEEP,
    kind: str = KEEP,
    hold_urgent_posts: bool | None = KEEP,
) -> Saved:
    """A group's peer moderators change its description, guidelines and topics; site moderators
    also its name, who may join and whether urgent posts are held (recorded). The address never
    changes: links to the group would break. Arguments left out stay as they are."""
    if not access.can_edit_space(person, space):
        raise SpaceError(_("Only this group's moderators can change it."))
    space = Space.objects.select_for_update().get(pk=space.pk)
    may_change_rules = access.can_change_space_rules(person, space)
    rules_before = _rules(space)
    changed, new_words = [], []
    if name is not KEEP:
        name = _text(name, limit=NAME_MAX, what=_("The name"), field="name")
        if name != space.name:
            if not may_change_rules:
                raise SpaceError(_("Only site moderators can rename a group."), "name")
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
            raise SpaceError(
                _("Only site moderators can change who may join or how urgent posts are handled."),
                field,
            )
        space.kind, space.hold_urgent_posts = new_kind, new_hold
        changed += ["kind", "hold_urgent_posts"]
    if not changed:
        return Saved(space, False, False)
    space.save(update_fields=changed)
    if "kind" in changed:
        _record(
            person,
            ModerationAction.Kind.SPACE_RULES,
            _("Changed the group's rules from %(before)s to %(after)s")
            % {"before": rules_before, "after": _rules(space)},
            space=space,
        )
    return Saved(space, False, _check_words(person, space, new_words))


def _forget_memberships(person: User) -> None:
    person.__dict__.pop("_community_memberships", None)


@transaction.atomic
def add_space_moderator(person: User, space: Space, handle: str) -> Membership:
    """Site moderators name a group's peer moderator by handle: an active person who is not
    banned, and was not removed from the group. They become an active member with the moderator
    role, are told, and it is recorded."""
    if not access.can_manage_space_moderators(person, space):
        raise SpaceError(_("Only site moderators can name a group's moderators."))
    handle = (handle or "").strip().lstrip("@")
    candidate = (
        User.objects.filter(handle__iexact=handle, is_active=True).first() if handle else None
    )
    if candidate is None:
        raise SpaceError(_("Nobody on Lantern has that handle."), "handle")
    if access.is_banned(candidate):
        raise SpaceError(
            _("%(handle)s is banned from the community.") % {"handle": candidate.handle}, "handle"
        )
    membership = (
        Membership.objects.select_for_update().filter(space=space, person=candidate).first()
    )
    if membership is not None and membership.status == Membership.Status.REMOVED:
        raise SpaceError(
            _("%(handle)s was removed from this group.") % {"handle": candidate.handle}, "handle"
        )
    if (
        membership is not None
        and membership.status == Membership.Status.ACTIVE
        and membership.role == Membership.Role.MODERATOR
    ):
        raise SpaceError(
            _("%(handle)s is already a peer moderator here.") % {"handle": candidate.handle},
            "handle",
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
    _forget_memberships(candidate)
    _record(
        person,
        ModerationAction.Kind.APPOINT,
        _("Made a peer moderator of %(space)s") % {"space": space.name},
        person=candidate,
        space=space,
    )
    notify(
        candidate,
        "community.moderator",
        _("You are now a peer moderator of %(space)s") % {"space": space.name},
        body=_("You can let people in, review held and reported posts, and edit the guidelines."),
        url=space.get_absolute_url(),
    )
    return membership


@transaction.atomic
def remove_space_moderator(person: User, space: Space, handle: str) -> Membership:
    """Site moderators end someone's peer-moderator role in a group; they stay an ordinary
    member. They are told, and it is recorded."""
    if not access.can_manage_space_moderators(person, space):
        raise SpaceError(_("Only site moderators can name a group's moderators."))
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
        raise SpaceError(_("%(handle)s is not a peer moderator here.") % {"handle": handle})
    membership.role = Membership.Role.MEMBER
    membership.save(update_fields=["role"])
    _forget_memberships(membership.person)
    _record(
        person,
        ModerationAction.Kind.UNAPPOINT,
        _("No longer a peer moderator of %(space)s; still a member") % {"space": space.name},
        person=membership.person,
        space=space,
    )
    notify(
        membership.person,
        "community.moderator",
        _("You are no longer a peer moderator of %(space)s") % {"space": space.name},
        url=space.get_absolute_url(),
    )
    return membership
