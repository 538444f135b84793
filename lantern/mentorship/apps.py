from django.apps import AppConfig


class MentorshipConfig(AppConfig):
    name = "lantern.mentorship"
    label = "mentorship"
    verbose_name = "Mentorship"
