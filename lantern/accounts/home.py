"""The accounts app's card on the home page (registered in apps.py)."""

from . import services


def recovery_codes_card(request) -> dict | None:
    """A person with no email and no unused recovery codes has no way back in: say so."""
    user = request.user
    if user.email or services.unused_recovery_codes(user) > 0:
        return None
    return {}
