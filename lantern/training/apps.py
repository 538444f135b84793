from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "lantern.training"
    label = "training"
    verbose_name = "Training"

    def ready(self):
        # Imported here: models are ready only now (Django's rule for ready()).
        from django.utils.translation import gettext_lazy as _

        from lantern.accounts import personal_data, role_requirements
        from lantern.core import notification_kinds, registry

        from . import access, demo, home, services

        # accounts.grant_role refuses a role whose course is not completed, and invitations
        # keep such a role waiting; mark_done gives it when the course is complete.
        role_requirements.register("training", unmet=services.unmet)
        personal_data.register(
            "training", export=services.export_training, erase=services.erase_training
        )
        registry.settings_section(
            "training",
            _("Training"),
            "training-manage",
            description=_("The course each role requires, and who has completed what"),
            order=40,
        )
        # Helpers only: their roles are known without a query. Members on their way to a role
        # find their course on the home card.
        registry.menu_link(
            "training",
            _("Training"),
            "training-courses",
            order=85,
            show=access.sees_training_in_menu,
        )
        registry.home_card("training", "training/_home_card.html", context=home.card, order=25)
        # After accounts (0): the demo people work through the course.
        registry.demo_seed("training", demo.seed, order=60)
        # A course's title is the site's words, not a member's: fine in mail subjects too.
        notification_kinds.register(
            "training.completed",
            title=_("You completed the course “%(course)s”"),
            neutral=_("You completed a course on Lantern"),
        )
        notification_kinds.register(
            "training.role_granted",
            title=_("You completed “%(course)s”: you are now %(roles)s"),
            neutral=_("You completed a course on Lantern and have a new role"),
            body=_("Thank you for giving your time to others."),
        )
