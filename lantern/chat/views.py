"""Live rooms without JavaScript: the list, the room page (messages, a post form, refresh), and
the chair's controls as plain forms. With JavaScript on, `static/chat/room.js` keeps the page
live over the WebSocket (consumers.py); every action here still works without it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lantern.community import access as community_access
from lantern.core.errors import RateLimited, Refused, attempt
from lantern.meetings import access as meetings_access
from lantern.safety import crisis

from . import access, forms, services
from .models import Message, Reaction, Room


@login_required
def rooms(request):
    found = access.rooms_for(request.user)
    return render(
        request,
        "chat/rooms.html",
        {
            "rooms": found,
            "can_create": access.can_create_room(request.user),
        },
    )


def _entries(viewer, room: Room, messages_, show_handles: bool) -> list[dict]:
    numbers = services.numbers_of(room, {m.author_id for m in messages_ if m.author_id})
    counts = services.reaction_counts([m.pk for m in messages_])
    entries = []
    for message in messages_:
        if message.kind == Message.Kind.NOTICE:
            entries.append(
                {"m": message, "notice": services.notice_text(message, show_handles=show_handles)}
            )
            continue
        mine = message.author_id == viewer.pk
        if message.author is None:
            name = _("a former member")
        elif show_handles or mine:
            name = message.author.handle
        else:
            name = _("Participant %(number)s") % {"number": numbers.get(message.author_id)}
        shown = counts.get(message.pk, {})
        entries.append(
            {
                "m": message,
                "name": name,
                "mine": mine,
                "counts": [
                    (label, shown[kind]) for kind, label in Reaction.Kind.choices if kind in shown
                ],
            }
        )
    return entries


def _room_page(request, room: Room, *, form=None, status: int = 200):
    user = request.user
    session = access.open_session(room)
    show_handles = access.can_see_handles(user, room, session)
    history = services.recent_messages(user, room, services.PAGE_MESSAGES, session)
    state = services.room_state(user, room, session)
    form = form or forms.PostForm()
    if not state["can_post"]:
        form.fields["body"].widget.attrs["disabled"] = True
    return render(
        request,
        "chat/room.html",
        {
            "room": room,
            "session": session,
            "state": state,
            "entries": _entries(user, room, history, show_handles),
            "last_seq": max([room.last_seq, *(m.seq for m in history)]),
            "socket_path": reverse(
                "chat-socket", urlconf="lantern.chat.routing", kwargs={"slug": room.slug}
            ),
            "form": form,
            "why_not": services.refusal_text(access.why_cannot_post(user, room, session))
            if not state["can_post"]
            else "",
            "can_chair": access.can_chair_room(user, room),
            "can_run": state["can_run"],
            "can_change": access.can_change_room(user, room),
            "can_raise": access.can_raise_hand(user, session),
            "reaction_kinds": Reaction.Kind.choices,
            "pin_form": forms.PinForm(initial={"pinned": session.pinned if session else ""}),
            "person_form": forms.PersonForm(),
            "slow_form": forms.SlowForm(
                initial={"seconds": session.slow_seconds if session else 0}
            ),
        },
        status=status,
    )


@login_required
def room(request, slug: str):
    return _room_page(request, access.get_room_for(request.user, slug))


@login_required
@require_POST
def post(request, slug: str):
    room = access.get_room_for(request.user, slug)
    form = forms.PostForm(request.POST)
    if form.is_valid():
        with attempt(form) as done:
            saved = services.post_message(request.user, room, form.cleaned_data["body"])
        if not done:
            limited = isinstance(done.refused, RateLimited)
            return _room_page(request, room, form=form, status=429 if limited else 400)
        crisis.offer_after_save(request, saved)
        if saved.held:
            messages.info(
                request,
                _(
                    "Thank you for sharing. A moderator will look at your message before others "
                    "see it. If you are in danger now, the crisis lines below are there for you."
                ),
            )
        return redirect(f"{room.get_absolute_url()}#m{saved.obj.seq}")
    return _room_page(request, room, form=form, status=400)


def _done(request, room: Room, error: Refused | None = None, done: str = ""):
    if error is not None:
        messages.error(request, error.message)
    elif done:
        messages.success(request, done)
    return redirect(room.get_absolute_url())


def _chair_act(request, slug: str, action, done: str = ""):
    """One of the chair's controls: only for whoever runs the open session (404 for everyone
    else, before anything they sent is read); a refusal goes back to the room as a message."""
    room = access.get_room_for(request.user, slug)
    session = access.open_session(room)
    if not access.can_run_session(request.user, session):
        raise Http404
    with attempt() as attempted:
        action(session)
    if not attempted:
        return _done(request, room, attempted.refused)
    return _done(request, room, done=done)


@login_required
@require_POST
def hand(request, slug: str):
    room = access.get_room_for(request.user, slug)
    session = access.open_session(room)
    try:
        if session is None:
            raise Refused(_("The meeting has not started yet."))
        if request.POST.get("up", "1") == "1":
            services.raise_hand(request.user, session)
        else:
            services.lower_hand(request.user, session)
    except Refused as error:
        return _done(request, room, error)
    return _done(request, room)


@login_required
@require_POST
def session_open(request, slug: str):
    room = access.get_room_for(request.user, slug)
    if not access.can_chair_room(request.user, room):
        raise Http404
    try:
        services.open_session(request.user, room, request.POST.get("pinned", ""))
    except Refused as error:
        return _done(request, room, error)
    return _done(request, room, done=_("The meeting is open."))


@login_required
@require_POST
def session_close(request, slug: str):
    room = access.get_room_for(request.user, slug)
    if not access.can_chair_room(request.user, room):
        raise Http404
    if access.open_session(room) is None:
        return _done(request, room, Refused(_("No meeting is open in this room.")))
    return _chair_act(
        request,
        slug,
        lambda session: services.close_session(request.user, session),
        _("The meeting has ended."),
    )


@login_required
@require_POST
def pin(request, slug: str):
    def act(session):
        form = forms.PinForm(request.POST)
        if not form.is_valid():
            raise Refused(_("The format is too long."), field="pinned")
        services.pin_format(request.user, session, form.cleaned_data["pinned"])

    return _chair_act(request, slug, act, _("Pinned."))


@login_required
@require_POST
def queue(request, slug: str):
    return _chair_act(
        request,
        slug,
        lambda session: services.set_queue(request.user, session, request.POST.get("on") == "1"),
    )


@login_required
@require_POST
def slow(request, slug: str):
    def act(session):
        form = forms.SlowForm(request.POST)
        if not form.is_valid():
            raise Refused(_("Choose one of the offered intervals."), field="seconds")
        services.set_slow_mode(request.user, session, form.cleaned_data["seconds"])

    return _chair_act(request, slug, act)


@login_required
@require_POST
def floor(request, slug: str):
    """Give the floor: to the next raised hand, or to the person named."""

    def act(session):
        handle = request.POST.get("handle", "").strip()
        person = services.person_in_room(session.room, handle) if handle else None
        services.give_floor(request.user, session, person)

    return _chair_act(request, slug, act)


@login_required
@require_POST
def floor_end(request, slug: str):
    return _chair_act(request, slug, lambda session: services.end_floor(request.user, session))


def _person_action(request, slug: str, action, done: str):
    def act(session):
        form = forms.PersonForm(request.POST)
        if not form.is_valid():
            raise Refused(_("Name the person by handle or #number."), field="handle")
        person = services.person_in_room(session.room, form.cleaned_data["handle"])
        action(session, person, form.cleaned_data["reason"])

    return _chair_act(request, slug, act, done)


@login_required
@require_POST
def mute(request, slug: str):
    return _person_action(
        request, slug, lambda s, p, r: services.mute(request.user, s, p, r), _("Muted.")
    )


@login_required
@require_POST
def unmute(request, slug: str):
    return _person_action(
        request, slug, lambda s, p, r: services.unmute(request.user, s, p), _("Unmuted.")
    )


@login_required
@require_POST
def remove(request, slug: str):
    return _person_action(
        request,
        slug,
        lambda s, p, r: services.remove(request.user, s, p, r),
        _("Removed from the room for this meeting."),
    )


@login_required
@require_POST
def co_chair(request, slug: str):
    return _person_action(
        request,
        slug,
        lambda s, p, r: services.add_co_chair(request.user, s, p.handle),
        _("Co-chair added."),
    )


# --- One message --------------------------------------------------------------------------------


@login_required
@require_POST
def react(request, pk: int):
    message = access.get_message_for(request.user, pk)
    form = forms.ReactForm(request.POST)
    if form.is_valid():
        with attempt(request=request):
            services.toggle_reaction(request.user, message, form.cleaned_data["kind"])
    return redirect(f"{message.room.get_absolute_url()}#m{message.seq}")


@login_required
@require_POST
def hide(request, pk: int):
    message = access.get_message_for(request.user, pk)
    services.hide_message(request.user, message)
    messages.success(request, _("The message is hidden."))
    return redirect(message.room.get_absolute_url())


def _message_page(request, message: Message, *, form=None, status: int = 200):
    user = request.user
    room = message.room
    session = access.open_session(room)
    show_handles = access.can_see_handles(user, room, session)
    return render(
        request,
        "chat/message.html",
        {
            "room": room,
            "entry": _entries(user, room, [message], show_handles)[0],
            "form": form or forms.ReportForm(),
            "can_react": access.can_react_to_message(user, message),
            "can_report": access.can_report_message(user, message),
            "can_moderate": access.can_moderate_message(user, message),
            "reaction_kinds": Reaction.Kind.choices,
        },
        status=status,
    )


@login_required
def message(request, pk: int):
    """One message: support reactions, a report, and the chair's actions (hide, talk to the
    author privately)."""
    return _message_page(request, access.get_message_for(request.user, pk))


@login_required
@require_POST
def report(request, pk: int):
    message = access.get_message_for(request.user, pk)
    form = forms.ReportForm(request.POST)
    if form.is_valid():
        with attempt(form) as done:
            services.report_message(request.user, message, form.cleaned_data["note"])
        if not done:
            limited = isinstance(done.refused, RateLimited)
            return _message_page(request, message, form=form, status=429 if limited else 400)
        messages.success(request, _("Thank you. The chairs and moderators will look at it."))
        return redirect(message.room.get_absolute_url())
    return _message_page(request, message, form=form, status=400)


@login_required
@require_POST
def side(request, pk: int):
    """A chair opens a private conversation with a message's author."""
    message = access.get_message_for(request.user, pk)
    with attempt() as done:
        conversation = services.open_side_conversation(request.user, message)
    if not done:
        return _done(request, message.room, done.refused)
    return redirect(conversation.get_absolute_url())


# --- Making and changing rooms ------------------------------------------------------------------


@login_required
def room_new(request):
    if not access.can_create_room(request.user):
        raise Http404
    form = forms.RoomForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                space = (
                    community_access.get_space_for(request.user, data["space"])
                    if data["space"]
                    else None
                )
                meeting = (
                    meetings_access.get_meeting_for(request.user, data["meeting"])
                    if data["meeting"]
                    else None
                )
            except Http404:
                form.add_error(None, _("No group or meeting has that address."))
            else:
                with attempt(form) as done:
                    room = services.create_room(
                        request.user,
                        data["name"],
                        data["slug"],
                        space=space,
                        meeting=meeting,
                        description=data["description"],
                        entry=data["entry"],
                        history=data["history"],
                        hide_handles=data["hide_handles"],
                    )
                if done:
                    return redirect(room.get_absolute_url())
    return render(request, "chat/room_new.html", {"form": form}, status=status)


@login_required
def room_settings(request, slug: str):
    room = access.get_room_to_change_for(request.user, slug)
    form = forms.RoomSettingsForm(
        request.POST or None,
        initial={
            "description": room.description,
            "entry": room.entry,
            "history": room.history,
            "hide_handles": room.hide_handles,
        },
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            with attempt(form) as done:
                services.update_room(
                    request.user,
                    room,
                    entry=data["entry"],
                    history=data["history"],
                    hide_handles=data["hide_handles"],
                    description=data["description"],
                )
            if done:
                messages.success(request, _("Saved."))
                return redirect(room.get_absolute_url())
    return render(request, "chat/room_settings.html", {"room": room, "form": form}, status=status)
