from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "lantern.meetings"
    label = "meetings"
    verbose_name = "Meetings"

    def ready(self):
        # Imported here: models are ready only now (Django's rule for ready()).
        from django.utils.translation import gettext_lazy as _

        from lantern.accounts import personal_data
        from lantern.core import notification_kinds, registry

        from . import demo, services

        # Attendance rows cascade with the account; suggested corrections stay, anonymous
        # (the reporter is set to null), since the meeting's history needs them.
        personal_data.register("meeting_attendance", export=services.export_attendance)
        personal_data.register("meeting_change_reports", export=services.export_change_reports)
        registry.demo_seed("meetings", demo.seed, order=10)

        # A meeting's name is public (the finder lists it), never a member's words; the
        # correction's text stays on the review page.
        notification_kinds.register(
            "meetings.change",
            title=_("A meeting's details may be out of date: %(meeting)s"),
            neutral=_("A meeting correction is waiting for review"),
            staff=True,
        )
        notification_kinds.register(
            "meetings.change_applied",
            title=_("Thank you: %(meeting)s is updated"),
            neutral=_("Thank you: a meeting you corrected is updated"),
            detailed_if_chosen=True,  # the meeting's public name, for the member who asked
        )
