"""The accounts part of /api/v1/ (`/me`) and the API's token authentication.

`token_auth` accepts `Authorization: Bearer lnt_…`, a personal API token a person makes on
/accounts/tokens/. It sits beside session authentication in `lantern/api.py`. What a token may
reach is decided in `services.authenticate_api_token` (member level only: staff roles need a
two-factor session) and here (a read-only token cannot change anything).
"""

from allauth.account.adapter import get_adapter
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.security import HttpBearer

from lantern.core import ratelimits
from lantern.core.api import SIGNED_IN_ERRORS
from lantern.core.timezones import zone_for

from . import services

router = Router(tags=["accounts"])

READ_METHODS = ("GET", "HEAD", "OPTIONS")


def _address(request) -> str:
    return get_adapter(request).get_client_ip(request)


class ApiTokenAuth(HttpBearer):
    """A personal API token in the Authorization header. No cookie is involved, so no CSRF
    check is needed. A request that sends a bearer token is decided by it alone (401 if it is
    not valid), never by a session cookie that comes along."""

    openapi_bearerFormat = "lnt_…"
    openapi_description = (
        "A personal API token, made on /accounts/tokens/. Read-only tokens may only GET."
    )

    def authenticate(self, request, token: str):
        user = services.authenticate_api_token(token.strip())
        if user is None:
            # Wrong, expired or revoked tokens from one address are counted ("api_token_failed"
            # in LANTERN_RATE_LIMITS): past the limit, further wrong ones get 429 instead of 401
            # until the window ends (`RateLimited`, answered by lantern/api.py). Only failures
            # count, so valid tokens behind the same address (a NAT, a proxy) still work.
            # Guessing a 256-bit secret is hopeless anyway; this tells a script to slow down.
            ratelimits.consume("api_token_failed", _address(request))
            raise HttpError(401, _("This API token is not valid: it is wrong, expired or revoked."))
        if request.method not in READ_METHODS and not user.api_token.can_write:
            raise HttpError(
                403,
                _(
                    "This API token can only read. Make a token with read and write access "
                    "to change anything."
                ),
            )
        # Views use request.user as well as request.auth; both are the owner, and the owner's
        # language and time zone apply, as they do for a signed-in session.
        request.user = user
        if user.language:
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        timezone.activate(zone_for(user))
        return user


token_auth = ApiTokenAuth()


class MeOut(Schema):
    handle: str
    pronouns: str
    language: str
    time_zone: str
    pathways: list[str]
    roles: list[str]


@router.get("/me", response={200: MeOut, **SIGNED_IN_ERRORS}, url_name="accounts-me")
def me(request):
    """The signed-in person's own profile."""
    user = request.auth
    return MeOut(
        handle=user.handle,
        pronouns=user.pronouns,
        language=user.language,
        time_zone=user.time_zone,
        pathways=user.pathways,
        roles=sorted(user.roles),
    )
