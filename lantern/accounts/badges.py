"""Role badges: where staff and helpers speak, their role is shown beside their handle
("Moderator", "Peer specialist", "Supporter", "Administrator"), so nobody needs an official
looking handle to be believed (and nobody with one is: see `accounts.handles`).

A page that lists what people wrote asks for the roles of all its authors at once, in the view:

    roles = badges.roles_by_person(post.author_id for post in posts if not post.anonymous)
    for post in posts:
        post.author_roles = roles.get(post.author_id, frozenset())

and its template shows them with the `role_badges` filter (`{% load badges %}`):

    {{ post.shown_author }}{% if not post.anonymous %}{{ post.author_roles|role_badges }}{% endif %}

Roles are read when the page is made, so a revoked role stops showing at once. Anonymous
posts never get a badge: a badge would narrow down who wrote them.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.utils.html import format_html_join

from lantern.core.roles import Role

from .models import RoleGrant

# The roles a badge shows, most senior first. Member is everyone's, so it shows nothing.
BADGE_ROLES = (Role.ADMIN, Role.MODERATOR, Role.SPECIALIST, Role.SUPPORTER)


def roles_by_person(people: Iterable) -> dict[int, frozenset[str]]:
    """The badge roles each person holds now, by primary key, in one query. `people` are users
    or primary keys; None (a former member) is left out."""
    ids = {getattr(person, "pk", person) for person in people} - {None}
    held = defaultdict(set)
    if ids:
        grants = RoleGrant.objects.filter(user_id__in=ids, role__in=BADGE_ROLES)
        for user_id, role in grants.values_list("user_id", "role"):
            held[user_id].add(role)
    return {pk: frozenset(held[pk]) for pk in ids}


def roles_of(person) -> frozenset[str]:
    """The badge roles of one person (None, a former member: none): a conversation's other
    person, say."""
    return roles_by_person([person]).get(getattr(person, "pk", None), frozenset())


def render_badges(roles) -> str:
    """HTML for the badges of `roles` (most senior first); empty for none."""
    if not roles:
        return ""
    shown = [role for role in BADGE_ROLES if role in roles]
    return format_html_join(
        "", ' <span class="tag role role-{}">{}</span>', ((r, Role(r).label) for r in shown)
    )
