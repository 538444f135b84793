from django.urls import path

from . import story_views, views, volunteer_views

urlpatterns = [
    path("events/", views.event_list, name="events-list"),
    path("events.ics", views.feed_ics, name="events-feed-ics"),
    path("events/new/", views.event_new, name="events-new"),
    path("events/<int:pk>/", views.event_detail, name="events-detail"),
    path("events/<int:pk>.ics", views.event_ics, name="events-detail-ics"),
    path("events/<int:pk>/edit/", views.event_edit, name="events-edit"),
    path("events/<int:pk>/cancel/", views.event_cancel, name="events-cancel"),
    path("events/<int:pk>/rsvp/", views.event_rsvp, name="events-rsvp"),
    path("events/<int:pk>/rsvp/cancel/", views.event_rsvp_cancel, name="events-rsvp-cancel"),
    path("events/clubs/", views.club_list, name="events-clubs"),
    path("events/clubs/new/", views.club_new, name="events-club-new"),
    path("events/clubs/<slug:slug>/", views.club_detail, name="events-club"),
    path("events/clubs/<slug:slug>/join/", views.club_join, name="events-club-join"),
    path("events/clubs/<slug:slug>/leave/", views.club_leave, name="events-club-leave"),
]

urlpatterns += [
    path("volunteer/", volunteer_views.volunteer_list, name="events-volunteer"),
    path("volunteer/new/", volunteer_views.opportunity_new, name="events-opportunity-new"),
    path("volunteer/my-service/", volunteer_views.service_summary, name="events-service-summary"),
    path("volunteer/<int:pk>/", volunteer_views.opportunity_detail, name="events-opportunity"),
    path("volunteer/<int:pk>/shifts/new/", volunteer_views.shift_new, name="events-shift-new"),
    path(
        "volunteer/shifts/<int:pk>/signup/",
        volunteer_views.shift_signup,
        name="events-shift-signup",
    ),
    path(
        "volunteer/shifts/<int:pk>/cancel/",
        volunteer_views.shift_cancel,
        name="events-shift-cancel",
    ),
    path("volunteer/shifts/<int:pk>/hours/", volunteer_views.hours_log, name="events-hours-log"),
    path(
        "volunteer/hours/<int:pk>/confirm/",
        volunteer_views.hours_confirm,
        name="events-hours-confirm",
    ),
    path(
        "volunteer/hours/<int:pk>/decline/",
        volunteer_views.hours_decline,
        name="events-hours-decline",
    ),
    path("stories/", story_views.story_list, name="events-stories"),
    path("stories/new/", story_views.story_new, name="events-story-new"),
    path("stories/review/", story_views.story_review, name="events-story-review"),
    path("stories/<int:pk>/", story_views.story_detail, name="events-story"),
    path("stories/<int:pk>/withdraw/", story_views.story_withdraw, name="events-story-withdraw"),
    path("stories/<int:pk>/report/", story_views.story_report, name="events-story-report"),
    path("stories/<int:pk>/publish/", story_views.story_publish, name="events-story-publish"),
    path("stories/<int:pk>/decline/", story_views.story_decline, name="events-story-decline"),
]
