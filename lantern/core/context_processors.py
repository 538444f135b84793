from django.conf import settings

from lantern.core import access


def lantern(request):
    user = getattr(request, "user", None)
    unread = 0
    if user is not None and user.is_authenticated:
        unread = user.notifications.filter(read_at__isnull=True).count()
    return {
        "unread_notifications": unread,
        "is_admin": access.can_manage_roles(user) if user is not None else False,
        "LANGUAGES": settings.LANGUAGES,
    }
