import json

from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from lantern.core import access
from lantern.core.errors import Refused, attempt

from . import invitations, services, signin_guard
from .access import get_api_token_for, get_person_for
from .forms import (
    ApiTokenForm,
    ConfirmPasswordForm,
    InvitationForm,
    JoinCodeForm,
    PreferencesForm,
    RecoverForm,
    RoleForm,
)
from .models import Invitation, Role, User


def _confirmations_left(request, form) -> bool:
    """Limit password guesses on a session left open on a shared phone."""
    if ratelimit.consume(request, action="lantern_confirm_password", user=request.user):
        return True
    form.add_error(None, TOO_MANY)
    return False


@login_required
def preferences(request):
    form = PreferencesForm(
        request.POST if request.method == "POST" else None, instance=request.user
    )
    if request.method == "POST" and form.is_valid():
        changed = [name for name in form.changed_data if name in PreferencesForm.Meta.fields]
        services.update_preferences(
            request.user, **{name: form.cleaned_data[name] for name in changed}
        )
        messages.success(request, _("Your preferences are saved."))
        return redirect("accounts-preferences")
    return render(
        request,
        "accounts/preferences.html",
        {"form": form, "recovery_codes_left": services.unused_recovery_codes(request.user)},
    )


@login_required
def recovery_codes(request):
    """Make a new set of account recovery codes (after the password is confirmed) and show them
    once."""
    form = ConfirmPasswordForm(request.user, request.POST if request.method == "POST" else None)
    codes = None
    if request.method == "POST" and not _confirmations_left(request, form):
        pass
    elif request.method == "POST" and form.is_valid():
        codes = services.create_recovery_codes(request.user)
    return render(
        request,
        "accounts/recovery_codes.html",
        {
            "form": form,
            "codes": codes,
            "left": services.unused_recovery_codes(request.user),
        },
    )


TOO_MANY = _("Too many attempts. Please wait a while and try again.")


@login_required
def api_tokens(request):
    """The person's API tokens, and a new one (after the password is confirmed), whose secret is
    shown once on this response."""
    form = ApiTokenForm(request.user, request.POST if request.method == "POST" else None)
    new_token = secret = None
    if request.method == "POST" and not _confirmations_left(request, form):
        pass
    elif request.method == "POST" and form.is_valid():
        try:
            new_token, secret = services.create_api_token(
                request.user,
                name=form.cleaned_data["name"],
                scope=form.cleaned_data["scope"],
                days=form.cleaned_data["days"],
            )
        except Refused as exc:
            exc.add_to_form(form)
        else:
            form = ApiTokenForm(request.user)
    return render(
        request,
        "accounts/api_tokens.html",
        {
            "form": form,
            "tokens": request.user.api_tokens.all(),
            "new_token": new_token,
            "secret": secret,
            "staff": access.needs_mfa(request.user),
        },
    )


@login_required
@require_POST
def api_token_revoke(request, pk: int):
    token = get_api_token_for(request.user, pk)
    services.revoke_api_token(token, by=request.user)
    messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    return redirect("accounts-tokens")


def recover(request):
    """Set a new password with a recovery code: the way back in for people without email."""
    form = RecoverForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        # Counted per handle *and* address ("key"): the handle is public, so a count per
        # handle alone would let anyone keep its owner from their codes.
        handle = form.cleaned_data["handle"].strip().lower()
        key = f"{handle}|{signin_guard.client_address(request)}"
        if not ratelimit.consume(request, action="lantern_recover", key=key):
            form.add_error(None, TOO_MANY)
            return render(request, "accounts/recover.html", {"form": form}, status=429)
        try:
            services.recover_with_code(
                form.cleaned_data["handle"],
                form.cleaned_data["code"],
                form.cleaned_data["password1"],
            )
        except Refused as exc:
            exc.add_to_form(form)
        except ValidationError as exc:
            form.add_error("password1", exc)
        else:
            messages.success(request, _("Your password is changed. Sign in with it now."))
            return redirect("account_login")
    return render(request, "accounts/recover.html", {"form": form})


@login_required
def export(request):
    data = services.export_data(request.user)
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json"
    )
    stamp = timezone.now().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="lantern-{stamp}.json"'
    return response


@login_required
def erase(request):
    form = ConfirmPasswordForm(request.user, request.POST if request.method == "POST" else None)
    if request.method == "POST" and not _confirmations_left(request, form):
        pass
    elif request.method == "POST" and form.is_valid():
        try:
            services.erase_account(request.user)
        except Refused as exc:
            exc.add_to_form(form)
        else:
            logout(request)
            messages.success(request, _("Your account and your data are deleted. Take care."))
            return redirect("core-home")
    return render(request, "accounts/erase.html", {"form": form})


@login_required
def staff_people(request):
    if not access.can_manage_roles(request.user):
        raise Http404
    people = User.objects.order_by("handle").prefetch_related("role_grants")
    query = request.GET.get("q", "").strip()
    if query:
        people = people.filter(handle__icontains=query)
    role = request.GET.get("role", "")
    if role in Role.values:
        people = people.filter(role_grants__role=role)
    page = Paginator(people, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/staff_people.html",
        {"page": page, "query": query, "role": role, "roles": Role.choices},
    )


@login_required
def staff_person(request, handle: str):
    person = get_person_for(request.user, handle)
    return render(
        request,
        "accounts/staff_person.html",
        {"person": person, "roles": Role.choices, "held": person.roles},
    )


@login_required
@require_POST
def staff_person_role(request, handle: str):
    person = get_person_for(request.user, handle)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a role and whether to grant or revoke it."))
        return redirect("accounts-staff-person", handle=person.handle)
    role, action = form.cleaned_data["role"], form.cleaned_data["action"]
    with attempt(request=request):
        if action == "grant":
            services.grant_role(person, role, by=request.user)
            messages.success(
                request,
                _("%(who)s now has the %(role)s role.")
                % {"who": person.handle, "role": Role(role).label},
            )
        else:
            services.revoke_role(person, role, by=request.user)
            messages.success(
                request,
                _("%(who)s no longer has the %(role)s role.")
                % {"who": person.handle, "role": Role(role).label},
            )
    return redirect("accounts-staff-person", handle=person.handle)


# --- Invitations (Settings → Invitations, and the links people open) ---------------------------


@login_required
def manage_invitations(request):
    """Make invitation links or codes in bulk; the latest ones, with who used them."""
    if not access.can_manage_roles(request.user):
        raise Http404
    form = InvitationForm(request.POST or None)
    made = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            made = invitations.create(
                request.user,
                count=data["count"],
                role=data["role"],
                extras=form.extras(),
                uses_each=data["uses_each"],
                days=data["days"],
                note=data["note"],
            )
        except Refused as exc:
            exc.add_to_form(form)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)s invitation is ready. Copy its link or code below.",
                    "%(count)s invitations are ready. Copy their links or codes below.",
                    len(made),
                )
                % {"count": len(made)},
            )
            form = InvitationForm()
    recent = Invitation.objects.select_related("created_by").prefetch_related("uses__person")[:100]
    describe = invitations.describer()
    return render(
        request,
        "accounts/manage_invitations.html",
        {
            "form": form,
            "made": [(i, request.build_absolute_uri(invitations.link(i))) for i in made],
            "recent": [(i, describe(i)) for i in recent],
            "now": timezone.now(),
        },
    )


@login_required
@require_POST
def manage_invitation_revoke(request, pk: int):
    if not access.can_manage_roles(request.user):
        raise Http404
    invitation = get_object_or_404(Invitation, pk=pk)
    invitations.revoke(request.user, invitation)
    messages.success(
        request, _("The invitation %(code)s is withdrawn.") % {"code": invitation.code}
    )
    return redirect("accounts-manage-invitations")


def join(request):
    """Where a code from paper is typed: on to its page."""
    form = JoinCodeForm(request.GET or None)
    if form.is_valid():
        return redirect("accounts-join", code=invitations.normalized(form.cleaned_data["code"]))
    return render(request, "accounts/join.html", {"form": form})


def join_code(request, code: str):
    """An invitation's page. A visitor's browser keeps the code for the sign-up that follows
    (the invitation is used only when the account is made); someone signed in may accept it."""
    try:
        invitation = invitations.check(code)
    except Refused as refused:
        return render(
            request,
            "accounts/join.html",
            {"form": JoinCodeForm(), "problem": refused.message},
            status=404,
        )
    if request.method == "POST" and request.user.is_authenticated:
        try:
            invitations.use(request.user, invitation.code)
        except Refused as refused:
            messages.error(request, refused.message)
        else:
            messages.success(request, _("Invitation accepted. Welcome."))
            return redirect("core-home")
    if not request.user.is_authenticated:
        request.session[invitations.SESSION_KEY] = invitation.code
    return render(
        request,
        "accounts/join_invitation.html",
        {"invitation": invitation, "carries": invitations.describe(invitation)},
    )
