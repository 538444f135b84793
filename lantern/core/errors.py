"""The one way a service says no.

Every service refuses with `Refused(message, field=None)`: the message is written for the person
(translated), and `field` names the form field it is about, if any. Views show it beside that
field or at the top of the form; the API answers 400 with `{"detail": message, "field": field}`
(`lantern.api` maps it once); `RateLimited` answers 429.

`NotFound` is also Django's `Http404`: a view that lets it through answers 404, as a loader would,
so a view that shows refusals catches `NotFound` first and lets it go on (`except NotFound:
raise`), then shows any other `Refused`.
"""

from django.contrib import messages
from django.http import Http404
from django.utils.translation import gettext_lazy as _


class Refused(Exception):
    """A rule said no. `str(error)` and `error.message` are the text to show the person."""

    status = 400

    def __init__(self, message, *, field: str | None = None):
        super().__init__(message)
        self.message = str(message)
        self.field = field

    def add_to_form(self, form) -> None:
        """Show the refusal on a Django form: beside its field when the form has that field."""
        field = self.field if self.field in getattr(form, "fields", {}) else None
        form.add_error(field, self.message)


class NotFound(Refused, Http404):
    """The record does not exist, or the person may not know it does (answered as 404, by the
    API and by Django for a view that lets it through)."""

    status = 404

    def __init__(self, message=None, *, field: str | None = None):
        super().__init__(_("Not found.") if message is None else message, field=field)


class RateLimited(Refused):
    """Too much, too fast (answered as 429 by the API)."""

    status = 429


class attempt:
    """Shows a service's refusal on the form (or, without a form, as a message on the next
    page) and lets `NotFound` through, so the view answers 404 as a loader would:

        with attempt(form) as done:
            saved = services.enrol(request.user, program, form.cleaned_data["handle"])
        if done:
            return redirect(...)
        return render(..., status=400)

    `done` is true when the block ran to the end; `done.refused` is the refusal otherwise."""

    def __init__(self, form=None, *, request=None):
        self.form = form
        self.request = request
        self.refused: Refused | None = None

    def __enter__(self):
        return self

    def __exit__(self, kind, error, traceback) -> bool:
        if error is None or isinstance(error, NotFound) or not isinstance(error, Refused):
            return False
        self.refused = error
        if self.form is not None:
            error.add_to_form(self.form)
        elif self.request is not None:
            messages.error(self.request, error.message)
        return True

    def __bool__(self) -> bool:
        return self.refused is None
