from django.urls import path

from .views import conversations, moderation, posts, spaces

urlpatterns = [
    path("groups/", spaces.spaces, name="community-spaces"),
    path("groups/welcome/", posts.welcome, name="community-welcome"),
    path("groups/search/", posts.search, name="community-search"),
    path("groups/moderation/", moderation.queue, name="community-moderation"),
    path("groups/moderation/log/", moderation.moderation_log, name="community-moderation-log"),
    path("groups/moderation/reports/<int:pk>/", moderation.report_detail, name="community-report"),
    path(
        "groups/moderation/reports/<int:pk>/resolve/",
        moderation.report_resolve,
        name="community-report-resolve",
    ),
    path(
        "groups/moderation/posts/<int:pk>/",
        moderation.moderate_post,
        name="community-moderate-post",
    ),
    path(
        "groups/moderation/threads/<int:pk>/",
        moderation.moderate_thread,
        name="community-moderate-thread",
    ),
    path(
        "groups/moderation/messages/<int:pk>/",
        moderation.moderate_message,
        name="community-moderate-message",
    ),
    path(
        "groups/moderation/alerts/<int:pk>/message/",
        moderation.alert_message,
        name="community-alert-message",
    ),
    path(
        "groups/moderation/people/<str:handle>/",
        moderation.moderate_person,
        name="community-moderate-person",
    ),
    path("groups/posts/<int:pk>/edit/", posts.post_edit, name="community-post-edit"),
    path("groups/posts/<int:pk>/delete/", posts.post_delete, name="community-post-delete"),
    path("groups/posts/<int:pk>/react/", posts.post_react, name="community-post-react"),
    path("groups/posts/<int:pk>/report/", posts.post_report, name="community-post-report"),
    # Fixed words under groups/ go before groups/<slug>/ (services.spaces.RESERVED_SLUGS).
    path("groups/new/", spaces.space_new, name="community-space-new"),
    path("groups/<slug:slug>/", spaces.space, name="community-space"),
    path("groups/<slug:slug>/settings/", spaces.space_settings, name="community-space-settings"),
    path(
        "groups/<slug:slug>/settings/moderators/add/",
        spaces.space_moderator_add,
        name="community-space-moderator-add",
    ),
    path(
        "groups/<slug:slug>/settings/moderators/remove/",
        spaces.space_moderator_remove,
        name="community-space-moderator-remove",
    ),
    path("groups/<slug:slug>/join/", spaces.space_join, name="community-space-join"),
    path("groups/<slug:slug>/leave/", spaces.space_leave, name="community-space-leave"),
    path("groups/<slug:slug>/admit/<int:pk>/", spaces.space_admit, name="community-space-admit"),
    path("groups/<slug:slug>/invite/", spaces.space_invite, name="community-space-invite"),
    path("groups/<slug:slug>/new/", posts.thread_new, name="community-thread-new"),
    path("groups/<slug:slug>/t/<int:pk>/", posts.thread, name="community-thread"),
    path("groups/<slug:slug>/t/<int:pk>/reply/", posts.thread_reply, name="community-reply"),
    path("messages/", conversations.conversations, name="community-messages"),
    path("messages/new/", conversations.message_new, name="community-message-new"),
    path("messages/blocked/", conversations.blocks, name="community-blocks"),
    path("messages/settings/", conversations.my_settings, name="community-my-settings"),
    path("messages/<int:pk>/", conversations.conversation, name="community-conversation"),
    path(
        "messages/m/<int:pk>/report/",
        conversations.message_report,
        name="community-message-report",
    ),
    path("people/<str:handle>/block/", conversations.block, name="community-block"),
    path("people/<str:handle>/unblock/", conversations.unblock, name="community-unblock"),
]
