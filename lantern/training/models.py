"""Courses for peer supporters and moderators: lessons and practice scenarios, loaded from the
files under `courses/` (loader.py), each person's progress, and the course an administrator
requires before a role is given.

A course's words live in `Part.content` / `Course.content` as {"en": {...}, "es": {...}}, as
the loader rendered them (safe HTML): the files are the source, the rows a copy. Progress points
at parts by their stable `key`, so a new version of a course keeps what people have done.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from lantern.core.crypto import EncryptedTextField
from lantern.core.roles import Role

USER = settings.AUTH_USER_MODEL
LANGUAGES = ("en", "es")


def in_language(content: dict, language: str | None = None) -> dict:
    """The words in the reader's language, falling back to English."""
    language = (language or get_language() or "en").split("-")[0]
    return content.get(language) or content.get("en") or {}


class CourseQuerySet(models.QuerySet):
    def offered(self):
        return self.filter(active=True)


class Course(models.Model):
    slug = models.SlugField(max_length=80, unique=True)
    content = models.JSONField(default=dict)  # {"en": {"title", "summary", "minutes"}, ...}
    version = models.PositiveIntegerField(default=1)
    content_hash = models.CharField(max_length=64)  # of the files: a change makes a new version
    order = models.PositiveIntegerField(default=50)
    active = models.BooleanField(default=True)  # False once its files are gone
    updated_at = models.DateTimeField(auto_now=True)

    objects = CourseQuerySet.as_manager()

    class Meta:
        ordering = ["order", "slug"]

    def __str__(self):
        return self.slug

    def get_absolute_url(self):
        return reverse("training-course", args=[self.slug])

    @property
    def words(self) -> dict:
        return in_language(self.content)

    @property
    def title(self) -> str:
        return self.words.get("title", self.slug)


class Part(models.Model):
    class Kind(models.TextChoices):
        LESSON = "lesson", _("Lesson")
        SCENARIO = "scenario", _("Practice scenario")

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="parts")
    key = models.SlugField(max_length=80)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    position = models.PositiveIntegerField()
    # lesson: {"title", "body"}; scenario: {"title", "situation", "prompts", "examples",
    # "avoid", "handoff"}; every value but the title is safe HTML.
    content = models.JSONField(default=dict)
    active = models.BooleanField(default=True)  # False once gone from the files

    class Meta:
        ordering = ["course", "position"]
        constraints = [
            models.UniqueConstraint(fields=["course", "key"], name="training_one_key_per_course")
        ]

    def __str__(self):
        return f"{self.course.slug}/{self.key}"

    def get_absolute_url(self):
        return reverse("training-part", args=[self.course.slug, self.key])

    @property
    def words(self) -> dict:
        return in_language(self.content)

    @property
    def title(self) -> str:
        return self.words.get("title", self.key)

    @property
    def is_scenario(self) -> bool:
        return self.kind == self.Kind.SCENARIO


class PartDone(models.Model):
    """A person marked one lesson or scenario done (at that version of the course)."""

    person = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="training_parts_done")
    part = models.ForeignKey(Part, on_delete=models.CASCADE, related_name="done_by")
    version = models.PositiveIntegerField()
    done_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "part"], name="training_part_done_once")
        ]

    def __str__(self):
        return f"{self.part} done by {self.person_id}"


class Completion(models.Model):
    """A person finished a course: when, and which version. A later version of the course
    keeps this row (it says which version was done)."""

    person = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="training_completions")
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="completions")
    version = models.PositiveIntegerField()
    completed_at = models.DateTimeField()

    class Meta:
        ordering = ["-completed_at"]
        constraints = [
            models.UniqueConstraint(fields=["person", "course"], name="training_complete_once")
        ]

    def __str__(self):
        return f"{self.course} v{self.version} completed by {self.person_id}"


class PracticeAnswer(models.Model):
    """What a trainee would say in a scenario: theirs alone, encrypted at rest."""

    person = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="training_answers")
    part = models.ForeignKey(Part, on_delete=models.CASCADE, related_name="answers")
    text = EncryptedTextField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "part"], name="training_one_answer")
        ]

    def __str__(self):
        return f"practice answer {self.pk}"


# Roles an administrator may ask a course for. Administrators themselves give roles; members
# are everyone.
REQUIRABLE_ROLES = (Role.SUPPORTER, Role.MODERATOR, Role.SPECIALIST)


class Requirement(models.Model):
    """Before anyone is given `role`, they finish `course` (chosen on Settings → Training)."""

    role = models.CharField(
        max_length=20, unique=True, choices=[(r.value, r.label) for r in REQUIRABLE_ROLES]
    )
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="requirements")
    set_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    set_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.role}: {self.course.slug}"
