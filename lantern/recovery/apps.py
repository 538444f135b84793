from django.apps import AppConfig


class RecoveryConfig(AppConfig):
    name = "lantern.recovery"
    label = "recovery"
    verbose_name = "Recovery"

    def ready(self):
        from lantern.accounts import personal_data

        from . import services

        # Every recovery row cascades with the account; the erase step removes what would not.
        personal_data.register(
            "recovery", export=services.export_recovery, erase=services.erase_recovery
        )
