"""The safety net's cards on the home page (registered in apps.py)."""

from . import access


def right_now_card(request) -> dict:
    """Everyone signed in: one tap to "I need someone now", their circle, the crisis lines."""
    return {}


def waiting_card(request) -> dict | None:
    """A responder on duty: how many people are waiting for someone they may answer, first on
    the page. Nothing when nobody is waiting or they are off duty."""
    user = request.user
    if not access.can_respond_to_reach_outs(user) or not access.is_on_duty(user):
        return None
    waiting = access.reach_outs_for(user).filter(claimed_by__isnull=True).count()
    return {"waiting": waiting} if waiting else None
