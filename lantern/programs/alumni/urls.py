from django.urls import path

from . import views

urlpatterns = [
    # Graduates
    path("alumni/", views.mine, name="alumni-mine"),
    path("alumni/join/", views.join, name="alumni-join"),
    path("alumni/check-ins/<int:pk>/", views.checkin, name="alumni-checkin"),
    path("programs/<slug:slug>/giving-back/", views.give_back, name="alumni-give-back"),
    # The program's staff
    path("programs/<slug:slug>/cohorts/", views.cohorts, name="alumni-cohorts"),
    path("programs/<slug:slug>/cohorts/<int:pk>/", views.cohort, name="alumni-cohort"),
    path("programs/<slug:slug>/cohorts/<int:pk>/add/", views.cohort_add, name="alumni-cohort-add"),
    path(
        "programs/<slug:slug>/cohorts/<int:pk>/codes/new/",
        views.code_new,
        name="alumni-code-new",
    ),
    path(
        "programs/<slug:slug>/codes/<int:pk>/withdraw/",
        views.code_revoke,
        name="alumni-code-revoke",
    ),
    path("programs/<slug:slug>/check-ins/", views.followups, name="alumni-followups"),
    path("programs/<slug:slug>/graduates/<int:person>/", views.graduate, name="alumni-graduate"),
    path(
        "programs/<slug:slug>/graduates/<int:person>/care-level/",
        views.care_level,
        name="alumni-care-level",
    ),
    path("programs/<slug:slug>/volunteers/", views.volunteers, name="alumni-volunteers"),
]
