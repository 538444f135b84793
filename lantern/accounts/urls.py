from django.urls import path

from . import views

urlpatterns = [
    path("accounts/preferences/", views.preferences, name="accounts-preferences"),
    path("accounts/recovery-codes/", views.recovery_codes, name="accounts-recovery-codes"),
    path("accounts/tokens/", views.api_tokens, name="accounts-tokens"),
    path("accounts/tokens/<int:pk>/revoke/", views.api_token_revoke, name="accounts-token-revoke"),
    path("accounts/recover/", views.recover, name="accounts-recover"),
    path("accounts/export/", views.export, name="accounts-export"),
    path("accounts/delete/", views.erase, name="accounts-erase"),
    path("manage/invitations/", views.manage_invitations, name="accounts-manage-invitations"),
    path(
        "manage/invitations/<int:pk>/withdraw/",
        views.manage_invitation_revoke,
        name="accounts-manage-invitation-revoke",
    ),
    path("join/", views.join, name="accounts-join-code"),
    path("join/<str:code>/", views.join_code, name="accounts-join"),
    path("staff/people/", views.staff_people, name="accounts-staff-people"),
    path("staff/people/<str:handle>/", views.staff_person, name="accounts-staff-person"),
    path(
        "staff/people/<str:handle>/roles/",
        views.staff_person_role,
        name="accounts-staff-person-role",
    ),
]
