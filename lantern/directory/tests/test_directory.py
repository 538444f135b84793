"""The resource directory: public, searchable and filterable without JavaScript; a CSV import
that reports each rejected row and keeps the rest; staff report a resource out of date."""

from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from lantern.core.errors import Refused
from lantern.directory import demo, services
from lantern.directory.models import OutdatedReport, Resource

pytestmark = pytest.mark.django_db

CSV = """name,kind,description,address,phone,hours,eligibility,cost,languages,last_verified
Harbor House,housing,Sober living,1 Main St,312-555-0100,Any time,Adults,$140/wk,English,2026-10-01
,food,No name,2 Main St,,,,,,
Eastside Clinic,clinic,Unknown kind,3 Main St,,,,,,
Pantry,food,Groceries,4 Main St,,,,,Spanish; English,not-a-date
Westside MOUD,Medication-assisted treatment,Bupe starts,5 Main St,,,,,English; Spanish,
"""


def test_an_import_reports_each_rejected_row_and_keeps_the_rest(people):
    result = services.import_csv(people.casey, CSV)
    assert result.created == 2
    assert [line for line, _reason in result.rejected] == [3, 4, 5]
    assert "name" in result.rejected[0][1]
    assert "clinic" in result.rejected[1][1]
    assert "not-a-date" in result.rejected[2][1]
    assert Resource.objects.get(name="Westside MOUD").kind == "mat"
    again = services.import_csv(people.casey, CSV)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)


def test_members_cannot_import(people):
    with pytest.raises(Refused):
        services.import_csv(people.river, CSV)


def test_the_import_page_shows_the_rejected_rows(people, signed_in):
    upload = SimpleUploadedFile("resources.csv", CSV.encode(), content_type="text/csv")
    response = signed_in(people.casey).post(reverse("directory-import"), {"file": upload})
    assert response.status_code == 200
    assert b"2 added, 0 updated." in response.content
    assert b"Line 4:" in response.content
    missing = signed_in(people.casey).post(reverse("directory-import"), {})
    assert missing.status_code == 400


def test_search_and_filter_without_javascript(people, client):
    services.import_csv(None, CSV)
    page = client.get(reverse("directory-list"), {"q": "sober", "kind": "housing"})
    assert b"Harbor House" in page.content and b"Westside" not in page.content
    page = client.get(reverse("directory-list"), {"language": "spanish"})
    assert b"Westside MOUD" in page.content and b"Harbor House" not in page.content
    page = client.get(reverse("directory-list"), {"kind": "nonsense"})
    assert page.status_code == 200


def test_the_list_costs_a_fixed_number_of_queries(people, client, django_assert_max_num_queries):
    Resource.objects.create(name="Resource 00", kind="food")
    with django_assert_max_num_queries(4) as few:  # the count and the page, and the site's own
        client.get(reverse("directory-list"))
    for n in range(1, 30):
        Resource.objects.create(name=f"Resource {n:02d}", kind="food")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("directory-list"))
    assert b"Resource 00" in response.content and b"Page 1 of 2" in response.content


def test_staff_report_a_resource_out_of_date(people, signed_in, client):
    resource = Resource.objects.create(name="Harbor House", kind="housing")
    url = reverse("directory-outdated", args=[resource.pk])
    assert signed_in(people.river).post(url, {"note": "Closed"}).status_code == 404
    signed_in(people.casey).post(url, {"note": "New phone number"})
    assert OutdatedReport.objects.get().note == "New phone number"
    page = client.get(resource.get_absolute_url())
    assert b"may be out of date" in page.content
    signed_in(people.morgan).post(reverse("directory-verify", args=[resource.pk]))
    assert b"may be out of date" not in client.get(resource.get_absolute_url()).content


def test_the_api_searches_like_the_page(people, client):
    services.import_csv(None, CSV)
    data = client.get(reverse("api:directory-resources-api"), {"kind": "mat"}).json()
    assert [r["name"] for r in data["items"]] == ["Westside MOUD"]


def test_the_demo_resources_are_marked_and_seeding_twice_adds_nothing(db, client):
    demo.seed()
    demo.seed()
    assert Resource.objects.count() == 8
    assert not Resource.objects.filter(demo=False).exists()
    page = client.get(Resource.objects.first().get_absolute_url())
    assert b"Demo data" in page.content


def test_spanish_pages_render(client, db):
    response = client.get(reverse("directory-list"), HTTP_ACCEPT_LANGUAGE="es")
    assert b'lang="es"' in response.content


def test_the_import_command_reports_rejected_rows(db, tmp_path):
    path = tmp_path / "resources.csv"
    path.write_text(CSV)
    out, err = StringIO(), StringIO()
    call_command("import_resources", str(path), stdout=out, stderr=err)
    assert "2 added, 0 updated, 3 rejected, 0 unchanged" in out.getvalue()
    assert "line 3:" in err.getvalue()


def test_an_inactive_resource_is_gone(db, client):
    resource = Resource.objects.create(name="Closed clinic", kind="health", active=False)
    assert client.get(resource.get_absolute_url()).status_code == 404
    url = reverse("api:directory-resource-api", args=[resource.pk])
    assert client.get(url).status_code == 404
    assert b"Closed clinic" not in client.get(reverse("directory-list")).content


def test_a_file_without_a_header_or_not_utf8_is_refused(people, signed_in):
    casey = signed_in(people.casey)
    no_header = SimpleUploadedFile("r.csv", b"Harbor House,housing\n", content_type="text/csv")
    response = casey.post(reverse("directory-import"), {"file": no_header})
    assert response.status_code == 400 and b"header row" in response.content
    latin = SimpleUploadedFile("r.csv", "name,kind\nCaf\xe9,food\n".encode("latin-1"))
    response = casey.post(reverse("directory-import"), {"file": latin})
    assert response.status_code == 400 and b"UTF-8" in response.content
    assert not Resource.objects.exists()


def test_a_long_outdated_note_shows_the_form_again(people, signed_in):
    resource = Resource.objects.create(name="Harbor House", kind="housing")
    response = signed_in(people.casey).post(
        reverse("directory-outdated", args=[resource.pk]), {"note": "x" * 501}
    )
    assert response.status_code == 400
    assert not OutdatedReport.objects.exists()
