from django.urls import path

from . import kiosk_views, views

urlpatterns = [
    # The center's staff
    path("programs/<slug:slug>/dropin/hours/", views.hours, name="dropin-hours"),
    path("programs/<slug:slug>/dropin/activities/", views.activities, name="dropin-activities"),
    path(
        "programs/<slug:slug>/dropin/activities/<int:pk>/delete/",
        views.activity_delete,
        name="dropin-activity-delete",
    ),
    path("programs/<slug:slug>/dropin/kiosks/", views.kiosks, name="dropin-kiosks"),
    path(
        "programs/<slug:slug>/dropin/kiosks/<int:pk>/revoke/",
        views.kiosk_revoke,
        name="dropin-kiosk-revoke",
    ),
    path("programs/<slug:slug>/dropin/visits/", views.visits, name="dropin-visits"),
    # Each person's own
    path("dropin/my-visits/", views.my_visits, name="dropin-my-visits"),
    path("dropin/my-visits/<int:pk>/not-me/", views.visit_disown, name="dropin-visit-disown"),
    # The kiosk: anyone holding its address, no account
    path("kiosk/<str:secret>/", kiosk_views.kiosk, name="dropin-kiosk"),
    path("kiosk/<str:secret>/thanks/", kiosk_views.kiosk_thanks, name="dropin-kiosk-thanks"),
]
