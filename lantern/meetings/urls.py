from django.urls import path

from . import views

urlpatterns = [
    path("meetings/", views.finder_page, name="meetings-finder"),
    path("meetings.json", views.feed_json, name="meetings-feed-json"),
    path("meetings.ics", views.feed_ics, name="meetings-feed-ics"),
    path("meetings/attendance/", views.attendance, name="meetings-attendance"),
    path("meetings/<slug:slug>/", views.detail, name="meetings-detail"),
    path("meetings/<slug:slug>/attended/", views.attended, name="meetings-attended"),
    path("meetings/<slug:slug>.ics", views.meeting_ics, name="meetings-detail-ics"),
    path("meetings/<slug:slug>/report/", views.report_change, name="meetings-report-change"),
    path("staff/meetings/changes/", views.changes, name="meetings-changes"),
    path("staff/meetings/changes/<int:pk>/", views.change, name="meetings-change"),
    path(
        "staff/meetings/changes/<int:pk>/dismiss/",
        views.change_dismiss,
        name="meetings-change-dismiss",
    ),
    path("staff/meetings/import/", views.import_page, name="meetings-import"),
]
