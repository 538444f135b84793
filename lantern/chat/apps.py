from django.apps import AppConfig


class ChatConfig(AppConfig):
    name = "lantern.chat"
    label = "chat"
    verbose_name = "Chat"
