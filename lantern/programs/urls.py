from django.urls import path

from . import views

urlpatterns = [
    path("programs/", views.program_list, name="programs-list"),
    path("programs/<slug:slug>/", views.program_detail, name="programs-program"),
    path("programs/<slug:slug>/people/", views.people, name="programs-people"),
    path(
        "programs/<slug:slug>/people/<int:pk>/discharge/",
        views.discharge,
        name="programs-discharge",
    ),
    path("programs/<slug:slug>/report/", views.report, name="programs-report"),
    path("programs/<slug:slug>/report.csv", views.report_csv, name="programs-report-csv"),
    path("manage/programs/", views.manage, name="programs-manage"),
    path("manage/programs/<slug:slug>/", views.manage_program, name="programs-manage-program"),
    path(
        "manage/programs/<slug:slug>/staff/remove/",
        views.remove_staff,
        name="programs-staff-remove",
    ),
    path("manage/programs/<slug:slug>/close/", views.close, name="programs-close"),
]
