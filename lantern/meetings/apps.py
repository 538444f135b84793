from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "lantern.meetings"
    label = "meetings"
    verbose_name = "Meetings"
