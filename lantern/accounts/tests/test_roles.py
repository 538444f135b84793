import pytest
from django.urls import reverse

from lantern.accounts import services
from lantern.accounts.models import Role, User
from lantern.core import access
from lantern.core.errors import NotFound, Refused
from lantern.core.models import AuditEvent


def test_an_admin_makes_a_member_a_supporter_on_the_staff_page(people, signed_in):
    admin = signed_in(people.alex)
    page = admin.get("/staff/people/river/")
    assert b"Give the Supporter role" in page.content
    response = admin.post("/staff/people/river/roles/", {"role": "supporter", "action": "grant"})
    assert response.status_code == 302
    people.river.refresh_from_db()
    assert "supporter" in people.river.roles
    event = AuditEvent.objects.get(action="role.grant", subject=people.river, actor=people.alex)
    assert event.actor == people.alex
    assert event.actor == people.alex
    assert event.details == {"role": "supporter"}
    assert b"Remove the Supporter role" in admin.get("/staff/people/river/").content


def test_an_admin_takes_a_role_away(people, signed_in):
    admin = signed_in(people.alex)
    admin.post("/staff/people/jo/roles/", {"role": "supporter", "action": "revoke"})
    people.jo.refresh_from_db()
    assert people.jo.roles == {"member"}


def test_the_last_admin_cannot_remove_their_own_admin_role(people, signed_in):
    admin = signed_in(people.alex)
    response = admin.post(
        "/staff/people/alex/roles/", {"role": "admin", "action": "revoke"}, follow=True
    )
    assert b"at least one administrator" in response.content
    people.alex.refresh_from_db()
    assert "admin" in people.alex.roles


def test_a_moderator_cannot_grant_roles(people, signed_in):
    moderator = signed_in(people.morgan)
    response = moderator.post("/staff/people/river/roles/", {"role": "admin", "action": "grant"})
    assert response.status_code == 404
    people.river.refresh_from_db()
    assert people.river.roles == {"member"}


def test_the_people_list_finds_by_handle_and_role(people, signed_in):
    admin = signed_in(people.alex)
    page = admin.get("/staff/people/", {"role": "supporter"})
    assert b">jo</a>" in page.content
    assert b">river</a>" not in page.content
    page = admin.get("/staff/people/", {"q": "riv"})
    assert b">river</a>" in page.content
    assert b">sam</a>" not in page.content


def test_the_admin_role_opens_the_django_admin_and_leaving_it_closes_it(people):
    assert people.alex.is_staff and people.alex.is_superuser
    services.grant_role(people.river, Role.ADMIN, by=None)  # from the command line
    people.river.refresh_from_db()
    assert people.river.is_staff and people.river.is_superuser
    services.revoke_role(people.river, Role.ADMIN, by=people.alex)
    people.river.refresh_from_db()
    assert not people.river.is_staff and not people.river.is_superuser


def test_roles_granted_in_the_django_admin_go_through_the_audited_service(people, signed_in):
    admin = signed_in(people.alex)
    url = f"/admin/accounts/user/{people.sam.pk}/change/"
    page = admin.get(url)
    assert page.status_code == 200
    form = {
        "handle": "sam",
        "pronouns": "he/him",
        "language": "en",
        "time_zone": "",
        "is_active": "on",
        "role_grants-TOTAL_FORMS": "2",
        "role_grants-INITIAL_FORMS": "1",
        "role_grants-MIN_NUM_FORMS": "0",
        "role_grants-MAX_NUM_FORMS": "1000",
        "role_grants-0-id": str(people.sam.role_grants.get().pk),
        "role_grants-0-user": str(people.sam.pk),
        "role_grants-0-role": "member",
        "role_grants-1-id": "",
        "role_grants-1-user": str(people.sam.pk),
        "role_grants-1-role": "supporter",
        "consents-TOTAL_FORMS": "0",
        "consents-INITIAL_FORMS": "0",
        "consents-MIN_NUM_FORMS": "0",
        "consents-MAX_NUM_FORMS": "1000",
    }
    response = admin.post(url, form)
    assert response.status_code == 302, response.content[:2000]
    people.sam.refresh_from_db()
    assert people.sam.roles == {"member", "supporter"}
    assert AuditEvent.objects.filter(
        action="role.grant", subject=people.sam, actor=people.alex
    ).exists()


@pytest.mark.parametrize("role", ["", "pope"])
def test_an_unknown_role_is_refused_with_a_message(people, signed_in, role):
    admin = signed_in(people.alex)
    response = admin.post(
        "/staff/people/river/roles/", {"role": role, "action": "grant"}, follow=True
    )
    assert b"Choose a role" in response.content
    people.river.refresh_from_db()
    assert people.river.roles == {"member"}


def test_a_role_change_counts_at_once_even_on_a_user_object_that_read_its_roles(people):
    river = people.river
    assert not access.has_role(river, Role.SUPPORTER)  # read once, kept for the request
    services.grant_role(river, Role.SUPPORTER, by=people.alex)
    assert access.has_role(river, Role.SUPPORTER)  # the service forgot what was kept
    services.revoke_role(river, Role.SUPPORTER, by=people.alex)
    assert not access.has_role(river, Role.SUPPORTER)
    # Reloading a person reloads their access too.
    User.objects.get(pk=river.pk).role_grants.create(role=Role.SUPPORTER)
    river.refresh_from_db()
    assert access.has_role(river, Role.SUPPORTER)


def test_only_administrators_and_the_operator_change_roles(people):
    with pytest.raises(NotFound):
        services.grant_role(people.river, Role.SUPPORTER, by=people.morgan)
    with pytest.raises(NotFound):
        services.revoke_role(people.jo, Role.SUPPORTER, by=people.jo)
    with pytest.raises(Refused, match="Unknown role"):
        services.grant_role(people.river, "pope", by=people.alex)
    assert services.grant_role(people.river, Role.SUPPORTER, by=None)  # the command line
    assert not AuditEvent.objects.filter(action="role.grant", actor=people.morgan).exists()


def test_createsuperuser_makes_an_audited_administrator(db):
    root = User.objects.create_superuser("root", "a-long-operator-passphrase")
    root = User.objects.get(pk=root.pk)
    assert root.roles == {"admin"} and root.is_staff and root.is_superuser
    assert AuditEvent.objects.filter(action="role.grant", subject=root, actor=None).exists()


def test_the_people_list_asks_the_same_few_queries_however_many_people(
    people, signed_in, django_assert_max_num_queries
):
    for n in range(30):
        person = User.objects.create_user(f"person{n}", "pw-long-enough-1")
        services.grant_role(person, Role.MEMBER, by=None)
        if n % 3 == 0:
            services.grant_role(person, Role.SUPPORTER, by=None)
    admin = signed_in(people.alex)
    admin.get(reverse("accounts-staff-people"))
    with django_assert_max_num_queries(12):
        page = admin.get(reverse("accounts-staff-people")).content.decode()
    assert page.count("Member, Supporter") >= 10
