"""Online peer-support groups: spaces, threads, posts, support reactions, private messages,
reports and moderation. Who may see what is decided in access.py and the QuerySets below."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lantern.core.access import has_role
from lantern.core.roles import HELPER_ROLES, SITE_MODERATOR_ROLES

USER = settings.AUTH_USER_MODEL
NEWCOMER_DAYS = 30  # private messages are limited for this long after joining
EDIT_WINDOW = timedelta(hours=1)


class Topic(models.TextChoices):
    NEWCOMERS = "newcomers", _("Newcomers")
    EARLY = "early-recovery", _("Early recovery")
    DUAL = "dual-diagnosis", _("Dual diagnosis")
    WOMEN = "women", _("Women")
    MEN = "men", _("Men")
    LGBTQ = "lgbtq", _("LGBTQ+")
    FAMILY = "family", _("Family and friends")
    MEDICATION = "medication", _("Medication-assisted recovery")
    TWELVE_STEP = "12-step", _("12-step")
    SMART = "smart", _("SMART Recovery")
    GRIEF = "grief", _("Grief")
    PARENTING = "parenting", _("Parenting")
    WORK = "work", _("Work and money")
    HARM_REDUCTION = "harm-reduction", _("Harm reduction")


def is_site_moderator(user) -> bool:
    return has_role(user, *SITE_MODERATOR_ROLES)


class Audience(models.TextChoices):
    """Whom a group is for. Family and friends of people in recovery have groups of their own
    (each side speaks freely); a group for the other side is, to a person, like a group by
    invitation: they reach it only when invited. Helpers (supporters, specialists, moderators,
    administrators) serve both."""

    RECOVERY = "recovery", _("People in recovery")
    FAMILY = "family", _("Family and friends")
    EVERYONE = "everyone", _("Everyone")


def audiences_for(user) -> tuple[str, ...]:
    """The audiences whose groups a person finds and may join without an invitation."""
    if has_role(user, *HELPER_ROLES):
        return tuple(Audience.values)
    if getattr(user, "account_type", "") == Audience.FAMILY:
        return (Audience.FAMILY, Audience.EVERYONE)
    return (Audience.RECOVERY, Audience.EVERYONE)


class SpaceQuerySet(models.QuerySet):
    def listed_for(self, user):
        """Spaces a person sees in the list: open and join-on-request spaces, and private
        ones they belong to (site moderators see every space)."""
        if not user.is_authenticated:
            return self.none()
        if is_site_moderator(user):
            return self
        mine = Membership.objects.filter(space=OuterRef("pk"), person=user).exclude(
            status=Membership.Status.REMOVED
        )
        for_them = ~Q(kind=Space.Kind.PRIVATE) & Q(audience__in=audiences_for(user))
        return self.filter(for_them | Q(Exists(mine)))

    def readable_by(self, user):
        """Spaces whose threads a person may read: open spaces, and the others they are an
        active member of (site moderators read every space)."""
        if not user.is_authenticated:
            return self.none()
        if is_site_moderator(user):
            return self
        active = Membership.objects.filter(
            space=OuterRef("pk"), person=user, status=Membership.Status.ACTIVE
        )
        removed = Membership.objects.filter(
            space=OuterRef("pk"), person=user, status=Membership.Status.REMOVED
        )
        open_to_them = Q(kind=Space.Kind.OPEN, audience__in=audiences_for(user))
        return self.filter((open_to_them & ~Q(Exists(removed))) | Q(Exists(active)))


class Space(models.Model):
    """An online peer-support group with its own guidelines and peer moderators."""

    class Kind(models.TextChoices):
        OPEN = "open", _("Open to all members")
        REQUEST = "request", _("Join on request")
        PRIVATE = "private", _("By invitation")

    slug = models.SlugField(unique=True, max_length=60)
    name = models.CharField(_("name"), max_length=80)
    description = models.CharField(_("description"), max_length=300)
    guidelines = models.TextField(_("guidelines"), blank=True)
    topics = models.JSONField(_("topics"), default=list, blank=True)
    kind = models.CharField(_("who may join"), max_length=10, choices=Kind, default=Kind.OPEN)
    audience = models.CharField(
        _("who it is for"), max_length=10, choices=Audience, default=Audience.RECOVERY
    )
    hold_urgent_posts = models.BooleanField(
        _("hold urgent posts for review"),
        null=True,
        blank=True,
        help_text=_("Empty: follow the site's safety settings."),
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = SpaceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("community-space", args=[self.slug])

    def topic_labels(self) -> list[str]:
        if not self.topics:
            return []
        labels = dict(Topic.choices)
        return [str(labels.get(t, t)) for t in self.topics]


class Membership(models.Model):
    """A person's place in a space: member or peer moderator, and when they last visited."""

    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        MODERATOR = "moderator", _("Peer moderator")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Member")
        REQUESTED = "requested", _("Asked to join")
        INVITED = "invited", _("Invited")
        REMOVED = "removed", _("Removed")

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="space_memberships")
    role = models.CharField(max_length=10, choices=Role, default=Role.MEMBER)
    status = models.CharField(max_length=10, choices=Status, default=Status.ACTIVE)
    joined_at = models.DateTimeField(default=timezone.now)
    last_visit_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["space", "person"], name="one_membership_per_space")
        ]

    def __str__(self):
        return f"{self.person} in {self.space}"


class Thread(models.Model):
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="threads")
    author = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    title = models.CharField(_("title"), max_length=120)
    created_at = models.DateTimeField(default=timezone.now)
    last_post_at = models.DateTimeField(default=timezone.now, db_index=True)
    reply_count = models.PositiveIntegerField(default=0)
    locked = models.BooleanField(default=False)

    class Meta:
        indexes = [models.Index(fields=["space", "-last_post_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("community-thread", args=[self.space.slug, self.pk])


class PostQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The one answer to "which posts may this person read": published posts in spaces
        they may read; their own held posts; everything in spaces they moderate."""
        if not user.is_authenticated:
            return self.none()
        if is_site_moderator(user):
            return self
        readable = Space.objects.readable_by(user).values("pk")
        moderated = Membership.objects.filter(
            person=user, role=Membership.Role.MODERATOR, status=Membership.Status.ACTIVE
        ).values("space_id")
        return self.filter(
            (
                Q(space__in=readable)
                & (
                    Q(status=Post.Status.PUBLISHED)
                    | Q(status=Post.Status.HELD, author=user)
                    | Q(status=Post.Status.DELETED)  # shown as a placeholder, never the text
                )
            )
            | Q(space__in=moderated)
        )

    def published(self):
        return self.filter(status=Post.Status.PUBLISHED)


def opening_visible_to(user, thread_ref: str = "pk") -> Exists:
    """True for threads whose opening post the person may see (held and hidden threads are
    listed to their author and the space's moderators only)."""
    return Exists(Post.objects.visible_to(user).filter(thread=OuterRef(thread_ref), opening=True))


class Post(models.Model):
    """A thread's opening post or a reply. `body` is the author's text (Markdown); `html` is
    its sanitised rendering, made once at save time."""

    class Status(models.TextChoices):
        PUBLISHED = "published", _("Published")
        HELD = "held", _("Held for review")
        HIDDEN = "hidden", _("Hidden by a moderator")
        DELETED = "deleted", _("Deleted by the author")

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="posts")
    body = models.TextField()
    html = models.TextField()
    opening = models.BooleanField(default=False)
    anonymous = models.BooleanField(default=False)
    content_warning = models.BooleanField(default=False)
    newcomer = models.BooleanField(default=False, help_text="the author's first post")
    welcomed_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status, default=Status.PUBLISHED)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)

    objects = PostQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["thread", "created_at"]),
            models.Index(fields=["space", "created_at"]),
            models.Index(fields=["newcomer", "welcomed_at"]),
        ]

    def __str__(self):
        return f"post {self.pk}"

    def get_absolute_url(self):
        thread = reverse("community-thread", args=[self.space.slug, self.thread_id])
        return f"{thread}#post-{self.pk}"

    @property
    def editable_until(self):
        return self.created_at + EDIT_WINDOW


class Reaction(models.Model):
    """Support instead of likes. The author sees who reacted."""

    class Kind(models.TextChoices):
        RELATE = "relate", _("I relate")
        STRENGTH = "strength", _("Sending strength")
        THANKS = "thanks", _("Thank you")

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    person = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "person", "kind"], name="one_reaction_each")
        ]

    def __str__(self):
        return f"{self.person} {self.kind} post {self.post_id}"


class ThreadRead(models.Model):
    """When a person last read a thread: "new since your last visit"."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["thread", "person"], name="one_read_mark_per_thread")
        ]

    def __str__(self):
        return f"{self.person} read {self.thread_id}"


# --- Private messages ---------------------------------------------------------------------------


class ConversationQuerySet(models.QuerySet):
    def of(self, user):
        return self.filter(Q(first=user) | Q(second=user))


class Conversation(models.Model):
    """Private messages between two people (first has the lower id): the one conversation
    mechanism of Lantern (see services/conversations.py).

    `about` is empty for a direct conversation between two members. Another app that opens a
    conversation about one of its records (a live room, a specialist's engagement, a mentorship)
    names that record here ("app.model:pk", `core.models.reference`): the same two people then
    have one conversation per record, apart from their direct one."""

    # A person who erases their account leaves the conversation (shown as "a former member"):
    # the other person's copy, and any report about it, stay.
    first = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    second = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    about = models.CharField(max_length=128, blank=True, default="", db_index=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_message_at = models.DateTimeField(default=timezone.now)
    first_read_at = models.DateTimeField(null=True, blank=True)
    second_read_at = models.DateTimeField(null=True, blank=True)

    objects = ConversationQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["first", "second", "about"], name="one_conversation_per_pair_and_record"
            )
        ]

    def __str__(self):
        return f"conversation {self.pk}"

    def get_absolute_url(self):
        return reverse("community-conversation", args=[self.pk])

    @property
    def is_direct(self) -> bool:
        return not self.about

    def members(self) -> list:
        """The people still in it (someone who erased their account is gone)."""
        return [person for person in (self.first, self.second) if person is not None]

    def other(self, user):
        return self.second if user.pk == self.first_id else self.first

    def read_at(self, user):
        return self.first_read_at if user.pk == self.first_id else self.second_read_at


class Message(models.Model):
    class Status(models.TextChoices):
        SENT = "sent", _("Sent")
        HELD = "held", _("Held for review")
        HIDDEN = "hidden", _("Hidden by a moderator")

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    sender = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    body = models.TextField()
    html = models.TextField()
    status = models.CharField(max_length=10, choices=Status, default=Status.SENT)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["conversation", "created_at"])]

    def __str__(self):
        return f"message {self.pk}"


class MemberSettings(models.Model):
    """A member's own choices for the groups: who may message them, which notifications."""

    class MessagesFrom(models.TextChoices):
        USUAL = "", _("The usual rule: helpers only in my first 30 days, then any member")
        ANYONE = "anyone", _("Any member")
        HELPERS = "helpers", _("Only supporters, peer specialists and moderators")

    person = models.OneToOneField(
        USER, primary_key=True, on_delete=models.CASCADE, related_name="community_settings"
    )
    messages_from = models.CharField(
        _("who may send me private messages"),
        max_length=8,
        choices=MessagesFrom,
        blank=True,
        default=MessagesFrom.USUAL,
    )
    notify_reactions = models.BooleanField(
        _("tell me when someone reacts to my posts"), default=True
    )
    notify_mentions = models.BooleanField(
        _("tell me when someone mentions my handle"), default=True
    )

    def __str__(self):
        return f"settings of {self.person_id}"


class Block(models.Model):
    """`blocker` wants no contact with `blocked`: no messages either way."""

    blocker = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="blocks")
    blocked = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["blocker", "blocked"], name="block_once")]

    def __str__(self):
        return f"{self.blocker} blocked {self.blocked}"


# --- Reports and moderation ---------------------------------------------------------------------


class Report(models.Model):
    class Reason(models.TextChoices):
        HARASSMENT = "harassment", _("Harassment or bullying")
        PREDATORY = "predatory", _("Unwanted or predatory contact")
        CRISIS = "crisis", _("Someone may be in danger")
        SELLING = "selling", _("Selling or offering drugs")
        SPAM = "spam", _("Spam or advertising")
        PRIVACY = "privacy", _("Shares someone's private information")
        OTHER = "other", _("Something else")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        RESOLVED = "resolved", _("Resolved")

    reporter = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    post = models.ForeignKey(Post, null=True, blank=True, on_delete=models.CASCADE)
    message = models.ForeignKey(Message, null=True, blank=True, on_delete=models.CASCADE)
    reason = models.CharField(_("reason"), max_length=12, choices=Reason)
    note = models.CharField(_("anything else moderators should know"), max_length=1000, blank=True)
    status = models.CharField(max_length=10, choices=Status, default=Status.OPEN)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return f"report {self.pk}"


class SanctionQuerySet(models.QuerySet):
    def in_force(self, at=None):
        at = at or timezone.now()
        return self.filter(Q(until__isnull=True) | Q(until__gt=at), lifted_at__isnull=True)


class Sanction(models.Model):
    """A mute (in one space, or everywhere when `space` is empty) or a ban from the community."""

    class Kind(models.TextChoices):
        MUTE = "mute", _("Muted")
        BAN = "ban", _("Banned")

    person = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="sanctions")
    kind = models.CharField(max_length=6, choices=Kind)
    space = models.ForeignKey(Space, null=True, blank=True, on_delete=models.CASCADE)
    until = models.DateTimeField(null=True, blank=True)
    lifted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = SanctionQuerySet.as_manager()

    def __str__(self):
        return f"{self.kind} {self.person}"


class ModerationAction(models.Model):
    """Every moderator action, with its reason, visible to the other moderators."""

    class Kind(models.TextChoices):
        HIDE = "hide", _("Hid a post")
        RESTORE = "restore", _("Restored a post")
        APPROVE = "approve", _("Approved a held post")
        HIDE_MESSAGE = "hide-message", _("Hid a message")
        RESTORE_MESSAGE = "restore-message", _("Released a message")
        WARN = "warn", _("Warned")
        MUTE = "mute", _("Muted")
        REMOVE = "remove", _("Removed from a space")
        BAN = "ban", _("Banned")
        LIFT = "lift", _("Lifted a mute or ban")
        DISMISS = "dismiss", _("Closed a report")
        ADMIT = "admit", _("Let someone join")
        VIEW_CONVERSATION = "view-conversation", _("Read a reported conversation")
        LOCK = "lock", _("Closed a thread to replies")
        UNLOCK = "unlock", _("Reopened a thread")
        APPOINT = "appoint", _("Made a peer moderator")
        UNAPPOINT = "unappoint", _("Ended a peer moderator's role")
        SPACE_CREATE = "space-create", _("Started a group")
        SPACE_RULES = "space-rules", _("Changed a group's rules")

    moderator = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind)
    person = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="moderation_history"
    )
    space = models.ForeignKey(Space, null=True, blank=True, on_delete=models.SET_NULL)
    post = models.ForeignKey(Post, null=True, blank=True, on_delete=models.SET_NULL)
    message = models.ForeignKey(Message, null=True, blank=True, on_delete=models.SET_NULL)
    report = models.ForeignKey(Report, null=True, blank=True, on_delete=models.SET_NULL)
    reason = models.CharField(max_length=500)
    until = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.moderator} {self.kind}"
