"""The groups: the list, a group's page, joining and leaving, letting people in, and (for
moderators) starting a group, its settings and its peer moderators. Anyone who may not: 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lantern.core.errors import Refused
from lantern.safety import crisis

from .. import access, services, space_forms
from ..models import Membership

THREADS_PER_PAGE = 30


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
        },
    )


@login_required
@require_GET
def space(request, slug: str):
    space = access.get_space_for(request.user, slug)
    can_read = access.can_read_space(request.user, space)
    page = None
    if can_read:
        previous_visit = services.mark_space_visited(request.user, space)
        page = Paginator(services.threads_for(request.user, space), THREADS_PER_PAGE).get_page(
            request.GET.get("page")
        )
        for thread in page:
            seen = thread.my_read_at or previous_visit
            thread.is_new = seen is not None and thread.last_post_at > seen
    return render(
        request,
        "community/space.html",
        {
            "space": space,
            "page": page,
            "can_read": can_read,
            "membership": access.membership(request.user, space),
            "can_join": access.can_join_space(request.user, space),
            "can_post": access.can_post_in_space(request.user, space),
            "moderates": access.can_moderate_space(request.user, space),
            "can_edit": access.can_edit_space(request.user, space),
            "join_requests": services.join_requests(request.user, space),
            "moderators": services.space_moderators(space),
        },
    )


def _thread_to_return_to(request, space):
    """The thread the person joined from (the form's `thread`), if it is in this group and they
    may read it: joining from a thread brings them back to it, to the reply form."""
    pk = request.POST.get("thread", "")
    if not pk.isdigit():
        return None
    try:
        thread = access.get_thread_for(request.user, int(pk), slug=space.slug)
    except Http404:
        return None
    return thread


@login_required
@require_POST
def space_join(request, slug: str):
    """Join (or ask to join) a group, from its page or from one of its threads (back to it)."""
    space = access.get_space_for(request.user, slug)
    try:
        membership = services.join_space(request.user, space)
    except Refused as error:
        messages.error(request, error.message)
        return redirect("community-space", slug=slug)
    # A request to join is shown on the group's page ("Request sent"), once; no message.
    if membership.status == Membership.Status.ACTIVE:
        messages.success(request, _("Welcome to %(space)s.") % {"space": space})
        thread = _thread_to_return_to(request, space)
        if thread is not None:
            return redirect(f"{thread.get_absolute_url()}#reply")
    return redirect("community-space", slug=slug)


@login_required
@require_POST
def space_leave(request, slug: str):
    space = access.get_space_for(request.user, slug)
    services.leave_space(request.user, space)
    messages.success(request, _("You left %(space)s.") % {"space": space})
    return redirect("community-spaces")


@login_required
@require_POST
def space_admit(request, slug: str, pk: int):
    space = access.get_space_for(request.user, slug)
    membership = access.get_join_request_for(request.user, space, pk)
    try:
        services.admit(request.user, membership)
    except Refused as error:
        messages.info(request, error.message)
    else:
        messages.success(
            request, _("%(handle)s can now take part.") % {"handle": membership.person}
        )
    return redirect("community-space", slug=slug)


@login_required
@require_POST
def space_invite(request, slug: str):
    space = access.get_space_for(request.user, slug)
    if not access.can_moderate_space(request.user, space):
        raise Http404
    try:
        membership = services.invite(request.user, space, request.POST.get("handle", "")[:30])
    except Refused as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("%(handle)s is invited.") % {"handle": membership.person.handle}
        )
    return redirect("community-space", slug=slug)


# --- Starting and keeping a group ---------------------------------------------------------------


@login_required
def space_new(request):
    if not access.can_create_space(request.user):
        raise Http404
    form = space_forms.SpaceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.create_space(request.user, **form.space_data())
        except Refused as error:
            error.add_to_form(form)
        else:
            crisis.offer_after_save(request, saved)
            messages.success(request, _("The group %(name)s is open.") % {"name": saved.obj.name})
            return redirect(saved.obj.get_absolute_url())
    return render(request, "community/space_new.html", {"form": form})


def _editable_space(request, slug: str):
    space = access.get_space_for(request.user, slug)
    if not access.can_edit_space(request.user, space):
        raise Http404
    return space


def _settings_page(request, space, *, form=None, moderator_form=None):
    rules = access.can_change_space_rules(request.user, space)
    return render(
        request,
        "community/space_settings.html",
        {
            "space": space,
            "form": form or space_forms.SpaceSettingsForm(space=space, rules=rules),
            "moderator_form": moderator_form or space_forms.ModeratorForm(),
            "rules": rules,
            "manages": access.can_manage_space_moderators(request.user, space),
            "moderators": services.space_moderators(space),
        },
    )


@login_required
def space_settings(request, slug: str):
    """A group's description, guidelines and topics (its peer moderators and site moderators);
    its name and rules (site moderators)."""
    space = _editable_space(request, slug)
    if request.method != "POST":
        return _settings_page(request, space)
    rules = access.can_change_space_rules(request.user, space)
    form = space_forms.SpaceSettingsForm(request.POST, space=space, rules=rules)
    if form.is_valid():
        try:
            saved = services.update_space(request.user, space, **form.space_data())
        except Refused as error:
            error.add_to_form(form)
        else:
            crisis.offer_after_save(request, saved)
            messages.success(request, _("Saved."))
            return redirect(space.get_absolute_url())
    return _settings_page(request, space, form=form)


def _managed_space(request, slug: str):
    space = _editable_space(request, slug)
    if not access.can_manage_space_moderators(request.user, space):
        raise Http404
    return space


@login_required
@require_POST
def space_moderator_add(request, slug: str):
    """Site moderators name a peer moderator by handle (the settings page again on an error)."""
    space = _managed_space(request, slug)
    moderator_form = space_forms.ModeratorForm(request.POST)
    if moderator_form.is_valid():
        try:
            membership = services.add_space_moderator(
                request.user, space, moderator_form.cleaned_data["handle"]
            )
        except Refused as error:
            error.add_to_form(moderator_form)
        else:
            messages.success(
                request,
                _("%(handle)s is now a peer moderator of this group.")
                % {"handle": membership.person.handle},
            )
            return redirect("community-space-settings", slug=space.slug)
    return _settings_page(request, space, moderator_form=moderator_form)


@login_required
@require_POST
def space_moderator_remove(request, slug: str):
    """Site moderators end a peer moderator's role; they stay a member."""
    space = _managed_space(request, slug)
    try:
        membership = services.remove_space_moderator(
            request.user, space, request.POST.get("handle", "")[:30]
        )
    except Refused as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(handle)s is no longer a peer moderator; they are still a member.")
            % {"handle": membership.person.handle},
        )
    return redirect("community-space-settings", slug=space.slug)
