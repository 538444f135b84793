"""What an invitation (Settings → Invitations, `accounts.invitations`) can carry from the
community: a group to join. Registered from CommunityConfig.ready()."""

from django.utils import timezone

from lantern.core.access import forget

from .models import Membership, Space


def space_choices() -> list[tuple[str, str]]:
    return list(Space.objects.order_by("name").values_list("slug", "name"))


def join_space(person, slug: str) -> None:
    """The invited person is a member of the group at once, whoever may join it otherwise (an
    administrator chose it); someone removed from it stays removed."""
    space = Space.objects.filter(slug=slug).first()
    if space is None:  # the group closed since the invitation was made
        return
    membership, created = Membership.objects.get_or_create(
        space=space, person=person, defaults={"status": Membership.Status.ACTIVE}
    )
    if not created and membership.status in (
        Membership.Status.INVITED,
        Membership.Status.REQUESTED,
    ):
        membership.status = Membership.Status.ACTIVE
        membership.joined_at = membership.last_visit_at = timezone.now()
        membership.save(update_fields=["status", "joined_at", "last_visit_at"])
    forget(person)
