from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "lantern.meetings"
    label = "meetings"
    verbose_name = "Meetings"

    def ready(self):
        from lantern.accounts import personal_data

        from . import services

        # Attendance rows cascade with the account; suggested corrections stay, anonymous
        # (the reporter is set to null), since the meeting's history needs them.
        personal_data.register("meeting_attendance", export=services.export_attendance)
        personal_data.register("meeting_change_reports", export=services.export_change_reports)
