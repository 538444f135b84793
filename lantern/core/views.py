import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import connection
from django.http import (
    Http404,
    HttpResponse,
    HttpResponseRedirect,
    HttpResponseServerError,
    JsonResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_POST

from lantern.core import access, notifications, push, registry, site
from lantern.core.errors import Refused
from lantern.core.forms import SiteSettingsForm
from lantern.core.models import Notification


def home(request):
    """Visitors get the landing page; a signed-in person gets the cards the apps registered
    (`core.registry.home_card`), each with its own context, then their recent notifications."""
    if not request.user.is_authenticated:
        return render(request, "core/landing.html")
    cards = []
    for card in registry.home_cards():
        context = card.context(request) if card.context else {}
        if context is not None:
            cards.append((card.template, context))
    recent = Notification.objects.for_user(request.user).select_related("actor")[:5]
    return render(request, "core/home.html", {"cards": cards, "recent_notifications": recent})


@login_required
def manage(request):
    """Settings: what an administrator sets up inside Lantern, one section per app that
    registered one (`core.registry.settings_section`), the site's own first."""
    if not access.can_manage_roles(request.user):
        raise Http404
    return render(
        request,
        "core/manage.html",
        {"sections": registry.settings_sections(), "site_settings": site.current()},
    )


@login_required
def manage_site(request):
    if not access.can_manage_roles(request.user):
        raise Http404
    form = SiteSettingsForm(
        request.POST or None,
        instance=site.current(),
        default_zone=settings.LANTERN_DEFAULT_TIME_ZONE,
    )
    if request.method == "POST" and form.is_valid():
        try:
            site.save(request.user, **{name: form.cleaned_data[name] for name in site.FIELDS})
        except Refused as exc:
            exc.add_to_form(form)
        else:
            messages.success(request, _("The site's settings are saved."))
            return redirect("core-manage")
    return render(request, "core/manage_site.html", {"form": form})


def guidelines(request):
    return render(request, "core/guidelines.html", {"version": settings.GUIDELINES_VERSION})


def privacy(request):
    return render(request, "core/privacy.html", {"version": settings.PRIVACY_VERSION})


@require_GET
def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


@require_POST
def set_language(request):
    """Switch the interface language; for a signed-in person, remember it on their profile."""
    language = request.POST.get("language", "")
    next_url = request.POST.get("next") or reverse("core-home")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = reverse("core-home")
    # A URL, never a view name: `redirect()` would try to reverse a `next` like "home".
    response = HttpResponseRedirect(next_url)
    if language in dict(settings.LANGUAGES) and check_for_language(language):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME, language, max_age=365 * 24 * 3600, samesite="Lax"
        )
        if request.user.is_authenticated:
            # The user model's own field: notifications and mail are rendered in it.
            request.user.language = language
            request.user.save(update_fields=["language"])
    return response


@login_required
def notification_list(request):
    mine = Notification.objects.for_user(request.user).select_related("actor")
    page = Paginator(mine, 25).get_page(request.GET.get("page"))
    return render(request, "core/notifications.html", {"page": page})


@login_required
@require_POST
def notification_open(request, pk: int):
    notification = get_object_or_404(Notification, pk=pk)
    if not access.can_read_notification(request.user, notification):
        # 404, not 403: another person's notification must not even be known to exist.
        return HttpResponse(status=404)
    notifications.mark_read(request.user, notification)
    target = notification.url
    if not target or not url_has_allowed_host_and_scheme(target, {request.get_host()}):
        target = "core-notifications"
    return redirect(target)


@login_required
@require_POST
def notification_read_all(request):
    notifications.mark_all_read(request.user)
    return redirect("core-notifications")


@login_required
@require_POST
def push_subscribe(request):
    """Store this device's Web Push subscription (sent by static/js/push.js)."""
    if request.content_type != "application/json":  # a form post's body is already read
        return JsonResponse({"error": _("Expected a PushSubscription as JSON.")}, status=400)
    try:
        data = json.loads(request.body)
        endpoint = data["endpoint"]
        keys = data["keys"]
        p256dh, auth = keys["p256dh"], keys["auth"]
    except (ValueError, KeyError, TypeError):
        return JsonResponse({"error": _("Expected a PushSubscription as JSON.")}, status=400)
    if not isinstance(endpoint, str) or not push.endpoint_allowed(endpoint):
        return JsonResponse(
            {"error": _("The endpoint must be an https URL of a browser push service.")},
            status=400,
        )
    notifications.save_push_subscription(request.user, endpoint, str(p256dh), str(auth))
    # Remember this device's subscription, so signing out stops its notifications.
    request.session["push_endpoint"] = endpoint
    return JsonResponse({"ok": True}, status=201)


@login_required
@require_POST
def push_unsubscribe(request):
    if request.content_type != "application/json":  # a form post's body is already read
        return JsonResponse({"error": _('Expected {"endpoint": ...}.')}, status=400)
    try:
        endpoint = json.loads(request.body)["endpoint"]
    except (ValueError, KeyError, TypeError):
        return JsonResponse({"error": _('Expected {"endpoint": ...}.')}, status=400)
    notifications.forget_push_subscription(request.user, endpoint)
    return JsonResponse({"ok": True})


@require_GET
def push_key(request):
    return JsonResponse({"publicKey": push.vapid_public_key(settings.VAPID_PRIVATE_KEY)})


@require_GET
@cache_control(public=True, max_age=3600)
def manifest(request):
    data = {
        "name": site.current().name,
        "short_name": site.current().name[:12],
        "description": _("Peer support for recovery"),
        "start_url": reverse("core-home"),
        "scope": reverse("core-home"),
        "display": "standalone",
        "background_color": "#fdfbf7",
        "theme_color": "#1d4e5f",
        "lang": request.LANGUAGE_CODE,
        "icons": [
            {"src": static("img/icon.svg"), "sizes": "any", "type": "image/svg+xml"},
        ],
    }
    return JsonResponse(data, content_type="application/manifest+json")


@require_GET
@cache_control(no_cache=True)
def service_worker(request):
    """The service worker must be served from the root to control the whole site."""
    response = render(request, "core/sw.js", content_type="text/javascript")
    response["Service-Worker-Allowed"] = reverse("core-home")  # the whole site
    return response


def server_error(request):
    """The 500 page (`handler500` in lantern/urls.py): the way home and the crisis numbers, in
    the language of the visitor's cookie or browser. Built from the request and the files on
    disk only, with no context processor, so it renders when the error is the database's."""
    language = translation.get_language_from_request(request)
    with translation.override(language):
        html = render_to_string("500.html", {"LANGUAGE_CODE": translation.get_language()})
    response = HttpResponseServerError(html)
    response["Content-Language"] = language
    return response
