from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "lantern.community"
    label = "community"
    verbose_name = "Community"

    def ready(self):
        from lantern.accounts import personal_data

        from . import services

        # Posts keep their words as "a former member" (author set to null), messages' sender
        # likewise; memberships, reactions, blocks, read marks and the person's conversations go
        # with the account. The erase step blanks copies of their words in safety alerts and
        # the notes of reports they filed.
        personal_data.register(
            "community", export=services.export_community, erase=services.erase_community
        )
