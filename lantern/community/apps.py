from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "lantern.community"
    label = "community"
    verbose_name = "Community"

    def ready(self):
        from lantern.accounts import personal_data

        from . import services

        # Posts keep their words as "a former member" (author set to null), messages' sender
        # likewise, and a conversation stays with the other person (their copy, and the evidence
        # any report needs: someone who harassed cannot delete it by leaving). Memberships,
        # reactions, blocks and read marks go with the account. The erase step blanks copies of
        # their words in safety alerts and the notes of reports they filed, and deletes
        # conversations nobody is left to read.
        personal_data.register(
            "community", export=services.export_community, erase=services.erase_community
        )
