"""Threads and posts: starting a thread, reading and replying, editing and deleting one's own
posts, support reactions, reporting, the newcomers' welcome list and search."""

from html import unescape

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lantern.accounts.badges import roles_by_person
from lantern.core.errors import Refused
from lantern.safety import crisis

from .. import access, forms, services
from ..models import Post, Reaction
from ..search import search as run_search
from .base import after_save, refused_status

POSTS_PER_PAGE = 20  # keeps a page of long replies under the 30 KB budget
SEARCH_PAGE = 20
SEARCH_PAGES = 50


@login_required
def thread_new(request, slug: str):
    space = access.get_space_for(request.user, slug)
    if not access.can_post_in_space(request.user, space):
        raise Http404
    form = forms.ThreadForm(request.POST or None)
    status = 200
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
        except Refused as error:
            error.add_to_form(form)
            status = refused_status(error)
        else:
            after_save(request, saved, _("post"))
            return redirect(saved.obj.thread.get_absolute_url())
    return render(
        request, "community/thread_new.html", {"space": space, "form": form}, status=status
    )


def _decorate(posts: list[Post], user, since) -> None:
    """What each post shows this reader: its author (or not, if anonymous), new or not, and
    what they may do with it."""
    reactions = services.reactions_for(posts, user)
    blocked = services.blocked_ids(user)
    # Role badges of everyone who wrote on the page, in one query; never for anonymous posts.
    roles = roles_by_person(post.author_id for post in posts if not post.anonymous)
    now = timezone.now()
    for post in posts:
        # Folded, not removed; never for anonymous posts (that would reveal who wrote them).
        post.from_blocked = post.author_id in blocked and not post.anonymous
        post.mine = post.author_id == user.pk
        post.shown_author = access.shown_author(user, post)
        post.author_roles = roles.get(post.author_id, frozenset())
        post.is_new = since is not None and post.created_at > since and not post.mine
        post.can_edit = (
            post.mine and post.status != Post.Status.DELETED and now <= post.editable_until
        )
        post.support = reactions[post.pk]
        post.can_react = not post.mine and post.status == Post.Status.PUBLISHED


@login_required
@require_GET
def thread(request, slug: str, pk: int):
    thread = access.get_thread_for(request.user, pk, slug=slug)
    space = thread.space
    page = Paginator(services.posts_in(request.user, thread), POSTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    since = services.mark_thread_read(request.user, thread)
    page_posts = list(page)
    _decorate(page_posts, request.user, since)
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
            "can_join": not can_post and access.can_join_space(request.user, space),
            "moderates": access.can_moderate_space(request.user, space),
            "form": forms.ReplyForm(),
            "reaction_kinds": Reaction.Kind.choices,
        },
    )


@login_required
@require_POST
def thread_reply(request, slug: str, pk: int):
    thread = access.get_thread_for(request.user, pk, slug=slug)
    form = forms.ReplyForm(request.POST)
    status = 400
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
        except Refused as error:
            error.add_to_form(form)
            status = refused_status(error, 400)
        else:
            after_save(request, saved, _("reply"))
            last = services.posts_in(request.user, thread).count() - 1
            page = last // POSTS_PER_PAGE + 1
            url = reverse("community-thread", args=[thread.space.slug, thread.pk])
            return redirect(f"{url}?page={page}#post-{saved.obj.pk}")
    return render(
        request,
        "community/reply_error.html",
        {"thread": thread, "space": thread.space, "form": form},
        status=status,
    )


@login_required
def post_edit(request, pk: int):
    post = access.get_post_for(request.user, pk)
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
        except Refused as error:
            error.add_to_form(form)
        else:
            after_save(request, saved, _("post"))
            messages.success(request, _("Saved."))
            return redirect(post.get_absolute_url())
    return render(request, "community/post_edit.html", {"post": post, "form": form})


@login_required
@require_POST
def post_delete(request, pk: int):
    post = access.get_post_for(request.user, pk)
    if not access.can_delete_post(request.user, post):
        raise Http404
    try:
        services.delete_post(request.user, post)
    except Refused as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your post was deleted."))
    return redirect(post.thread.get_absolute_url())


@login_required
@require_POST
def post_react(request, pk: int):
    post = access.get_post_for(request.user, pk)
    try:
        services.toggle_reaction(request.user, post, request.POST.get("kind", ""))
    except Refused as error:
        if not request.htmx:
            messages.error(request, error.message)
    if request.htmx:
        _decorate([post], request.user, None)
        return render(
            request,
            "community/_reactions.html",
            {"post": post, "reaction_kinds": Reaction.Kind.choices},
        )
    return redirect(post.get_absolute_url())


@login_required
def post_report(request, pk: int):
    post = access.get_post_for(request.user, pk)
    if not access.can_report_post(request.user, post):
        raise Http404
    form = forms.ReportForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.report_post(
                request.user, post, form.cleaned_data["reason"], form.cleaned_data["note"]
            )
        except Refused as error:
            error.add_to_form(form)
            status = refused_status(error)
        else:
            crisis.offer_after_save(request, saved)
            messages.success(request, _("Thank you. A moderator will look at it."))
            return redirect(post.get_absolute_url())
    return render(request, "community/report.html", {"form": form, "post": post}, status=status)


@login_required
@require_GET
def welcome(request):
    """Newcomers' first posts that nobody has answered yet, for supporters to welcome: which
    post waits (a thread, or a reply in one), by whom, its first words, and a link to it."""
    if not access.can_welcome_newcomers(request.user):
        raise Http404
    posts = list(services.welcome_list(request.user))
    for post in posts:
        # The post that waits (a reply, often), on the page of the thread where it is.
        page = post.earlier // POSTS_PER_PAGE + 1
        thread_url = reverse("community-thread", args=[post.space.slug, post.thread_id])
        post.waiting_url = f"{thread_url}?page={page}#post-{post.pk}"
        post.shown_author = access.shown_author(request.user, post)
        # Its first words as plain text (the template escapes them again).
        post.excerpt = Truncator(" ".join(unescape(strip_tags(post.html)).split())).chars(160)
    return render(request, "community/welcome.html", {"posts": posts})


@login_required
@require_GET
def search(request):
    form = forms.SearchForm(request.GET or None)
    results, has_more, page = [], False, 1
    if form.is_valid():
        try:
            page = max(1, min(int(request.GET.get("page", 1)), SEARCH_PAGES))
        except ValueError:
            page = 1
        results, has_more = run_search(
            request.user,
            form.cleaned_data["q"],
            limit=SEARCH_PAGE,
            offset=(page - 1) * SEARCH_PAGE,
        )
        access.preload_memberships(request.user, [post.space_id for post in results])
        roles = roles_by_person(post.author_id for post in results if not post.anonymous)
        for post in results:
            post.shown_author = access.shown_author(request.user, post)
            post.author_roles = roles.get(post.author_id, frozenset())
    return render(
        request,
        "community/search.html",
        {"form": form, "results": results, "has_more": has_more, "page": page},
    )
