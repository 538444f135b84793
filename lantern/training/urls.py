from django.urls import path

from . import views

urlpatterns = [
    path("training/", views.course_list, name="training-courses"),
    path("training/<slug:slug>/", views.course_detail, name="training-course"),
    path("training/<slug:slug>/<slug:key>/", views.part_detail, name="training-part"),
    path("training/<slug:slug>/<slug:key>/answer/", views.part_answer, name="training-answer"),
    path(
        "training/<slug:slug>/<slug:key>/answer/delete/",
        views.answer_delete,
        name="training-answer-delete",
    ),
    path("training/<slug:slug>/<slug:key>/done/", views.part_done, name="training-done"),
    path("manage/training/", views.manage, name="training-manage"),
]
