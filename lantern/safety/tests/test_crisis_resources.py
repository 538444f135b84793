from lantern.safety.models import CrisisResource


def test_the_help_page_lists_the_crisis_lines_from_data(client, db):
    html = client.get("/help/").content.decode()
    assert 'href="tel:988"' in html and 'href="sms:988"' in html
    assert 'href="tel:911"' in html
    assert 'href="tel:+18006624357"' in html  # SAMHSA
    assert 'href="sms:741741?&amp;body=HOME"' in html  # a text line
    assert 'href="tel:+18004843731"' in html  # Never Use Alone, for people using alone


def test_spanish_speakers_get_the_spanish_lines(client, db):
    client.cookies["django_language"] = "es"
    html = client.get("/help/").content.decode()
    assert "Llama al 988" in html
    assert 'href="sms:988?&amp;body=AYUDA"' in html
    assert "¿Necesitas ayuda ahora?" in html


def test_an_admins_edit_shows_on_the_page_and_inactive_lines_do_not(client, db):
    line = CrisisResource.objects.get(locale="en", kind="text")
    line.name = "Crisis Text Line (24/7)"
    line.save()
    CrisisResource.objects.filter(locale="en", kind="overdose").update(active=False)
    html = client.get("/help/").content.decode()
    assert "Crisis Text Line (24/7)" in html
    assert "Never Use Alone" not in html


def test_the_crisis_page_is_never_empty(client, db):
    CrisisResource.objects.update(active=False)
    html = client.get("/help/").content.decode()
    assert 'href="tel:988"' in html and 'href="tel:911"' in html
    CrisisResource.objects.all().delete()
    client.cookies["django_language"] = "es"
    assert "Llama al 988" in client.get("/help/").content.decode()


def test_the_admin_can_edit_crisis_lines(people, signed_in):
    admin = signed_in(people.alex)
    line = CrisisResource.objects.get(locale="en", kind="helpline")
    page = admin.get(f"/admin/safety/crisisresource/{line.pk}/change/")
    assert page.status_code == 200


def test_signed_in_members_can_reach_out_from_the_help_page(people, signed_in):
    html = signed_in(people.river).get("/help/").content.decode()
    assert "I need someone now" in html
    assert 'action="/safety/reach-out/"' in html
