from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="core-home"),
    path("manage/", views.manage, name="core-manage"),
    path("manage/site/", views.manage_site, name="core-manage-site"),
    path("guidelines/", views.guidelines, name="core-guidelines"),
    path("privacy/", views.privacy, name="core-privacy"),
    path("healthz", views.healthz, name="core-healthz"),
    path("language/", views.set_language, name="core-language"),
    path("notifications/", views.notification_list, name="core-notifications"),
    path(
        "notifications/read-all/", views.notification_read_all, name="core-notifications-read-all"
    ),
    path("notifications/<int:pk>/open/", views.notification_open, name="core-notification-open"),
    path("push/key/", views.push_key, name="core-push-key"),
    path("push/subscribe/", views.push_subscribe, name="core-push-subscribe"),
    path("push/unsubscribe/", views.push_unsubscribe, name="core-push-unsubscribe"),
    path("manifest.webmanifest", views.manifest, name="core-manifest"),
    path("sw.js", views.service_worker, name="core-service-worker"),
]
