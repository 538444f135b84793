import math
from datetime import timedelta

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from django.shortcuts import render
from django.utils import timezone

from lantern.accounts import invitations, signin_guard
from lantern.accounts.handles import check_not_reserved
from lantern.accounts.services import password_changed
from lantern.core import site
from lantern.core.errors import Refused
from lantern.core.notifications import forget_push_subscription


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        """Open when the administrator left it open (Settings → Site), or for someone who
        opened a valid invitation link in this browser."""
        if site.current().open_signup:
            return True
        code = request.session.get(invitations.SESSION_KEY) if request is not None else None
        if not code:
            return False
        try:
            invitations.check(code)
        except Refused:
            return False
        return True

    def clean_username(self, username, shallow=False):
        """Sign-up: a handle that looks official is refused (`accounts.handles`)."""
        check_not_reserved(username)
        return super().clean_username(username, shallow=shallow)

    def set_password(self, user, password):
        """allauth's password change and reset by email both come here."""
        super().set_password(user, password)
        password_changed(user)

    def logout(self, request):
        # On a shared phone the next person must not get this person's notifications.
        endpoint = request.session.get("push_endpoint")
        if endpoint and request.user.is_authenticated:
            forget_push_subscription(request.user, endpoint)
        super().logout(request)

    # Wrong passwords are counted by Lantern (signin_guard: per handle and address, never
    # locking), in place of allauth's per-handle and per-address "login_failed" limits.
    def pre_authenticate(self, request, **credentials):
        handle = credentials.get("username") or credentials.get("email") or ""
        try:
            self._signin_attempt = signin_guard.before_attempt(request, handle)
        except signin_guard.SlowedDown as wait:
            raise ImmediateHttpResponse(slowed_down(request, wait.seconds)) from None

    def authenticate(self, request, **credentials):
        user = super().authenticate(request, **credentials)
        attempt = getattr(self, "_signin_attempt", None)
        if user is not None and attempt is not None:
            signin_guard.succeeded(attempt)
        return user

    def post_login(self, request, user, **kwargs):
        """A completed sign-in (after two-factor, for staff): this device is now one of the
        person's own, which wrong passwords typed elsewhere never slow."""
        response = super().post_login(request, user, **kwargs)
        signin_guard.remember_device(request, response, user)
        return response


def slowed_down(request, seconds: int):
    """The page for a sign-in that must wait: why, until when, and the other ways back in."""
    response = render(
        request,
        "accounts/signin_wait.html",
        {
            "minutes": max(1, math.ceil(seconds / 60)),
            "until": timezone.now() + timedelta(seconds=seconds),
        },
        status=429,
    )
    response["Retry-After"] = str(seconds)
    return response
