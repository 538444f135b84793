"""On a 360 px phone: a visitor looks for Spanish-speaking recovery housing, then for something
the directory does not have and is told what to try; with JavaScript off the same search works.
A specialist imports a spreadsheet with a bad row, reads which line and why, and reports a
resource out of date; the visitor is told to call first. Every page passes axe."""

import pytest
from django.urls import reverse

from lantern.conftest import assert_accessible
from lantern.directory import services
from lantern.directory.models import Resource

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CSV = (
    "name,kind,description,address,phone,languages\n"
    "Harbor House,housing,Sober living,1 Main St,312-555-0100,English\n"
    "Casa Esperanza,housing,Vivienda de recuperación,2 Main St,312-555-0101,Spanish; English\n"
    "Westside MOUD,mat,Same-week buprenorphine,5 Main St,312-555-0102,English; Spanish\n"
)
UPLOAD = (
    "name,kind,address\n"
    "Pilsen Pantry,food,1800 S Blue Island Ave\n"
    "Moon Clinic,spaceship,1 Moon St\n"
)


def test_a_visitor_searches_and_a_specialist_keeps_the_directory_true(
    people, phone, second_phone, browser, live_server, tmp_path
):
    services.import_csv(None, CSV)
    visitor = phone
    visitor.visit(reverse("directory-list"))
    assert_accessible(visitor)
    visitor.get_by_role("combobox", name="Category (optional)").select_option(
        label="Recovery housing"
    )
    visitor.get_by_role("textbox", name="Language (optional)").fill("Spanish")
    visitor.get_by_role("button", name="Search").click()
    visitor.wait_for_url("**kind=housing**")
    results = visitor.locator("ul.results li")
    assert results.count() == 1 and "Casa Esperanza" in results.first.inner_text()
    assert visitor.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(visitor)

    visitor.get_by_role("textbox", name="Search (optional)").fill("dentist")
    visitor.get_by_role("button", name="Search").click()
    visitor.wait_for_url("**q=dentist**")
    assert visitor.get_by_text(
        "No resources match. Try fewer words or another category."
    ).is_visible()
    assert_accessible(visitor)

    # The same search with JavaScript off: the form is a plain GET.
    plain = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 780})
    try:
        page = plain.new_page()
        page.goto(live_server.url + reverse("directory-list"))
        page.get_by_role("combobox", name="Category (optional)").select_option("mat")
        page.get_by_role("button", name="Search").click()
        page.wait_for_url("**kind=mat**")
        assert page.locator("ul.results li").count() == 1
        assert "Westside MOUD" in page.locator("ul.results").inner_text()
    finally:
        plain.close()

    casey = second_phone
    casey.sign_in("casey")
    casey.visit(reverse("directory-import"))
    spreadsheet = tmp_path / "resources.csv"
    spreadsheet.write_text(UPLOAD)
    casey.get_by_label("CSV file").set_input_files(str(spreadsheet))
    casey.get_by_role("button", name="Import").click()
    status = casey.get_by_role("status")
    assert "1 added, 0 updated." in status.inner_text()
    assert "Line 3: Unknown category spaceship." in status.inner_text()
    assert_accessible(casey)

    pantry = Resource.objects.get(name="Pilsen Pantry")
    casey.visit(pantry.get_absolute_url())
    casey.get_by_label("What is out of date?").fill("Open Saturdays only now")
    casey.get_by_role("button", name="Report out of date").click()
    assert casey.get_by_text("Thank you. The resource is marked as out of date.").is_visible()
    assert_accessible(casey)

    visitor.visit(pantry.get_absolute_url())
    assert visitor.get_by_text("Call before you go.", exact=False).is_visible()
    assert_accessible(visitor)
