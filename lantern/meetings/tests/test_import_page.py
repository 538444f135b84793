"""The administrators' upload page: the same importer as `import_meetings`, its report on the
page, row by row."""

import json

from django.core.files.uploadedfile import SimpleUploadedFile

from lantern.core.models import AuditEvent
from lantern.meetings.models import Meeting
from lantern.meetings.tests.test_import import MESSY


def _upload(client, content: bytes, **fields):
    return client.post(
        "/staff/meetings/import/",
        {"feed": SimpleUploadedFile("intergroup.json", content), **fields},
    )


def test_an_administrator_uploads_a_messy_feed_and_sees_every_rejected_row(people, signed_in):
    alex = signed_in(people.alex)
    page = _upload(alex, json.dumps(MESSY).encode(), fellowship="aa").content.decode()
    assert "3 new, 0 updated, 0 unchanged, 0 taken off the finder, 8 rejected." in page
    assert "day 9 is not from 0 (Sunday) to 6 (Saturday)" in page
    assert "XYZ ×1" in page
    assert Meeting.objects.filter(active=True, group__fellowship="aa").count() == 3
    assert AuditEvent.objects.filter(action="meetings.import", actor=people.alex).exists()

    again = _upload(alex, json.dumps(MESSY).encode(), fellowship="aa").content.decode()
    assert "0 new, 0 updated, 3 unchanged, 0 taken off the finder, 8 rejected." in again


def test_a_file_that_is_not_a_feed_is_refused_with_a_reason(people, signed_in):
    page = _upload(signed_in(people.alex), b"<html>not json</html>").content.decode()
    assert "not a JSON feed" in page
    assert not Meeting.objects.exists()


def test_only_administrators_import(people, signed_in):
    response = _upload(signed_in(people.morgan), json.dumps(MESSY).encode())
    assert response.status_code == 404
    assert not Meeting.objects.exists()
