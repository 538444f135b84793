"""Community pages: parse → check access (access.py) → call a service → render or redirect.
Everything works without JavaScript; htmx only swaps the reactions in place."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lantern.accounts.models import User
from lantern.safety.services import crisis_resources

from . import access, forms, moderation, services
from .models import (
    Block,
    Conversation,
    Membership,
    Message,
    Post,
    Reaction,
    Space,
    Thread,
)
from .search import search as run_search

THREADS_PER_PAGE = 30
POSTS_PER_PAGE = 20  # keeps a page of long replies under the 30 KB budget


# --- Loading what the person may see (or 404) ---------------------------------------------------


def _space_for(request, slug: str) -> Space:
    return get_object_or_404(Space.objects.listed_for(request.user), slug=slug)


def _thread_for(request, slug: str, pk: int) -> Thread:
    thread = get_object_or_404(
        Thread.objects.select_related("space", "author"), pk=pk, space__slug=slug
    )
    if not access.can_read_space(request.user, thread.space):
        raise Http404
    opening = thread.posts.filter(opening=True).first()
    if opening is None or not access.can_see_post(request.user, opening):
        raise Http404
    return thread


def _post_for(request, pk: int) -> Post:
    return get_object_or_404(
        Post.objects.visible_to(request.user).select_related("thread", "space", "author"), pk=pk
    )


def _conversation_for(request, pk: int) -> Conversation:
    conversation = get_object_or_404(Conversation.objects.select_related("first", "second"), pk=pk)
    if not access.can_view_conversation(request.user, conversation):
        raise Http404
    return conversation


def _after_save(request, saved: services.Saved, what: str) -> None:
    """Tell the author what happened; crisis lines on the next page if the text needs care."""
    if saved.show_resources:
        request.session["community_crisis"] = True
    if saved.held:
        messages.info(
            request,
            _(
                "Thank you for sharing. A moderator will look at your %(what)s before others "
                "see it. If you are in danger now, the crisis lines below are there for you."
            )
            % {"what": what},
        )


def _crisis(request) -> list:
    if request.session.pop("community_crisis", False):
        return crisis_resources(get_language() or "en")
    return []


# --- Spaces -------------------------------------------------------------------------------------


@login_required
@require_GET
def spaces(request):
    """Every group a person may see, their own first, with posts new since their last visit."""
    listed = list(services.spaces_with_counts(request.user))
    mine = [s for s in listed if s.my_status == Membership.Status.ACTIVE]
    others = [s for s in listed if s.my_status != Membership.Status.ACTIVE]
    return render(
        request,
        "community/spaces.html",
        {
            "mine": mine,
            "others": others,
            "can_welcome": access.can_welcome_newcomers(request.user),
            "can_moderate": access.can_moderate(request.user),
            "can_create": access.can_create_space(request.user),
            "crisis": _crisis(request),
        },
    )


@login_required
@require_GET
def space(request, slug: str):
    space = _space_for(request, slug)
    can_read = access.can_read_space(request.user, space)
    membership = access.membership(request.user, space)
    page = None
    previous_visit = None
    if can_read:
        previous_visit = services.mark_space_visited(request.user, space)
        page = Paginator(services.threads_for(request.user, space), THREADS_PER_PAGE).get_page(
            request.GET.get("page")
        )
        for thread in page:
            seen = thread.my_read_at or previous_visit
            thread.is_new = seen is not None and thread.last_post_at > seen
    moderates = access.can_moderate_space(request.user, space)
    requests = (
        space.memberships.filter(status=Membership.Status.REQUESTED).select_related("person")
        if moderates
        else []
    )
    return render(
        request,
        "community/space.html",
        {
            "space": space,
            "page": page,
            "can_read": can_read,
            "membership": membership,
            "can_join": access.can_join_space(request.user, space),
            "can_post": access.can_post_in_space(request.user, space),
            "moderates": moderates,
            "can_edit": access.can_edit_space(request.user, space),
            "join_requests": requests,
            "moderators": services.space_moderators(space),
            "crisis": _crisis(request),
        },
    )


@login_required
@require_POST
def space_join(request, slug: str):
    space = _space_for(request, slug)
    try:
        membership = services.join_space(request.user, space)
    except services.CommunityError as exc:
        messages.error(request, str(exc))
        return redirect("community-space", slug=slug)
    if membership.status == Membership.Status.REQUESTED:
        messages.success(request, _("You asked to join. A moderator will let you in soon."))
    else:
        messages.success(request, _("Welcome to %(space)s.") % {"space": space})
    return redirect("community-space", slug=slug)


@login_required
@require_POST
def space_leave(request, slug: str):
    space = _space_for(request, slug)
    services.leave_space(request.user, space)
    messages.success(request, _("You left %(space)s.") % {"space": space})
    return redirect("community-spaces")


@login_required
@require_POST
def space_admit(request, slug: str, pk: int):
    space = _space_for(request, slug)
    if not access.can_moderate_space(request.user, space):
        raise Http404
    membership = get_object_or_404(Membership.objects.select_related("person"), pk=pk, space=space)
    if membership.status != Membership.Status.REQUESTED:
        messages.info(
            request, _("%(handle)s is not waiting to join.") % {"handle": membership.person}
        )
    else:
        services.admit(request.user, membership)
        messages.success(
            request, _("%(handle)s can now take part.") % {"handle": membership.person}
        )
    return redirect("community-space", slug=slug)


@login_required
@require_POST
def space_invite(request, slug: str):
    space = _space_for(request, slug)
    if not access.can_moderate_space(request.user, space):
        raise Http404
    try:
        membership = services.invite(request.user, space, request.POST.get("handle", "")[:30])
    except services.CommunityError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("%(handle)s is invited.") % {"handle": membership.person.handle}
        )
    return redirect("community-space", slug=slug)


# --- Threads and posts --------------------------------------------------------------------------


@login_required
def thread_new(request, slug: str):
    space = _space_for(request, slug)
    if not access.can_post_in_space(request.user, space):
        raise Http404
    form = forms.ThreadForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = services.start_thread(
                request.user,
                space,
                data["title"],
                data["body"],
                anonymous=data["anonymous"],
                content_warning=data["content_warning"],
            )
        except services.CommunityError as exc:
            form.add_error(None, str(exc))
        else:
            _after_save(request, saved, _("post"))
            return redirect(saved.obj.thread.get_absolute_url())
    return render(request, "community/thread_new.html", {"space": space, "form": form})


def _decorate(posts: list[Post], user, space: Space, since) -> None:
    moderates = access.can_moderate_space(user, space)
    reactions = services.reactions_for(posts, user)
    blocked = set(Block.objects.filter(blocker=user).values_list("blocked_id", flat=True))
    now = timezone.now()
    for post in posts:
        # Folded, not removed; never for anonymous posts (that would reveal who wrote them).
        post.from_blocked = post.author_id in blocked and not post.anonymous
        post.mine = post.author_id == user.pk
        post.shown_author = (
            post.author.handle
            if post.author and (not post.anonymous or post.mine or moderates)
            else None
        )
        post.is_new = since is not None and post.created_at > since and not post.mine
        post.can_edit = (
            post.mine and post.status != Post.Status.DELETED and now <= post.editable_until
        )
        post.support = reactions[post.pk]
        post.can_react = not post.mine and post.status == Post.Status.PUBLISHED


@login_required
@require_GET
def thread(request, slug: str, pk: int):
    thread = _thread_for(request, slug, pk)
    space = thread.space
    posts = (
        Post.objects.visible_to(request.user)
        .filter(thread=thread)
        .select_related("author")
        .order_by("created_at")
    )
    page = Paginator(posts, POSTS_PER_PAGE).get_page(request.GET.get("page"))
    since = services.mark_thread_read(request.user, thread)
    page_posts = list(page)
    _decorate(page_posts, request.user, space, since)
    can_post = access.can_post_in_space(request.user, space)
    return render(
        request,
        "community/thread.html",
        {
            "space": space,
            "thread": thread,
            "page": page,
            "posts": page_posts,
            "can_reply": access.can_reply_to_thread(request.user, thread),
            "can_post": can_post,
            "moderates": access.can_moderate_space(request.user, space),
            "form": forms.ReplyForm(),
            "reaction_kinds": Reaction.Kind.choices,
            "crisis": _crisis(request),
        },
    )


@login_required
@require_POST
def thread_reply(request, slug: str, pk: int):
    thread = _thread_for(request, slug, pk)
    form = forms.ReplyForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            saved = services.reply(
                request.user,
                thread,
                data["body"],
                anonymous=data["anonymous"],
                content_warning=data["content_warning"],
            )
        except services.CommunityError as exc:
            form.add_error(None, str(exc))
        else:
            _after_save(request, saved, _("reply"))
            last = Post.objects.visible_to(request.user).filter(thread=thread).count() - 1
            page = last // POSTS_PER_PAGE + 1
            return redirect(f"{thread.get_absolute_url()}?page={page}#post-{saved.obj.pk}")
    return render(
        request,
        "community/reply_error.html",
        {"thread": thread, "space": thread.space, "form": form},
        status=400,
    )


@login_required
def post_edit(request, pk: int):
    post = _post_for(request, pk)
    if not access.can_edit_post(request.user, post):
        raise Http404
    form = forms.EditForm(
        request.POST or None,
        opening=post.opening,
        initial={
            "title": post.thread.title,
            "body": post.body,
            "content_warning": post.content_warning,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.edit_post(
                request.user,
                post,
                form.cleaned_data["body"],
                content_warning=form.cleaned_data["content_warning"],
                title=form.cleaned_data.get("title"),
            )
        except services.CommunityError as exc:
            form.add_error(None, str(exc))
        else:
            _after_save(request, saved, _("post"))
            messages.success(request, _("Saved."))
            return redirect(post.get_absolute_url())
    return render(request, "community/post_edit.html", {"post": post, "form": form})


@login_required
@require_POST
def post_delete(request, pk: int):
    post = _post_for(request, pk)
    if not access.can_delete_post(request.user, post):
        raise Http404
    try:
        services.delete_post(request.user, post)
    except services.CommunityError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Your post was deleted."))
    return redirect(post.thread.get_absolute_url())


@login_required
@require_POST
def post_react(request, pk: int):
    post = _post_for(request, pk)
    try:
        services.toggle_reaction(request.user, post, request.POST.get("kind", ""))
    except services.CommunityError as exc:
        if not request.htmx:
            messages.error(request, str(exc))
    if request.htmx:
        _decorate([post], request.user, post.space, None)
        return render(
            request,
            "community/_reactions.html",
            {"post": post, "reaction_kinds": Reaction.Kind.choices},
        )
    return redirect(post.get_absolute_url())


@login_required
def post_report(request, pk: int):
    post = _post_for(request, pk)
    if post.status == Post.Status.DELETED and not access.can_moderate_space(
        request.user, post.space
    ):
        raise Http404
    form = forms.ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            report = moderation.report_post(
                request.user, post, form.cleaned_data["reason"], form.cleaned_data["note"]
            )
        except services.CommunityError as exc:
            form.add_error(None, str(exc))
        else:
            if report.show_resources:
                request.session["community_crisis"] = True
            messages.success(request, _("Thank you. A moderator will look at it."))
            return redirect(post.get_absolute_url())
    return render(request, "community/report.html", {"form": form, "post": post})


@login_required
@require_GET
def welcome(request):
    """Newcomers' first posts that nobody has answered yet, for supporters to welcome."""
    if not access.can_welcome_newcomers(request.user):
        raise Http404
    return render(request, "community/welcome.html", {"posts": services.welcome_list(request.user)})


@login_required
@require_GET
def search(request):
    form = forms.SearchForm(request.GET or None)
    results, has_more, page = [], False, 1
    if form.is_valid():
        try:
            page = max(1, min(int(request.GET.get("page", 1)), 50))
        except ValueError:
            page = 1
        results, has_more = run_search(
            request.user, form.cleaned_data["q"], limit=20, offset=(page - 1) * 20
        )
        space_mods = {}
        for post in results:
            if post.space_id not in space_mods:
                space_mods[post.space_id] = access.can_moderate_space(request.user, post.space)
            visible = not post.anonymous or post.author_id == request.user.pk
            post.shown_author = (
                post.author.handle
                if post.author and (visible or space_mods[post.space_id])
                else None
            )
    return render(
        request,
        "community/search.html",
        {"form": form, "results": results, "has_more": has_more, "page": page},
    )


# --- Private messages ---------------------------------------------------------------------------


@login_required
@require_GET
def conversations(request):
    items = list(services.conversations_for(request.user))
    for c in items:
        c.with_person = c.other(request.user)
        read = c.read_at(request.user)
        c.unread = read is None or c.last_message_at > read
    return render(request, "community/messages.html", {"conversations": items})


def _recipient(handle: str) -> User | None:
    return User.objects.filter(handle__iexact=handle.strip(), is_active=True).first()


@login_required
def message_new(request):
    form = forms.NewMessageForm(request.POST or None, initial={"to": request.GET.get("to", "")})
    if request.method == "POST" and form.is_valid():
        recipient = _recipient(form.cleaned_data["to"])
        if recipient is None:
            form.add_error("to", _("Nobody on Lantern has that handle."))
        else:
            try:
                saved = services.send_message(request.user, recipient, form.cleaned_data["body"])
            except services.CommunityError as exc:
                form.add_error(None, str(exc))
            else:
                _after_save(request, saved, _("message"))
                return redirect(saved.obj.conversation.get_absolute_url())
    return render(request, "community/message_new.html", {"form": form})


@login_required
def conversation(request, pk: int):
    conversation = _conversation_for(request, pk)
    other = conversation.other(request.user)
    form = forms.MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.send_message(request.user, other, form.cleaned_data["body"])
        except services.CommunityError as exc:
            form.add_error(None, str(exc))
        else:
            _after_save(request, saved, _("message"))
            return redirect(conversation.get_absolute_url())
    services.mark_conversation_read(request.user, conversation)
    return render(
        request,
        "community/conversation.html",
        {
            "conversation": conversation,
            "other": other,
            "items": services.messages_for(request.user, conversation),
            "form": form,
            "refusal": access.why_cannot_message(request.user, other),
            "refusal_text": services.REFUSALS.get(
                access.why_cannot_message(request.user, other), lambda: ""
            )(),
            "i_blocked": other is not None
            and Block.objects.filter(blocker=request.user, blocked=other).exists(),
            "crisis": _crisis(request),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
def message_report(request, pk: int):
    message = get_object_or_404(Message.objects.select_related("conversation", "sender"), pk=pk)
    if not message.readable_by(request.user):
        raise Http404
    form = forms.ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        report = moderation.report_message(
            request.user, message, form.cleaned_data["reason"], form.cleaned_data["note"]
        )
        if report.show_resources:
            request.session["community_crisis"] = True
        messages.success(
            request,
            _("Thank you. Moderators will read this conversation. You can also block them."),
        )
        return redirect(message.conversation.get_absolute_url())
    return render(request, "community/report.html", {"form": form, "message_obj": message})


@login_required
@require_POST
def block(request, handle: str):
    other = get_object_or_404(User, handle__iexact=handle, is_active=True)
    try:
        services.block(request.user, other)
    except services.CommunityError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("You blocked %(handle)s. Neither of you can message the other.")
            % {"handle": other.handle},
        )
    return redirect("community-blocks")


@login_required
@require_POST
def unblock(request, handle: str):
    other = get_object_or_404(User, handle__iexact=handle)
    services.unblock(request.user, other)
    messages.success(request, _("You unblocked %(handle)s.") % {"handle": other.handle})
    return redirect("community-blocks")


@login_required
@require_GET
def blocks(request):
    return render(
        request,
        "community/blocks.html",
        {"blocks": request.user.blocks.select_related("blocked").order_by("-created_at")},
    )


@login_required
def my_settings(request):
    """Whom the person exchanges private messages with, and which group notifications they get."""
    current = services.settings_for(request.user)
    form = forms.MemberSettingsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        services.save_settings(
            request.user, **{name: form.cleaned_data[name] for name in form.Meta.fields}
        )
        messages.success(request, _("Your settings are saved."))
        return redirect("community-my-settings")
    return render(
        request,
        "community/my_settings.html",
        {"form": form, "newcomer": access.is_newcomer(request.user)},
        status=400 if form.is_bound and form.errors else 200,
    )
