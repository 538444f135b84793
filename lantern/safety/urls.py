from django.urls import path

from . import views

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
