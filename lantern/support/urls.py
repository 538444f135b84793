from django.urls import path

from .views import engagements, records, reports

urlpatterns = [
    path("support/", engagements.home, name="support-home"),
    path("support/caseload/", engagements.caseload, name="support-caseload"),
    path("support/due/", engagements.due, name="support-due"),
    path("support/team/", engagements.team, name="support-team"),
    path("support/request/", engagements.request_specialist, name="support-request"),
    path("support/invite/", engagements.invite, name="support-invite"),
    path("support/invite/code/", engagements.invite_code, name="support-invite-code"),
    path("support/join/", engagements.join, name="support-join"),
    path("support/report/", reports.report, name="support-report"),
    path("support/report.csv", reports.report_csv, name="support-report-csv"),
    path("support/e/<int:pk>/", engagements.engagement, name="support-engagement"),
    path("support/e/<int:pk>/take/", engagements.take, name="support-take"),
    path("support/e/<int:pk>/consent/", engagements.consent, name="support-consent"),
    path("support/e/<int:pk>/revoke/", engagements.revoke, name="support-revoke"),
    path("support/e/<int:pk>/decline/", engagements.decline, name="support-decline"),
    path("support/e/<int:pk>/close/", engagements.close, name="support-close"),
    path("support/e/<int:pk>/handover/", engagements.handover, name="support-handover"),
    path(
        "support/e/<int:pk>/handover/answer/",
        engagements.handover_answer,
        name="support-handover-answer",
    ),
    path("support/e/<int:pk>/message/", engagements.message, name="support-message"),
    path("support/e/<int:pk>/intake/", records.intake, name="support-intake"),
    path("support/e/<int:pk>/notes/", records.notes, name="support-notes"),
    path("support/e/<int:pk>/assessments/", records.assessments, name="support-assessments"),
    path(
        "support/e/<int:pk>/assessments/<slug:slug>/",
        records.assessment_new,
        name="support-assessment-new",
    ),
    path("support/e/<int:pk>/referrals/", records.referrals, name="support-referrals"),
    path("support/e/<int:pk>/followups/", records.followups, name="support-followups"),
    path("support/e/<int:pk>/plan/", records.plan, name="support-plan"),
    path("support/proposals/<int:pk>/", records.proposal_answer, name="support-proposal-answer"),
    path("support/notes/<int:pk>/", records.note, name="support-note"),
    path("support/notes/<int:pk>/addendum/", records.addendum, name="support-addendum"),
    path(
        "support/referrals/<int:pk>/status/",
        records.referral_status,
        name="support-referral-status",
    ),
    path("support/followups/<int:pk>/", records.followup_record, name="support-followup-record"),
]
