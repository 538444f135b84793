from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings

from lantern.accounts.services import password_changed
from lantern.core.notifications import forget_push_subscription


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        return getattr(settings, "LANTERN_OPEN_SIGNUP", True)

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
