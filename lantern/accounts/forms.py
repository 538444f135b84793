from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.contrib import messages
from django.contrib.auth import password_validation
from django.urls import reverse, reverse_lazy
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, ngettext_lazy

from lantern.core.errors import Refused
from lantern.core.timezones import COMMON_ZONES, is_valid_zone

from . import invitations, services
from .handles import check_not_reserved
from .models import AccountType, ApiToken, Pathway, Role, User

format_html_lazy = lazy(format_html, SafeString)


class SignupForm(AllauthSignupForm):
    """allauth's sign-up (handle, optional email, password) plus consent to the guidelines and
    the privacy notice, recorded with their versions."""

    time_zone = forms.CharField(required=False, widget=forms.HiddenInput)
    account_type = forms.ChoiceField(
        label=_("I am here"),
        choices=AccountType.choices,
        initial=AccountType.RECOVERY,
        required=False,  # left out: for their own recovery
        widget=forms.RadioSelect,
        help_text=_(
            "Family and friends have groups of their own, and see the groups of people in "
            "recovery only when invited. You can change this later."
        ),
    )
    accept_guidelines = forms.BooleanField(
        required=True,
        label=format_html_lazy(
            _('I have read and accept the <a href="{}">community guidelines</a>.'),
            reverse_lazy("core-guidelines"),
        ),
        error_messages={"required": _("Please accept the community guidelines to join.")},
    )
    accept_privacy = forms.BooleanField(
        required=True,
        label=format_html_lazy(
            _('I have read the <a href="{}">privacy notice</a>.'), reverse_lazy("core-privacy")
        ),
        error_messages={"required": _("Please confirm you have read the privacy notice.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Handle")
        self.fields["username"].help_text = _(
            "The name other people see. Use a nickname; no last names."
        )
        self.fields["username"].widget.attrs.update(
            placeholder=_("for example river_k"), autocapitalize="none", spellcheck="false"
        )
        self.fields["email"].label = _("Email")
        self.fields["email"].widget.attrs.pop("placeholder", None)
        self.fields["password1"].widget.attrs.pop("placeholder", None)
        if "password2" in self.fields:
            self.fields["password2"].widget.attrs.pop("placeholder", None)
        self.fields["email"].help_text = _(
            "Only used to reset your password. Without it, you get recovery codes instead."
        )
        self.order_fields(
            [
                "username",
                "email",
                "password1",
                "password2",
                "account_type",
                "accept_guidelines",
                "accept_privacy",
            ]
        )

    def clean_time_zone(self):
        zone = self.cleaned_data.get("time_zone", "")
        return zone if is_valid_zone(zone) else ""

    def custom_signup(self, request, user):
        user.language = getattr(request, "LANGUAGE_CODE", "en")[:2]
        user.time_zone = self.cleaned_data.get("time_zone", "")
        user.account_type = self.cleaned_data.get("account_type") or AccountType.RECOVERY
        user.save(update_fields=["language", "time_zone", "account_type"])
        services.on_signup(user)
        services.record_consents(
            user,
            guidelines=self.cleaned_data["accept_guidelines"],
            privacy=self.cleaned_data["accept_privacy"],
        )
        code = request.session.pop(invitations.SESSION_KEY, None)
        if code:
            try:
                invitations.use(user, code)
            except Refused as refused:  # used up by someone else since the link was opened
                messages.warning(request, refused.message)


class LoginForm(AllauthLoginForm):
    """allauth's sign-in, in Lantern's words, with both ways back in for a forgotten password."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].label = _("Handle")
        self.fields["login"].widget.attrs.pop("placeholder", None)
        self.fields["login"].widget.attrs.update(autocapitalize="none", spellcheck="false")
        self.fields["password"].widget.attrs.pop("placeholder", None)
        self.fields["password"].help_text = format_html(
            '{} <a href="{}">{}</a> · <a href="{}">{}</a>',
            _("Forgot your password?"),
            reverse("accounts-recover"),
            _("Use a recovery code"),
            reverse("account_reset_password"),
            _("Reset by email"),
        )
        if "remember" in self.fields:
            self.fields["remember"].label = _("Keep me signed in on this device")


class PreferencesForm(forms.ModelForm):
    pathways = forms.MultipleChoiceField(
        label=_("Recovery pathways I am interested in"),
        choices=Pathway.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    time_zone = forms.ChoiceField(label=_("Time zone"), required=False)
    other_time_zone = forms.CharField(
        label=_("Another time zone"),
        required=False,
        max_length=64,
        help_text=_("If yours is not in the list, type its name, like Europe/Berlin."),
    )

    class Meta:
        model = User
        fields = [
            "handle",
            "pronouns",
            "language",
            "time_zone",
            "pathways",
            "account_type",
            "notify_email",
            "email_digest",
            "digest_time",
            "notify_push",
            "detailed_subjects",
            "quiet_hours_start",
            "quiet_hours_end",
        ]
        widgets = {
            "account_type": forms.RadioSelect,
            "quiet_hours_start": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "quiet_hours_end": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "digest_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }
        help_texts = {
            "pronouns": _("Shown next to your handle."),
            "account_type": _(
                "Family and friends have groups of their own, and see the groups of people in "
                "recovery only when invited."
            ),
            "quiet_hours_start": _(
                "No email or device notifications between these times, except urgent safety alerts."
            ),
            "digest_time": _(
                "The weekly email goes out on Mondays. During quiet hours it waits for them to end."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        zones = list(COMMON_ZONES)
        current = self.instance.time_zone
        if current and current not in zones:
            zones.insert(0, current)
        self.fields["time_zone"].choices = [("", _("Use the community's time zone"))] + [
            (z, z.replace("_", " ")) for z in zones
        ]
        self.order_fields([*self.Meta.fields[:4], "other_time_zone"])
        self.fields["digest_time"].required = False
        self.fields["account_type"].required = False  # left out: as it was

    def clean_account_type(self):
        return self.cleaned_data.get("account_type") or self.instance.account_type

    def clean_handle(self):
        handle = self.cleaned_data["handle"]
        if handle.lower() != self.instance.handle.lower():  # a handle people already have stays
            check_not_reserved(handle)
        return handle

    def clean_digest_time(self):
        return self.cleaned_data.get("digest_time") or self.instance.digest_time

    def clean_other_time_zone(self):
        zone = self.cleaned_data.get("other_time_zone", "").strip()
        if zone and not is_valid_zone(zone):
            raise forms.ValidationError(
                _("%(zone)s is not a time zone name. Try one like America/Chicago.")
                % {"zone": zone}
            )
        return zone

    def clean(self):
        data = super().clean()
        if data.get("other_time_zone"):
            data["time_zone"] = data["other_time_zone"]
            if "time_zone" not in self.changed_data:
                self.changed_data.append("time_zone")
        start, end = data.get("quiet_hours_start"), data.get("quiet_hours_end")
        if (start is None) != (end is None):
            self.add_error(
                "quiet_hours_end" if end is None else "quiet_hours_start",
                _("Give both a start and an end for quiet hours, or neither."),
            )
        if data.get("notify_email") and not self.instance.email:
            self.add_error(
                "notify_email", _("Add an email address first to get notifications by email.")
            )
        return data


class RecoverForm(forms.Form):
    handle = forms.CharField(label=_("Handle"), max_length=30)
    code = forms.CharField(
        label=_("One of your recovery codes"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    password1 = forms.CharField(
        label=_("New password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("New password (again)"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        data = super().clean()
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", _("The two passwords are not the same."))
        return data


class ConfirmPasswordForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        if not self.user.check_password(self.cleaned_data["password"]):
            raise forms.ValidationError(_("That is not your password."))
        return self.cleaned_data["password"]


class RoleForm(forms.Form):
    role = forms.ChoiceField(choices=Role.choices)
    action = forms.ChoiceField(choices=[("grant", "grant"), ("revoke", "revoke")])


class ApiTokenForm(ConfirmPasswordForm):
    """A new personal API token: a name, what it may do, how long it lasts, and the password."""

    name = forms.CharField(
        label=_("Token name"),
        max_length=60,
        help_text=_("Something to recognise it by, like “my phone app”."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    scope = forms.ChoiceField(
        label=_("What it may do"),
        choices=ApiToken.Scope.choices,
        initial=ApiToken.Scope.READ,
        widget=forms.RadioSelect,
        help_text=_("Read only: it can look but not change anything. Choose this if you can."),
    )
    days = forms.TypedChoiceField(
        label=_("How long it lasts"),
        choices=[(30, _("30 days")), (90, _("90 days")), (365, _("1 year"))],
        coerce=int,
        initial=90,
        widget=forms.RadioSelect,
    )

    field_order = ["name", "scope", "days", "password"]


# Django's and allauth's own words that Lantern shows on its sign-in pages. Their catalogues
# speak to the person as "usted"; Lantern says "tú" everywhere, so it translates them itself
# (naming them here keeps them in Lantern's catalogue).
BORROWED_WORDS = (
    gettext_noop("Your password can’t be too similar to your other personal information."),
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
        "min_length",
    ),
    gettext_noop("Your password can’t be a commonly used password."),
    gettext_noop("Your password can’t be entirely numeric."),
    gettext_noop("Use your password"),
    gettext_noop("The username and/or password you specified are not correct."),
    gettext_noop("Please type your current password."),
)


class InvitationForm(forms.Form):
    """Settings → Invitations: many at once, each carrying a role and what apps registered."""

    count = forms.IntegerField(
        label=_("How many invitations"), min_value=1, max_value=invitations.MOST_AT_ONCE, initial=1
    )
    role = forms.ChoiceField(
        label=_("They join as"),
        choices=invitations.ROLES,
        required=False,
        help_text=_(
            "Staff roles need two-factor authentication first: give them on the person's page "
            "once they have set it up."
        ),
    )
    uses_each = forms.IntegerField(
        label=_("People each invitation lets in"),
        min_value=1,
        max_value=500,
        initial=1,
        help_text=_("1 for a personal link; more for a code read out to a whole group."),
    )
    days = forms.IntegerField(label=_("Good for (days)"), min_value=1, max_value=365, initial=30)
    note = forms.CharField(label=_("Note"), max_length=80, required=False)
    all_optional = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for extra in invitations.extras():
            self.fields[extra.name] = forms.ChoiceField(
                label=extra.label, choices=[("", _("None")), *extra.choices()], required=False
            )
        self.fields["note"].help_text = _(
            "For you and the person invited, e.g. “Graduates, March”."
        )

    def extras(self) -> dict:
        return {extra.name: self.cleaned_data.get(extra.name, "") for extra in invitations.extras()}


class JoinCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Invitation code"),
        max_length=24,
        widget=forms.TextInput(
            attrs={"autocapitalize": "characters", "autocomplete": "off", "spellcheck": "false"}
        ),
    )
