from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "lantern.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        # Imported here: models are ready only now (Django's rule for ready()).
        from django.utils.translation import gettext_lazy as _

        from lantern.core import registry

        from . import demo, home

        registry.home_card(
            "accounts.recovery_codes",
            "accounts/_recovery_codes_card.html",
            context=home.recovery_codes_card,
            order=30,
        )
        registry.demo_seed("accounts", demo.seed, order=0)
        registry.settings_section(
            "invitations",
            _("Invitations"),
            "accounts-manage-invitations",
            description=_("Links and codes to join, in bulk, with a role or a group"),
            order=10,
        )
