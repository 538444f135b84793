from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from lantern.api import api

admin.site.site_header = "Lantern administration"
admin.site.site_title = "Lantern"
# The admin signs in through the same allauth flow as everyone else, so two-factor applies.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("", include("lantern.core.urls")),
    path("", include("lantern.accounts.urls")),
    path("", include("lantern.safety.urls")),
    path("", include("lantern.meetings.urls")),
    path("", include("lantern.recovery.urls")),
    path("", include("lantern.community.urls")),
    path("", include("lantern.chat.urls")),
    path("", include("lantern.directory.urls")),
    path("", include("lantern.support.urls")),
    path("", include("lantern.mentorship.urls")),
    path("", include("lantern.events.urls")),
    path("", include("lantern.training.urls")),
    path("", include("lantern.programs.urls")),
    path("", include("lantern.programs.residences.urls")),
    path("", include("lantern.programs.dropin.urls")),
    path("", include("lantern.programs.alumni.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
]

# The 500 page: the crisis lines and a way home, without the database (core/views.py).
handler500 = "lantern.core.views.server_error"
