from django import forms
from django.utils.translation import gettext_lazy as _

from . import services
from .models import MemberSettings, Report

MARKDOWN_HELP = _(
    "Plain text. **bold**, *italic*, > quote, - list and [links](https://…) work; HTML does not."
)


class ThreadForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=services.TITLE_MAX)
    body = forms.CharField(
        label=_("What would you like to share?"),
        max_length=services.POST_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=MARKDOWN_HELP,
    )
    content_warning = forms.BooleanField(
        label=_("Content warning: this touches on a heavy topic"), required=False
    )
    anonymous = forms.BooleanField(
        label=_("Post anonymously (members won't see your handle; moderators will)"),
        required=False,
    )


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Your reply"),
        max_length=services.POST_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=MARKDOWN_HELP,
    )
    content_warning = forms.BooleanField(
        label=_("Content warning: this touches on a heavy topic"), required=False
    )
    anonymous = forms.BooleanField(label=_("Reply anonymously"), required=False)


class EditForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=services.TITLE_MAX)
    body = forms.CharField(
        label=_("Your post"),
        max_length=services.POST_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=MARKDOWN_HELP,
    )
    content_warning = forms.BooleanField(
        label=_("Content warning: this touches on a heavy topic"), required=False
    )

    def __init__(self, *args, opening: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not opening:  # only a thread's opening post carries its title
            del self.fields["title"]


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Message"),
        max_length=services.MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class NewMessageForm(MessageForm):
    to = forms.CharField(label=_("To (their handle)"), max_length=30)
    field_order = ["to", "body"]


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong?"), choices=Report.Reason.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Anything else moderators should know"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason (other moderators see it)"), max_length=500)


class SanctionForm(ReasonForm):
    action = forms.ChoiceField(
        label=_("Action"),
        choices=[
            ("warn", _("Warn")),
            ("mute", _("Mute")),
            ("remove", _("Remove from this group")),
            ("ban", _("Ban from the community")),
            ("lift", _("Lift mutes and bans")),
        ],
    )
    days = forms.IntegerField(
        label=_("For how many days (mute, ban)"), min_value=1, max_value=365, required=False
    )
    space = forms.SlugField(required=False, widget=forms.HiddenInput)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search the groups"), max_length=200)


class MemberSettingsForm(forms.ModelForm):
    class Meta:
        model = MemberSettings
        fields = ["messages_from", "notify_reactions", "notify_mentions"]
        widgets = {"messages_from": forms.RadioSelect}
        help_texts = {
            "notify_reactions": _("Replies to your threads are always in your notifications."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["messages_from"].required = False
