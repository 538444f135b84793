"""Programs: a recovery residence, a drop-in center or clubhouse, an alumni and aftercare
program, or a family program, run by a community organization on Lantern.

A program is kept by its staff (its peer leaders) for its members, and each has a group in the
community and a club for its events: membership is the group's membership (community's
`Membership`: staff are the group's peer moderators, members its members), not a second list.
What each kind adds lives in its own app under `programs/`: `residences` (houses, beds, rules,
house meetings, chores, the house log), `dropin` (the kiosk, visits, hours, activities) and
`alumni` (cohorts, invite codes, step-down levels).
"""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lantern.community.models import Space
from lantern.events.models import Club


class ProgramQuerySet(models.QuerySet):
    def running(self):
        return self.filter(active=True)


class Program(models.Model):
    class Kind(models.TextChoices):
        RESIDENCE = "residence", _("Recovery residence")
        DROP_IN = "dropin", _("Drop-in center or clubhouse")
        ALUMNI = "alumni", _("Alumni and aftercare")
        FAMILY = "family", _("Family program")

    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=80)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind)
    description = models.TextField(_("what the program is"), max_length=2000, blank=True)
    space = models.OneToOneField(Space, on_delete=models.PROTECT, related_name="program")
    club = models.OneToOneField(
        Club, null=True, blank=True, on_delete=models.SET_NULL, related_name="program"
    )
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ProgramQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("programs-program", args=[self.slug])
