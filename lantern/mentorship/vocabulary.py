"""The words a mentor profile and a mentee's preferences are made of: fixed lists, so matching
compares like with like and every choice reads the same in English and Spanish."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from lantern.accounts.models import Pathway  # noqa: F401 - the pathways, defined once


class Gender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    NONBINARY = "nonbinary", _("Non-binary")


class Language(models.TextChoices):
    ENGLISH = "en", _("English")
    SPANISH = "es", _("Spanish")
    PORTUGUESE = "pt", _("Portuguese")
    FRENCH = "fr", _("French")
    CHINESE = "zh", _("Chinese")
    VIETNAMESE = "vi", _("Vietnamese")
    ARABIC = "ar", _("Arabic")
    ASL = "asl", _("American Sign Language")


class Experience(models.TextChoices):
    MEDICATION = "medication", _("medication-assisted recovery")
    DUAL_DIAGNOSIS = "dual-diagnosis", _("dual diagnosis (mental health too)")
    PARENTING = "parenting", _("parenting in recovery")
    LGBTQ = "lgbtq", _("LGBTQ+")
    VETERANS = "veterans", _("military service")
    JUSTICE = "justice", _("justice involvement")
    CHRONIC_PAIN = "chronic-pain", _("chronic pain")
    YOUNG_ADULT = "young-adult", _("recovery as a young adult")
    GRIEF = "grief", _("grief and loss")


class Availability(models.TextChoices):
    WEEKDAY_MORNINGS = "weekday-mornings", _("weekday mornings")
    WEEKDAY_AFTERNOONS = "weekday-afternoons", _("weekday afternoons")
    WEEKDAY_EVENINGS = "weekday-evenings", _("weekday evenings")
    WEEKEND_DAYS = "weekend-days", _("weekend days")
    WEEKEND_EVENINGS = "weekend-evenings", _("weekend evenings")
