"""/api/v1/safety: the crisis lines, for anyone, in the language asked for (the same lines the
crisis page shows; an app keeps them for when the phone is offline). Saves of words elsewhere in
the API answer `show_crisis_resources: true` when the writer should see these now."""

from django.conf import settings
from django.utils.translation import get_language
from ninja import Router, Schema

from lantern.core.api import PUBLIC_ERRORS

from . import services

router = Router(tags=["safety"])


class CrisisResourceOut(Schema):
    kind: str
    name: str
    description: str
    phone: str
    phone_label: str
    tel_href: str
    sms: str
    sms_label: str
    sms_href: str
    url: str


@router.get(
    "/crisis-resources",
    response={200: list[CrisisResourceOut], **PUBLIC_ERRORS},
    auth=None,
    url_name="safety-crisis-resources-api",
)
def crisis_resources(request, language: str | None = None):
    """Crisis lines for `language` (en, es), else the request's language; never empty."""
    languages = dict(settings.LANGUAGES)
    chosen = language if language in languages else (get_language() or "en")
    return services.crisis_resources(chosen)
