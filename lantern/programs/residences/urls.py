from django.urls import path

from . import house_views, views

P = "programs/<slug:slug>/"
HOUSE = P + "houses/<int:pk>/"

urlpatterns = [
    path(P + "houses/", views.house_list, name="residences-houses"),
    path(HOUSE, views.house_detail, name="residences-house"),
    path(HOUSE + "edit/", views.house_edit, name="residences-house-edit"),
    path(HOUSE + "beds/", views.beds, name="residences-beds"),
    path(HOUSE + "beds/add/", views.bed_add, name="residences-bed-add"),
    path(P + "beds/<int:pk>/service/", views.bed_service, name="residences-bed-service"),
    path(HOUSE + "move-in/", views.move_in, name="residences-move-in"),
    path(P + "residents/", views.resident_list, name="residences-residents"),
    path(P + "residents/<int:pk>/", views.residency_detail, name="residences-residency"),
    path(P + "residents/<int:pk>/move-out/", views.move_out, name="residences-move-out"),
    path(P + "waiting/", views.waiting, name="residences-waiting"),
    path(P + "waiting/<int:pk>/offer/", views.offer, name="residences-offer"),
    path(P + "waiting/<int:pk>/move-in/", views.waiting_move_in, name="residences-waiting-move-in"),
    path(P + "waiting/<int:pk>/remove/", views.waiting_remove, name="residences-waiting-remove"),
    path(P + "rules/", house_views.rules_page, name="residences-rules"),
    path(
        P + "rules/<int:number>/accept/", house_views.rules_accept, name="residences-rules-accept"
    ),
    path(HOUSE + "meetings/", house_views.meeting_list, name="residences-meetings"),
    path(HOUSE + "meetings/<int:meeting>/", house_views.meeting_detail, name="residences-meeting"),
    path(HOUSE + "rota/", house_views.rota, name="residences-rota"),
    path(HOUSE + "rota/advance/", house_views.rota_advance, name="residences-rota-advance"),
    path(HOUSE + "chores/", house_views.chore_add, name="residences-chore-add"),
    path(P + "chores/<int:pk>/retire/", house_views.chore_retire, name="residences-chore-retire"),
    path(P + "rota/<int:pk>/done/", house_views.chore_done, name="residences-chore-done"),
    path(P + "rota/<int:pk>/undo/", house_views.chore_undo, name="residences-chore-undo"),
    path(HOUSE + "log/", house_views.house_log, name="residences-log"),
]
