"""`attempt` is how a view shows a service's refusal: beside the form field it is about, or as
a message on the next page; a record that is not there (or not theirs) still answers 404."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory

from lantern.core.errors import NotFound, RateLimited, Refused, attempt


class HandleForm(forms.Form):
    handle = forms.CharField()


def _request():
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_a_refusal_about_a_field_is_shown_beside_it_and_the_block_stops():
    form = HandleForm({"handle": "sam"})
    assert form.is_valid()
    reached = []
    with attempt(form) as done:
        raise Refused("Nobody on Lantern has that handle.", field="handle")
        reached.append("after")
    assert not done and reached == []
    assert form.errors == {"handle": ["Nobody on Lantern has that handle."]}
    assert done.refused.field == "handle"


def test_a_refusal_about_no_field_goes_to_the_top_of_the_form():
    form = HandleForm({"handle": "sam"})
    form.is_valid()
    with attempt(form) as done:
        raise Refused("Only the program's staff can enrol people.", field="nonexistent")
    assert not done
    assert form.non_field_errors() == ["Only the program's staff can enrol people."]


def test_without_a_form_the_refusal_is_a_message_on_the_next_page():
    request = _request()
    with attempt(request=request) as done:
        raise RateLimited("Slow down a little.")
    assert not done and isinstance(done.refused, RateLimited)
    assert [m.message for m in get_messages(request)] == ["Slow down a little."]


def test_not_found_goes_through_as_a_404():
    form = HandleForm({"handle": "sam"})
    with pytest.raises(NotFound), attempt(form):
        raise NotFound
    assert form.errors == {}


def test_other_errors_are_not_swallowed_and_a_block_that_runs_is_done():
    with pytest.raises(ZeroDivisionError), attempt():
        1 / 0
    with attempt() as done:
        pass
    assert done and done.refused is None
