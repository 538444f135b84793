"""The safety net's cards on the home page (registered in apps.py)."""


def right_now_card(request) -> dict:
    """Everyone signed in: one tap to "I need someone now", their circle, the crisis lines."""
    return {}
