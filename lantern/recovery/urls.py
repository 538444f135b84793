from django.urls import path

from . import shared, views

urlpatterns = [
    path("recovery/", views.home, name="recovery-home"),
    path("recovery/counters/new/", views.counter_new, name="recovery-counter-new"),
    path("recovery/counters/<int:pk>/", views.counter_detail, name="recovery-counter"),
    path("recovery/counters/<int:pk>/edit/", views.counter_edit, name="recovery-counter-edit"),
    path(
        "recovery/counters/<int:pk>/new-start/",
        views.counter_new_start,
        name="recovery-counter-new-start",
    ),
    path(
        "recovery/counters/<int:pk>/delete/", views.counter_delete, name="recovery-counter-delete"
    ),
    path(
        "recovery/counters/<int:pk>/milestones/<slug:key>/",
        views.milestone_card,
        name="recovery-milestone",
    ),
    path(
        "recovery/counters/<int:pk>/milestones/<slug:key>/share/",
        views.milestone_share,
        name="recovery-milestone-share",
    ),
    path("recovery/checkin/", views.checkin, name="recovery-checkin"),
    path("recovery/checkins/", views.checkin_history, name="recovery-checkins"),
    path("recovery/trends/", views.trends, name="recovery-trends"),
    path("recovery/nudges/<int:pk>/dismiss/", views.nudge_dismiss, name="recovery-nudge-dismiss"),
    path("recovery/reminders/", views.reminders, name="recovery-reminders"),
    path("recovery/journal/", views.journal, name="recovery-journal"),
    path("recovery/journal/new/", views.journal_entry, name="recovery-journal-new"),
    path("recovery/journal/<int:pk>/", views.journal_entry, name="recovery-journal-entry"),
    path("recovery/journal/<int:pk>/delete/", views.journal_delete, name="recovery-journal-delete"),
    path("recovery/journal/<int:pk>/share/", views.journal_share, name="recovery-journal-share"),
    path(
        "recovery/journal/<int:pk>/unshare/",
        views.journal_unshare,
        name="recovery-journal-unshare",
    ),
    path("recovery/plan/", views.plan, name="recovery-plan"),
    path("recovery/plan/export/", views.plan_export, name="recovery-plan-export"),
    path("recovery/plan/items/new/", views.plan_item, name="recovery-plan-item-new"),
    path("recovery/plan/items/<int:pk>/", views.plan_item, name="recovery-plan-item"),
    path(
        "recovery/plan/items/<int:pk>/delete/",
        views.plan_item_delete,
        name="recovery-plan-item-delete",
    ),
    path("recovery/plan/goals/new/", views.goal, name="recovery-goal-new"),
    path("recovery/plan/goals/<int:pk>/", views.goal, name="recovery-goal"),
    path("recovery/plan/goals/<int:pk>/steps/", views.goal_step_add, name="recovery-goal-step-add"),
    path("recovery/plan/goals/<int:pk>/notes/", views.goal_note_add, name="recovery-goal-note-add"),
    path("recovery/plan/goals/<int:pk>/delete/", views.goal_delete, name="recovery-goal-delete"),
    path(
        "recovery/plan/steps/<int:pk>/toggle/", views.goal_step_toggle, name="recovery-step-toggle"
    ),
    path("recovery/sharing/", views.sharing, name="recovery-sharing"),
    path("recovery/sharing/<int:pk>/revoke/", views.grant_revoke, name="recovery-grant-revoke"),
    path("recovery/shared/", shared.shared_list, name="recovery-shared"),
    path(
        "recovery/shared/journal/<int:pk>/", shared.shared_journal, name="recovery-shared-journal"
    ),
    path("recovery/shared/<str:handle>/", shared.shared_member, name="recovery-shared-member"),
    path(
        "recovery/shared/<str:handle>/milestones/",
        shared.shared_milestones,
        name="recovery-shared-milestones",
    ),
    path(
        "recovery/shared/<str:handle>/checkins/",
        shared.shared_checkins,
        name="recovery-shared-checkins",
    ),
    path("recovery/shared/<str:handle>/plan/", shared.shared_plan, name="recovery-shared-plan"),
]
