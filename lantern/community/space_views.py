"""Starting a group and its settings page (details, rules and peer moderators), so nobody needs
the Django admin for it. Anyone who may not: 404, as on the moderation pages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from . import access, space_forms, space_services
from .models import Space
from .services import CommunityError, space_moderators


def _show_error(form, exc: CommunityError) -> None:
    """Put a service's refusal next to the field it is about (or above the form)."""
    field = getattr(exc, "field", None)
    form.add_error(field if field in form.fields else None, str(exc))


def _after_words(request, saved) -> None:
    # Crisis lines on the next page, as after a post (views._crisis shows them once).
    if saved.show_resources:
        request.session["community_crisis"] = True


@login_required
def space_new(request):
    if not access.can_create_space(request.user):
        raise Http404
    form = space_forms.SpaceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            saved = space_services.create_space(request.user, **form.space_data())
        except CommunityError as exc:
            _show_error(form, exc)
        else:
            _after_words(request, saved)
            messages.success(request, _("The group %(name)s is open.") % {"name": saved.obj.name})
            return redirect(saved.obj.get_absolute_url())
    return render(request, "community/space_new.html", {"form": form})


@login_required
def space_settings(request, slug: str):
    space = get_object_or_404(Space.objects.listed_for(request.user), slug=slug)
    if not access.can_edit_space(request.user, space):
        raise Http404
    rules = access.can_change_space_rules(request.user, space)
    manages = access.can_manage_space_moderators(request.user, space)
    action = request.POST.get("action", "settings") if request.method == "POST" else None
    if action in ("add-moderator", "remove-moderator") and not manages:
        raise Http404
    form = space_forms.SpaceSettingsForm(
        request.POST if action == "settings" else None, space=space, rules=rules
    )
    moderator_form = space_forms.ModeratorForm(request.POST if action == "add-moderator" else None)
    if action == "settings" and form.is_valid():
        try:
            saved = space_services.update_space(request.user, space, **form.space_data())
        except CommunityError as exc:
            _show_error(form, exc)
        else:
            _after_words(request, saved)
            messages.success(request, _("Saved."))
            return redirect(space.get_absolute_url())
    elif action == "add-moderator" and moderator_form.is_valid():
        try:
            membership = space_services.add_space_moderator(
                request.user, space, moderator_form.cleaned_data["handle"]
            )
        except CommunityError as exc:
            _show_error(moderator_form, exc)
        else:
            messages.success(
                request,
                _("%(handle)s is now a peer moderator of this group.")
                % {"handle": membership.person.handle},
            )
            return redirect("community-space-settings", slug=space.slug)
    elif action == "remove-moderator":
        try:
            membership = space_services.remove_space_moderator(
                request.user, space, request.POST.get("handle", "")[:30]
            )
        except CommunityError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _("%(handle)s is no longer a peer moderator; they are still a member.")
                % {"handle": membership.person.handle},
            )
        return redirect("community-space-settings", slug=space.slug)
    return render(
        request,
        "community/space_settings.html",
        {
            "space": space,
            "form": form,
            "moderator_form": moderator_form,
            "rules": rules,
            "manages": manages,
            "moderators": space_moderators(space),
        },
    )
