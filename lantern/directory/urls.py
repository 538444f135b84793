from django.urls import path

from . import views

urlpatterns = [
    path("resources/", views.resource_list, name="directory-list"),
    path("resources/import/", views.resource_import, name="directory-import"),
    path("resources/<int:pk>/", views.resource_detail, name="directory-resource"),
    path("resources/<int:pk>/outdated/", views.resource_outdated, name="directory-outdated"),
    path("resources/<int:pk>/verify/", views.resource_verify, name="directory-verify"),
]
