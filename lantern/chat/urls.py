from django.urls import path

from . import views

urlpatterns = [
    path("rooms/", views.rooms, name="chat-rooms"),
    path("rooms/new/", views.room_new, name="chat-room-new"),
    path("rooms/<slug:slug>/", views.room, name="chat-room"),
    path("rooms/<slug:slug>/settings/", views.room_settings, name="chat-room-settings"),
    path("rooms/<slug:slug>/post/", views.post, name="chat-post"),
    path("rooms/<slug:slug>/hand/", views.hand, name="chat-hand"),
    path("rooms/<slug:slug>/open/", views.session_open, name="chat-open"),
    path("rooms/<slug:slug>/close/", views.session_close, name="chat-close"),
    path("rooms/<slug:slug>/pin/", views.pin, name="chat-pin"),
    path("rooms/<slug:slug>/queue/", views.queue, name="chat-queue"),
    path("rooms/<slug:slug>/slow/", views.slow, name="chat-slow"),
    path("rooms/<slug:slug>/floor/", views.floor, name="chat-floor"),
    path("rooms/<slug:slug>/floor/end/", views.floor_end, name="chat-floor-end"),
    path("rooms/<slug:slug>/mute/", views.mute, name="chat-mute"),
    path("rooms/<slug:slug>/unmute/", views.unmute, name="chat-unmute"),
    path("rooms/<slug:slug>/remove/", views.remove, name="chat-remove"),
    path("rooms/<slug:slug>/co-chair/", views.co_chair, name="chat-co-chair"),
    path("rooms/messages/<int:pk>/", views.message, name="chat-message"),
    path("rooms/messages/<int:pk>/react/", views.react, name="chat-react"),
    path("rooms/messages/<int:pk>/hide/", views.hide, name="chat-hide"),
    path("rooms/messages/<int:pk>/report/", views.report, name="chat-report"),
    path("rooms/messages/<int:pk>/side/", views.side, name="chat-side"),
]
