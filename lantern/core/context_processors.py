from django.conf import settings

from lantern.core import access, registry, site
from lantern.core.roles import HELPER_ROLES, STAFF_ROLES


def lantern(request):
    user = getattr(request, "user", None)
    unread = 0
    if user is not None and user.is_authenticated:
        unread = user.notifications.filter(read_at__isnull=True).count()
    return {
        "unread_notifications": unread,
        "is_admin": access.can_manage_roles(user) if user is not None else False,
        "is_responder": access.has_role(user, *HELPER_ROLES),
        "works_alerts": access.has_role(user, *STAFF_ROLES),
        "menu_links": registry.menu_links(user),
        "site_settings": site.current(),
        "LANGUAGES": settings.LANGUAGES,
    }
