"""Community resources: treatment, medication-assisted treatment, recovery housing, work, legal
aid, food, health care, family support. Public data: anyone may read an active resource."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    TREATMENT = "treatment", _("Treatment")
    MAT = "mat", _("Medication-assisted treatment")
    HOUSING = "housing", _("Recovery housing")
    EMPLOYMENT = "employment", _("Employment")
    LEGAL = "legal", _("Legal aid")
    FOOD = "food", _("Food")
    HEALTH = "health", _("Health care")
    FAMILY = "family", _("Family support")
    OTHER = "other", _("Other")


class ResourceQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)

    def search(self, words: str = "", kind: str = "", language: str = ""):
        found = self
        for word in (words or "").split():
            found = found.filter(
                Q(name__icontains=word)
                | Q(description__icontains=word)
                | Q(address__icontains=word)
                | Q(eligibility__icontains=word)
            )
        if kind:
            found = found.filter(kind=kind)
        if language:
            found = found.filter(languages__icontains=language)
        return found


class Resource(models.Model):
    """One place or service people can be referred to."""

    name = models.CharField(_("name"), max_length=160)
    kind = models.CharField(_("category"), max_length=16, choices=Kind.choices)
    description = models.TextField(_("description"), blank=True)
    address = models.CharField(_("address"), max_length=240, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    hours = models.CharField(_("hours"), max_length=200, blank=True)
    eligibility = models.CharField(_("eligibility"), max_length=240, blank=True)
    cost = models.CharField(_("cost"), max_length=120, blank=True)
    languages = models.CharField(_("languages"), max_length=120, blank=True, default="English")
    last_verified = models.DateField(_("last verified"), null=True, blank=True)
    demo = models.BooleanField(default=False)  # demo data, marked on the page
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ResourceQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["kind", "name"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("directory-resource", args=[self.pk])


class OutdatedReport(models.Model):
    """Staff say a resource's details are out of date; it shows until someone verifies it."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(_("what changed"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.resource} reported out of date"
