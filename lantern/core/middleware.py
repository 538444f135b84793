"""Response headers that protect privacy on every page (the rest come from Django's
SecurityMiddleware and django-csp, configured in settings)."""

from django.conf import settings
from django.utils.cache import add_never_cache_headers, patch_vary_headers


def privacy_headers(get_response):
    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(settings.STATIC_URL)
        ):
            # Anything shown to a signed-in person may be private: never keep it in a cache,
            # not the browser's back-forward cache on a shared phone, not a proxy's.
            add_never_cache_headers(response)
            response.headers["Cache-Control"] = "no-store, no-cache, must-revalidate, private"
            patch_vary_headers(response, ("Cookie",))
        return response

    return middleware
