from django.urls import path

from . import views

urlpatterns = [
    path("mentors/", views.home, name="mentorship-home"),
    path("mentors/ask/", views.ask, name="mentorship-ask"),
    path("mentors/suggestions/", views.suggestions, name="mentorship-suggestions"),
    path("mentors/profile/", views.profile, name="mentorship-profile"),
    path("mentors/profile/pause/", views.pause, name="mentorship-pause"),
    path("mentors/m/<str:handle>/", views.mentor, name="mentorship-mentor"),
    path("mentors/m/<str:handle>/ask/", views.request_mentor, name="mentorship-request"),
    path("mentors/<int:pk>/", views.detail, name="mentorship-detail"),
    path("mentors/<int:pk>/accept/", views.accept, name="mentorship-accept"),
    path("mentors/<int:pk>/decline/", views.decline, name="mentorship-decline"),
    path("mentors/<int:pk>/withdraw/", views.withdraw, name="mentorship-withdraw"),
    path("mentors/<int:pk>/end/", views.end, name="mentorship-end"),
    path("mentors/<int:pk>/talk/", views.talk, name="mentorship-talk"),
    path("mentors/cohorts/", views.cohorts, name="mentorship-cohorts"),
    path("mentors/cohorts/<int:pk>/", views.cohort, name="mentorship-cohort"),
    path("mentors/cohorts/<int:pk>/match/", views.cohort_match, name="mentorship-cohort-match"),
    path("mentors/cohorts/<int:pk>/pair/", views.cohort_pair, name="mentorship-cohort-pair"),
    path(
        "mentors/cohorts/<int:pk>/publish/", views.cohort_publish, name="mentorship-cohort-publish"
    ),
    path(
        "mentors/cohort-pairs/<int:pk>/remove/",
        views.cohort_unpair,
        name="mentorship-cohort-unpair",
    ),
]
