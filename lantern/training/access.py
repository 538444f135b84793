"""Who may do what in training, and the loaders every page and the API use.

Courses are open to everyone signed in (a member who wants to become a supporter takes them
first). A person's progress and practice answers are theirs alone: there is no page where
anyone else reads an answer, staff included. Administrators choose the courses roles require
and see who has completed what (Settings → Training), never the answers.
"""

from lantern.core.access import can_manage_roles, has_role
from lantern.core.errors import NotFound
from lantern.core.roles import HELPER_ROLES

from .models import Course, Part


def can_take_courses(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def can_manage_training(user) -> bool:
    return can_manage_roles(user)


def sees_training_in_menu(user) -> bool:
    """Helpers (whose roles are known without a query). Members on their way find training
    from their home card instead: asking about their progress on every page costs a query."""
    return has_role(user, *HELPER_ROLES)


def get_course_for(user, slug: str) -> Course:
    if not can_take_courses(user):
        raise NotFound
    course = Course.objects.offered().filter(slug=slug).first()
    if course is None:
        raise NotFound
    return course


def get_part_for(user, slug: str, key: str) -> Part:
    course = get_course_for(user, slug)
    part = course.parts.filter(key=key, active=True).first()
    if part is None:
        raise NotFound
    part.course = course
    return part
