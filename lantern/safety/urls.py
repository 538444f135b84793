from django.urls import path

from . import settings_views, views

urlpatterns = [
    path("help/", views.help_page, name="safety-help"),
    path("safety/reach-out/", views.reach_out_start, name="safety-reach-out-start"),
    path("safety/reach-outs/", views.reach_out_list, name="safety-reach-outs"),
    path("safety/reach-outs/<int:pk>/", views.reach_out_detail, name="safety-reach-out"),
    path("safety/reach-outs/<int:pk>/claim/", views.reach_out_claim, name="safety-reach-out-claim"),
    path(
        "safety/reach-outs/<int:pk>/message/",
        views.reach_out_message,
        name="safety-reach-out-message",
    ),
    path("safety/reach-outs/<int:pk>/close/", views.reach_out_close, name="safety-reach-out-close"),
    path(
        "safety/reach-outs/<int:pk>/hand-off/",
        views.reach_out_hand_off,
        name="safety-reach-out-hand-off",
    ),
    path("safety/circle/", views.circle, name="safety-circle"),
    path("safety/circle/<int:person_id>/remove/", views.circle_remove, name="safety-circle-remove"),
    path(
        "safety/circle/preferences/",
        views.circle_preferences,
        name="safety-circle-preferences",
    ),
    path("manage/crisis-lines/", settings_views.crisis_lines, name="safety-manage-crisis-lines"),
    path(
        "manage/crisis-lines/<str:locale>/keep/",
        settings_views.crisis_lines_keep,
        name="safety-manage-crisis-lines-keep",
    ),
    path(
        "manage/crisis-lines/<str:locale>/new/",
        settings_views.crisis_line_edit,
        name="safety-manage-crisis-line-new",
    ),
    path(
        "manage/crisis-lines/line/<int:pk>/",
        settings_views.crisis_line_edit,
        name="safety-manage-crisis-line",
    ),
    path("manage/on-duty/", settings_views.on_duty_roster, name="safety-manage-roster"),
    path("manage/safety-net/", settings_views.net_settings, name="safety-manage-net"),
    path(
        "manage/on-duty/<int:pk>/cancel/",
        settings_views.on_duty_cancel,
        name="safety-manage-roster-cancel",
    ),
    path("safety/duty/", views.duty, name="safety-duty"),
    path("safety/duty/end/", views.duty_end, name="safety-duty-end"),
    path("safety/alerts/", views.alert_list, name="safety-alerts"),
    path("safety/alerts/<int:pk>/", views.alert_detail, name="safety-alert"),
    path("safety/alerts/<int:pk>/acknowledge/", views.alert_acknowledge, name="safety-alert-ack"),
    path("safety/alerts/<int:pk>/note/", views.alert_note, name="safety-alert-note"),
    path("safety/alerts/<int:pk>/resolve/", views.alert_resolve, name="safety-alert-resolve"),
    path("safety/metrics/", views.metrics, name="safety-metrics"),
    path("safety/review/", views.review_queue, name="safety-review"),
    path("safety/review/<int:pk>/fine/", views.review_fine, name="safety-review-fine"),
    path(
        "safety/review/<int:pk>/reach-out/",
        views.review_reach_out,
        name="safety-review-reach-out",
    ),
    path("safety/review/<int:pk>/raise/", views.review_raise, name="safety-review-raise"),
]
