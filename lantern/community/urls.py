from django.urls import path

from . import moderation_views, space_views, views

urlpatterns = [
    path("groups/", views.spaces, name="community-spaces"),
    path("groups/welcome/", views.welcome, name="community-welcome"),
    path("groups/search/", views.search, name="community-search"),
    path("groups/moderation/", moderation_views.queue, name="community-moderation"),
    path(
        "groups/moderation/log/", moderation_views.moderation_log, name="community-moderation-log"
    ),
    path(
        "groups/moderation/reports/<int:pk>/",
        moderation_views.report_detail,
        name="community-report",
    ),
    path(
        "groups/moderation/reports/<int:pk>/resolve/",
        moderation_views.report_resolve,
        name="community-report-resolve",
    ),
    path(
        "groups/moderation/posts/<int:pk>/",
        moderation_views.moderate_post,
        name="community-moderate-post",
    ),
    path(
        "groups/moderation/threads/<int:pk>/",
        moderation_views.moderate_thread,
        name="community-moderate-thread",
    ),
    path(
        "groups/moderation/messages/<int:pk>/",
        moderation_views.moderate_message,
        name="community-moderate-message",
    ),
    path(
        "groups/moderation/people/<str:handle>/",
        moderation_views.moderate_person,
        name="community-moderate-person",
    ),
    path("groups/posts/<int:pk>/edit/", views.post_edit, name="community-post-edit"),
    path("groups/posts/<int:pk>/delete/", views.post_delete, name="community-post-delete"),
    path("groups/posts/<int:pk>/react/", views.post_react, name="community-post-react"),
    path("groups/posts/<int:pk>/report/", views.post_report, name="community-post-report"),
    # Fixed words under groups/ go before groups/<slug>/ (space_services.RESERVED_SLUGS).
    path("groups/new/", space_views.space_new, name="community-space-new"),
    path("groups/<slug:slug>/", views.space, name="community-space"),
    path(
        "groups/<slug:slug>/settings/",
        space_views.space_settings,
        name="community-space-settings",
    ),
    path("groups/<slug:slug>/join/", views.space_join, name="community-space-join"),
    path("groups/<slug:slug>/leave/", views.space_leave, name="community-space-leave"),
    path("groups/<slug:slug>/admit/<int:pk>/", views.space_admit, name="community-space-admit"),
    path("groups/<slug:slug>/invite/", views.space_invite, name="community-space-invite"),
    path("groups/<slug:slug>/new/", views.thread_new, name="community-thread-new"),
    path("groups/<slug:slug>/t/<int:pk>/", views.thread, name="community-thread"),
    path("groups/<slug:slug>/t/<int:pk>/reply/", views.thread_reply, name="community-reply"),
    path("messages/", views.conversations, name="community-messages"),
    path("messages/new/", views.message_new, name="community-message-new"),
    path("messages/blocked/", views.blocks, name="community-blocks"),
    path("messages/settings/", views.my_settings, name="community-my-settings"),
    path("messages/<int:pk>/", views.conversation, name="community-conversation"),
    path("messages/m/<int:pk>/report/", views.message_report, name="community-message-report"),
    path("people/<str:handle>/block/", views.block, name="community-block"),
    path("people/<str:handle>/unblock/", views.unblock, name="community-unblock"),
]
