"""/api/v1/: one django-ninja API; each app adds its router here."""

from ninja import NinjaAPI
from ninja.security import django_auth

from lantern.accounts.api import router as accounts_router
from lantern.accounts.api import token_auth
from lantern.chat.api import router as chat_router
from lantern.community.api import router as community_router
from lantern.core.api import router as core_router
from lantern.core.errors import Refused
from lantern.directory.api import router as directory_router
from lantern.events.api import router as events_router
from lantern.meetings.api import router as meetings_router
from lantern.mentorship.api import router as mentorship_router
from lantern.recovery.api import router as recovery_router
from lantern.safety.api import router as safety_router
from lantern.support.api import router as support_router
from lantern.training.api import router as training_router

api = NinjaAPI(
    title="Lantern API",
    version="1",
    urls_namespace="api",
    # A bearer token first: a request that sends one is decided by it, and without a cookie
    # no CSRF check applies. Otherwise the session, whose writes need the CSRF token.
    auth=[token_auth, django_auth],
    docs_url="/docs",
)
api.add_router("/", accounts_router)
api.add_router("/notifications", core_router)
api.add_router("/meetings", meetings_router)
api.add_router("/recovery", recovery_router)
api.add_router("/community", community_router)
api.add_router("/safety", safety_router)
api.add_router("/chat", chat_router)
api.add_router("/directory", directory_router)
api.add_router("/support", support_router)
api.add_router("/mentorship", mentorship_router)
api.add_router("/events", events_router)
api.add_router("/training", training_router)


@api.exception_handler(Refused)
def refused(request, error: Refused):
    """A service said no: 400 (404, 429) with the reason, and the field it is about if any."""
    body = {"detail": error.message}
    if error.field:
        body["field"] = error.field
    return api.create_response(request, body, status=error.status)
