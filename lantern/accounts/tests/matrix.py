"""The accounts pages and allauth's in the access matrix (core/tests/test_access_matrix.py)."""

from lantern.accounts import invitations
from lantern.accounts.services import create_api_token
from lantern.core.tests.matrix import (
    admin_only,
    everyone,
    river_only,
    signed_in,
    staff_mfa,
)

MATRIX = {
    # A person's own account
    "accounts-preferences": ("get", None, signed_in()),
    "accounts-recovery-codes": ("get", None, signed_in()),
    "accounts-recover": ("get", None, everyone(200)),
    "accounts-export": ("get", None, signed_in()),
    "accounts-erase": ("get", None, signed_in()),
    "accounts-tokens": ("get", None, signed_in()),
    "accounts-token-revoke": ("post", {"pk": "api_token"}, river_only(302)),  # river's token
    # Staff pages: administrators only; everyone else is told nothing exists
    "accounts-staff-people": ("get", None, admin_only()),
    "accounts-staff-person": ("get", {"handle": "river"}, admin_only()),
    "accounts-staff-person-role": ("post", {"handle": "river"}, admin_only(302)),
    # Settings → Invitations, and the pages an invitation opens (anyone may read one)
    "accounts-manage-invitations": ("get", None, admin_only()),
    "accounts-join-code": ("get", None, everyone(200)),
    "accounts-join": ("get", {"code": "invitation_code"}, everyone(200)),
    # allauth: sign-up, sign-in and password pages
    "account_login": ("get", None, signed_in(302, anon=200)),
    "account_signup": ("get", None, signed_in(302, anon=200)),
    "account_logout": ("get", None, signed_in(200, anon=302)),
    "account_inactive": ("get", None, everyone(200)),
    "account_reauthenticate": ("get", None, signed_in()),
    "account_email": ("get", None, signed_in()),
    "account_email_verification_sent": ("get", None, everyone(200)),
    "account_change_password": ("get", None, signed_in()),
    "account_set_password": ("get", None, signed_in(302)),  # has a password: go to "change"
    "account_reset_password": ("get", None, everyone(200)),
    "account_reset_password_done": ("get", None, everyone(200)),
    "account_reset_password_from_key": (
        "get",
        {"uidb36": "zz", "key": "not-a-key"},
        everyone(200),  # shows "this link is invalid"
    ),
    "account_reset_password_from_key_done": ("get", None, everyone(200)),
    "account_confirm_email": ("get", {"key": "not-a-key"}, everyone(200)),
    "account_confirm_login_code": ("get", None, signed_in(302)),  # login by code is off
    # allauth: two-factor
    "mfa_index": ("get", None, signed_in()),
    "mfa_authenticate": ("get", None, signed_in(302)),  # only during a sign-in
    "mfa_reauthenticate": ("get", None, staff_mfa(200, 302)),
    "mfa_activate_totp": (
        "get",
        None,
        signed_in(302),
    ),  # staff: on already; members: password first
    "mfa_deactivate_totp": ("get", None, staff_mfa(302, 404)),
    "mfa_view_recovery_codes": ("get", None, signed_in(404)),
    "mfa_generate_recovery_codes": ("get", None, signed_in(302)),  # password first
    "mfa_download_recovery_codes": ("get", None, signed_in(404)),
    "api:accounts-me": ("get", None, signed_in(200, anon=401)),
    # Last: it withdraws the invitation.
    "accounts-manage-invitation-revoke": ("post", {"pk": "invitation"}, admin_only(302)),
}


def records(people) -> dict:
    api_token, _secret = create_api_token(people.river, name="matrix", scope="read", days=30)
    (invitation,) = invitations.create(people.alex, count=1, uses_each=5)
    return {
        "api_token": api_token.pk,
        "invitation": invitation.pk,
        "invitation_code": invitation.code,
    }
