"""A specialist or an administrator brings a spreadsheet of resources into the directory. Each
row that cannot be used is listed with its line and the reason, the rest are kept; the same
file twice changes nothing; whatever the file looks like, the answer is a page, never an
error."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from lantern.core.errors import Refused
from lantern.core.models import AuditEvent
from lantern.directory import forms, services
from lantern.directory.models import Resource

pytestmark = pytest.mark.django_db

HEADER = (
    "name,kind,description,address,phone,website,hours,eligibility,cost,languages,last_verified"
)
MIXED = f"""{HEADER}
Harbor House,housing,Sober living,1 Main St,312-555-0100,https://harbor.example,,Adults,,,2026-10-01
,food,No name here,2 Main St,,,,,,,
Bad Link Clinic,treatment,,3 Main St,,not a web address,,,,,
Dentists R Us,dentist,,4 Main St,,,,,,,
Nul\x00Pantry,food,,5 Main St,,,,,,,
Long Link Clinic,health,,6 Main St,,https://example.org/{"a" * 200},,,,,
Late Pantry,food,,7 Main St,,,,,,,31/12/2026
Westside MOUD,MOUD,Bupe starts,8 Main St,,http://westside.example/moud,,,,English; Spanish,
"""


def upload(text: str | bytes, name: str = "resources.csv") -> SimpleUploadedFile:
    data = text.encode() if isinstance(text, str) else text
    return SimpleUploadedFile(name, data, content_type="text/csv")


def import_page(client, text):
    return client.post(reverse("directory-import"), {"file": upload(text)})


def test_each_bad_row_is_listed_with_its_line_and_reason_and_the_rest_are_kept(people, signed_in):
    response = import_page(signed_in(people.casey), MIXED)
    assert response.status_code == 200
    page = response.content.decode()
    assert "2 added, 0 updated." in page
    assert "Line 3: The name is missing." in page
    assert "Line 4: The website is not a web address." in page
    assert "Line 5: Unknown category dentist." in page
    assert "Line 6: The row contains a character Lantern cannot store" in page
    assert "Line 7: The website address is longer than 200 characters." in page
    assert "Line 8: The date 31/12/2026 is not a date (YYYY-MM-DD)." in page
    assert set(Resource.objects.values_list("name", flat=True)) == {"Harbor House", "Westside MOUD"}
    moud = Resource.objects.get(name="Westside MOUD")
    assert moud.kind == "mat" and moud.website == "http://westside.example/moud"
    assert Resource.objects.get(name="Harbor House").last_verified == date(2026, 10, 1)


def test_importing_the_same_file_again_changes_nothing(people, signed_in):
    casey = signed_in(people.casey)
    import_page(casey, MIXED)
    before = list(Resource.objects.order_by("pk").values())
    page = import_page(casey, MIXED).content.decode()
    assert "0 added, 0 updated." in page
    assert "2 were already up to date." in page
    assert "Line 3: The name is missing." in page  # the bad rows are still named
    assert list(Resource.objects.order_by("pk").values()) == before


def test_a_changed_row_updates_the_resource_found_by_name_and_address(people):
    services.import_csv(people.casey, f"{HEADER}\nHarbor House,housing,Old,1 Main St,111,,,,,,\n")
    harbor = Resource.objects.get()
    result = services.import_csv(
        people.alex, f"{HEADER}\nHarbor House,housing,New words,1 Main St,222,,,,,,\n"
    )
    assert (result.created, result.updated, result.unchanged) == (0, 1, 0)
    harbor.refresh_from_db()
    assert (harbor.description, harbor.phone) == ("New words", "222")
    # The same name at another address is another place.
    services.import_csv(people.alex, f"{HEADER}\nHarbor House,housing,,9 Elm St,,,,,,,\n")
    assert Resource.objects.filter(name="Harbor House").count() == 2


def test_a_newer_verification_is_not_undone_by_an_older_file(people):
    services.import_csv(
        people.casey, f"{HEADER}\nHarbor House,housing,,1 Main St,,,,,,,2026-01-05\n"
    )
    harbor = Resource.objects.get()
    services.verify(people.morgan, harbor)  # checked today by staff
    today = timezone.localdate()
    result = services.import_csv(
        people.casey, f"{HEADER}\nHarbor House,housing,,1 Main St,,,,,,,2026-01-05\n"
    )
    assert result.unchanged == 1
    harbor.refresh_from_db()
    assert harbor.last_verified == today
    blank = services.import_csv(people.casey, f"{HEADER}\nHarbor House,housing,,1 Main St,,,,,,,\n")
    harbor.refresh_from_db()
    assert blank.unchanged == 1 and harbor.last_verified == today
    later = (today + timedelta(days=1)).isoformat()
    services.import_csv(people.casey, f"{HEADER}\nHarbor House,housing,,1 Main St,,,,,,,{later}\n")
    harbor.refresh_from_db()
    assert harbor.last_verified.isoformat() == later


def test_a_resource_taken_down_comes_back_when_a_file_lists_it_again(people, client):
    services.import_csv(people.casey, f"{HEADER}\nHarbor House,housing,,1 Main St,,,,,,,\n")
    harbor = Resource.objects.get()
    Resource.objects.filter(pk=harbor.pk).update(active=False)
    assert client.get(harbor.get_absolute_url()).status_code == 404
    result = services.import_csv(
        people.casey, f"{HEADER}\nHarbor House,housing,,1 Main St,,,,,,,\n"
    )
    assert result.updated == 1
    assert client.get(harbor.get_absolute_url()).status_code == 200


def test_a_row_repeated_in_the_file_is_named_and_the_first_one_counts(people):
    text = (
        f"{HEADER}\n"
        "Pantry,food,First,1 Main St,,,,,,,\n"
        "Clinic,health,,2 Main St,,,,,,,\n"
        "Pantry,food,Second,1 Main St,,,,,,,\n"
    )
    result = services.import_csv(people.casey, text)
    assert result.created == 2
    assert result.rejected == [(4, "The same name and address are on line 2, which was kept.")]
    assert Resource.objects.get(name="Pantry").description == "First"


def test_line_numbers_are_the_files_own_with_blank_lines_and_line_breaks_in_cells(people):
    text = (
        f"{HEADER}\n"
        'Harbor House,housing,"Two lines\nof description",1 Main St,,,,,,,\n'
        "\n"
        ",food,,2 Main St,,,,,,,\n"
        ",,,,,,,,,,\n"  # a spreadsheet's empty row: skipped, not an error
        "Clinic,nonsense,,3 Main St,,,,,,,\n"
    )
    result = services.import_csv(people.casey, text)
    assert [line for line, _reason in result.rejected] == [5, 7]
    assert Resource.objects.get().description == "Two lines\nof description"


@pytest.mark.parametrize(
    "text",
    [
        "name,kind\r\nHarbor House,housing\r\nPantry,food\r\n",  # Windows
        "name,kind\rHarbor House,housing\rPantry,food\r",  # an old Mac spreadsheet
        "\ufeffName , KIND \nHarbor House,Recovery housing\nPantry,FOOD\n",  # BOM, capitals
    ],
    ids=["crlf", "cr", "bom-and-capitals"],
)
def test_files_from_any_spreadsheet_are_read(people, signed_in, text):
    response = import_page(signed_in(people.casey), text.encode("utf-8"))
    assert response.status_code == 200, response.content.decode()[-800:]
    assert "2 added, 0 updated." in response.content.decode()
    assert dict(Resource.objects.values_list("name", "kind")) == {
        "Harbor House": "housing",
        "Pantry": "food",
    }


def test_categories_may_be_written_as_people_say_them(people):
    text = (
        "name,kind\nA,MOUD\nB,sober living\nC,Legal Aid\n"
        "D,Medication-assisted treatment\nE, other \n"
    )
    services.import_csv(people.casey, text)
    assert dict(Resource.objects.values_list("name", "kind")) == {
        "A": "mat",
        "B": "housing",
        "C": "legal",
        "D": "mat",
        "E": "other",
    }


def test_long_details_are_shortened_to_fit_and_the_language_defaults_to_english(people):
    text = f"name,kind,address,phone,cost\nPantry,food,{'a' * 300},{'1' * 60},{'c' * 200}\n"
    services.import_csv(people.casey, text)
    pantry = Resource.objects.get()
    assert (len(pantry.address), len(pantry.phone), len(pantry.cost)) == (240, 40, 120)
    assert pantry.languages == "English"
    too_long = services.import_csv(people.casey, f"name,kind\n{'n' * 161},food\n")
    assert too_long.rejected == [(2, "The name is longer than 160 characters.")]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Harbor House,housing\n", "header row"),
        ("name,description\nHarbor House,Sober living\n", "header row"),  # no kind column
        ("\n", "header row"),
        ("", "The submitted file is empty."),
        (f'name,kind,description\nA,food,"{"x" * 140_000}"\n', "Line 2 cannot be read as CSV"),
    ],
    ids=["no-header", "no-kind", "blank", "empty", "cell-too-large"],
)
def test_a_file_that_cannot_be_read_says_why_and_imports_nothing(people, signed_in, text, reason):
    response = import_page(signed_in(people.casey), text)
    assert response.status_code == 400
    assert reason in response.content.decode()
    assert not Resource.objects.exists()


def test_a_missing_file_or_one_too_large_shows_the_form_again(people, signed_in, monkeypatch):
    casey = signed_in(people.casey)
    response = casey.post(reverse("directory-import"), {})
    assert response.status_code == 400 and "This field is required" in response.content.decode()
    monkeypatch.setattr(forms, "MAX_UPLOAD", 100)
    response = casey.post(
        reverse("directory-import"), {"file": upload("name,kind\n" + "A,food\n" * 20)}
    )
    assert response.status_code == 400 and "larger than" in response.content.decode()
    assert not Resource.objects.exists()


def test_ten_thousand_rows_in_one_go_with_a_few_bad_ones(
    people, signed_in, django_assert_max_num_queries
):
    lines = [f"Place {n:05d},food,,{n} Main St,,,,,,," for n in range(10_000)]
    lines[1234] = ",food,,no name,,,,,,,"
    lines[9876] = "Place X,spaceship,,1 Moon St,,,,,,,"
    text = HEADER + "\n" + "\n".join(lines) + "\n"
    casey = signed_in(people.casey)
    # The database is asked in batches (SQLite takes at most 999 values in one), never once a
    # row: 10,000 rows in under 250 queries.
    with django_assert_max_num_queries(250):
        page = import_page(casey, text).content.decode()
    assert "9998 added, 0 updated." in page
    assert "Line 1236: The name is missing." in page and "Line 9878: Unknown category" in page
    assert Resource.objects.count() == 9_998
    with django_assert_max_num_queries(50):
        again = import_page(casey, text).content.decode()
    assert "0 added, 0 updated." in again and "9998 were already up to date." in again


def test_each_import_is_in_the_audit_log(people):
    services.import_csv(people.alex, MIXED)
    event = AuditEvent.objects.get(action="directory.import")
    assert event.actor == people.alex
    assert event.details == {"created": 2, "updated": 0, "unchanged": 0, "rejected": 6}


@pytest.mark.parametrize("who", ["river", "jo", "morgan"])
def test_only_specialists_and_administrators_import(people, signed_in, who):
    person = getattr(people, who)
    with pytest.raises(Refused):
        services.import_csv(person, MIXED)
    assert signed_in(person).get(reverse("directory-import")).status_code == 404
    assert import_page(signed_in(person), MIXED).status_code == 404
    assert not Resource.objects.exists()


def test_a_visitor_is_sent_to_sign_in(client, db):
    response = client.get(reverse("directory-import"))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_the_import_page_explains_the_columns(people, signed_in):
    page = signed_in(people.alex).get(reverse("directory-import")).content.decode()
    assert "Columns: name, kind, description" in page and 'enctype="multipart/form-data"' in page


def test_the_command_marks_demo_rows_and_refuses_a_missing_or_unreadable_file(db, tmp_path):
    path = tmp_path / "resources.csv"
    path.write_text("name,kind\nHarbor House,housing\n")
    out = StringIO()
    call_command("import_resources", str(path), "--demo", stdout=out, stderr=StringIO())
    assert "1 added, 0 updated, 0 rejected, 0 unchanged" in out.getvalue()
    assert Resource.objects.get().demo is True
    again = StringIO()
    call_command("import_resources", str(path), stdout=again, stderr=StringIO())
    assert "0 added, 0 updated, 0 rejected, 1 unchanged" in again.getvalue()
    with pytest.raises(CommandError):
        call_command("import_resources", str(tmp_path / "missing.csv"))
    latin = tmp_path / "latin.csv"
    latin.write_bytes("name,kind\nCaf\xe9,food\n".encode("latin-1"))
    with pytest.raises(CommandError):
        call_command("import_resources", str(latin))
    headless = tmp_path / "headless.csv"
    headless.write_text("Harbor House,housing\n")
    with pytest.raises(CommandError, match="header row"):
        call_command("import_resources", str(headless))
