"""Courses from their files into the database (`manage.py load_courses`; the demo runs it too).

Safe to run again: a course whose files are unchanged is left alone; a changed one is written
and its version goes up by one (`Course.version`), keeping everyone's progress and
completions (they say which version they were done at); a part gone from the files, or a
course whose folder is gone, is set inactive rather than deleted, so nobody's record of what
they did disappears.
"""

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from . import content
from .models import Course, Part


@dataclass(frozen=True)
class Loaded:
    slug: str
    version: int
    changed: bool


def _as_int(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


@transaction.atomic
def load_course(folder: Path) -> Loaded:
    parsed = content.read_course(folder)  # raises CourseFileError before anything is written
    digest = content.fingerprint(folder)
    course = Course.objects.select_for_update().filter(slug=parsed.slug).first()
    if course is not None and course.content_hash == digest and course.active:
        return Loaded(course.slug, course.version, changed=False)
    english = parsed.header["en"]
    words = {
        language: {
            "title": header.get("title", ""),
            "summary": header.get("summary", ""),
            "minutes": _as_int(header.get("minutes"), 0),
        }
        for language, header in parsed.header.items()
    }
    if course is None:
        course = Course(slug=parsed.slug, version=1)
    elif course.content_hash != digest:
        course.version += 1
    course.content, course.content_hash, course.active = words, digest, True
    course.order = _as_int(english.get("order"), 50)
    course.save()
    keys = []
    for position, part in enumerate(parsed.parts, start=1):
        keys.append(part.key)
        Part.objects.update_or_create(
            course=course,
            key=part.key,
            defaults={
                "kind": part.kind,
                "position": position,
                "content": part.content,
                "active": True,
            },
        )
    course.parts.exclude(key__in=keys).update(active=False)
    return Loaded(course.slug, course.version, changed=True)


def load_all(root: Path = content.COURSES_DIR) -> list[Loaded]:
    """Every course under `root`; courses whose folders are gone stop being offered."""
    folders = content.course_folders(root)
    loaded = [load_course(folder) for folder in folders]
    Course.objects.exclude(slug__in=[f.name for f in folders]).update(active=False)
    return loaded
