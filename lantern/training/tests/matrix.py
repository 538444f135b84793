"""Training in the access matrix: courses are for everyone signed in; each person works through
them as themselves (nobody reaches another's answers: there is no URL that names a person);
Settings → Training is for administrators only."""

from lantern.core.tests.matrix import admin_only, signed_in
from lantern.training import loader

COURSE = "training_course"
LESSON = "training_lesson"
SCENARIO = "training_scenario"

MATRIX = {
    "training-courses": ("get", None, signed_in()),
    "training-course": ("get", {"slug": COURSE}, signed_in()),
    "training-part": ("get", {"slug": COURSE, "key": LESSON}, signed_in()),
    # An empty answer: the form again, with what to fix.
    "training-answer": ("post", {"slug": COURSE, "key": SCENARIO}, signed_in(400)),
    "training-answer-delete": ("post", {"slug": COURSE, "key": SCENARIO}, signed_in(302)),
    "training-done": ("post", {"slug": COURSE, "key": LESSON}, signed_in(302)),
    "training-manage": ("get", None, admin_only()),
    "api:training-courses-api": ("get", None, signed_in(200, anon=401)),
}


def records(people) -> dict:
    loader.load_all()
    return {COURSE: "crisis-response", LESSON: "listening", SCENARIO: "late-night-message"}
