"""The member's own recovery pages. Thin: load the record through `access` (404 for anyone
else's), validate, call a service with the person first, offer the crisis lines when the save
asks (`safety.crisis.offer_after_save`), redirect or render. Pages for the people a member
shares with are in shared.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lantern.community import access as community_access
from lantern.community import services as community
from lantern.community.models import Space
from lantern.core.errors import Refused
from lantern.safety import crisis

from . import access, forms, services
from .models import CheckIn, Grant, PlanItem

# --- Overview and counters ----------------------------------------------------------------------


@login_required
def home(request):
    """The overview. Reads only: nudges are raised by saves and by the task worker."""
    member = request.user
    today = services.today_for(member)
    return render(
        request,
        "recovery/home.html",
        {
            "summaries": services.summaries(member),
            "today": CheckIn.objects.filter(member=member, day=today).first(),
            "streak": services.streak(member, today),
            "nudges": services.open_nudges(member),
        },
    )


@login_required
def counter_new(request):
    form = forms.CounterForm(
        request.POST or None, initial={"started_on": services.today_for(request.user)}
    )
    if request.method == "POST" and form.is_valid():
        try:
            counter = services.start_counter(request.user, **form.cleaned_data)
        except Refused as error:
            error.add_to_form(form)
        else:
            return redirect("recovery-counter", pk=counter.pk)
    return render(request, "recovery/counter_form.html", {"form": form})


@login_required
def counter_detail(request, pk: int):
    counter = access.get_counter_for(request.user, pk)
    return render(request, "recovery/counter.html", {"s": services.summarize(counter)})


@login_required
def counter_edit(request, pk: int):
    counter = access.get_counter_for(request.user, pk)
    run = counter.current_run()
    initial = {
        "kind": counter.kind,
        "name": counter.name,
        "tell_on_reset": counter.tell_on_reset,
        "started_on": run.started_on,
        "started_at": run.started_at,
    }
    form = forms.CounterForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_counter(request.user, counter, **form.cleaned_data)
        except Refused as error:
            error.add_to_form(form)
        else:
            messages.success(request, _("Saved."))
            return redirect("recovery-counter", pk=counter.pk)
    return render(request, "recovery/counter_form.html", {"form": form, "counter": counter})


@login_required
def counter_new_start(request, pk: int):
    """A new start: the current run ends today (or the chosen day) and stays in the history."""
    counter = access.get_counter_for(request.user, pk)
    form = forms.NewStartForm(
        request.POST or None, initial={"started_on": services.today_for(request.user)}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.new_start(request.user, counter, **form.cleaned_data)
        except Refused as error:
            error.add_to_form(form)
        else:
            messages.success(
                request, _("A new start. Your history is kept, and every day still counts.")
            )
            return redirect("recovery-counter", pk=counter.pk)
    return render(request, "recovery/new_start.html", {"form": form, "counter": counter})


@login_required
@require_POST
def counter_delete(request, pk: int):
    services.delete_counter(request.user, access.get_counter_for(request.user, pk))
    messages.success(request, _("The counter and its history are deleted."))
    return redirect("recovery-home")


def _reached(counter, key: str):
    """The counter's reached milestone `key`, or 404."""
    milestone = next((m for m in services.summarize(counter).reached if m.key == key), None)
    if milestone is None:
        raise Http404
    return milestone


def _spaces_to_share_in(member) -> list:
    return [
        s
        for s in Space.objects.readable_by(member)
        if community_access.can_post_in_space(member, s)
    ]


@login_required
def milestone_card(request, pk: int, key: str):
    """A celebration card for a milestone the member has reached: a page they may show."""
    counter = access.get_counter_for(request.user, pk)
    milestone = _reached(counter, key)
    spaces = _spaces_to_share_in(request.user)
    initial = {"body": _("Today I reached %(milestone)s.") % {"milestone": milestone.label}}
    return render(
        request,
        "recovery/milestone.html",
        {
            "counter": counter,
            "milestone": milestone,
            "member": request.user,
            "own": True,
            "share_form": forms.MilestoneShareForm(spaces, initial=initial) if spaces else None,
        },
    )


@login_required
@require_POST
def milestone_share(request, pk: int, key: str):
    """Post the card's words in a group the member belongs to, as a new thread (community's
    service: its access rules, rate limit and safety check)."""
    counter = access.get_counter_for(request.user, pk)
    milestone = _reached(counter, key)
    form = forms.MilestoneShareForm(_spaces_to_share_in(request.user), request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a group and say something to share."))
        return redirect("recovery-milestone", pk=pk, key=key)
    space = form.spaces[form.cleaned_data["space"]]
    try:
        saved = community.start_thread(
            request.user, space, str(milestone.label), form.cleaned_data["body"]
        )
    except Refused as error:
        messages.error(request, error.message)
        return redirect("recovery-milestone", pk=pk, key=key)
    crisis.offer_after_save(request, saved)
    if saved.held:
        messages.info(request, _("Your post waits for a moderator before the group sees it."))
        return redirect("community-space", slug=space.slug)
    messages.success(request, _("Shared. Your group can celebrate with you."))
    return redirect("community-thread", slug=space.slug, pk=saved.obj.thread_id)


# --- Check-ins ----------------------------------------------------------------------------------


@login_required
def checkin(request):
    """Today's check-in: new, or today's again to change it. Under 30 seconds on a phone."""
    member = request.user
    today = services.today_for(member)
    current = CheckIn.objects.filter(member=member, day=today).first()
    attendance = list(services.attendance_on(member, today))
    initial = {"mood": 3, "craving": 0}
    if current is not None:
        initial = {
            "mood": current.mood,
            "craving": current.craving,
            "triggers": current.triggers,
            "sleep": current.sleep,
            "medication": {True: "yes", False: "no"}.get(current.medication_taken, ""),
            "meetings": [str(a.pk) for a in current.meetings.all()],
            "other_meetings": current.other_meetings or None,
            "gratitude": current.gratitude,
            "note": current.note,
            "checkin_id": current.pk,
        }
    form = forms.CheckInForm(request.POST or None, initial=initial, attendance=attendance)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            editing = form.cleaned_data["checkin_id"]
            target = current if (editing and current and current.pk == editing) else None
            try:
                saved = services.save_checkin(member, checkin=target, **form.service_values())
            except Refused as error:
                error.add_to_form(form)
                if current is not None and not editing:
                    # Keep what they typed; submitting again now changes today's check-in.
                    data = request.POST.copy()
                    data["checkin_id"] = current.pk
                    form.data = data
            else:
                crisis.offer_after_save(request, saved)
                messages.success(request, _("Checked in. Thank you for showing up for yourself."))
                if services.cravings_nudge(saved.obj) is not None:
                    return redirect("recovery-home")
                return redirect("recovery-trends")
        status = 400
    return render(
        request,
        "recovery/checkin.html",
        {"form": form, "current": current, "today": today, "attendance": attendance},
        status=status,
    )


@login_required
def checkin_history(request):
    entries = Paginator(
        CheckIn.objects.filter(member=request.user).prefetch_related("meetings"), 30
    ).get_page(request.GET.get("page"))
    return render(request, "recovery/checkins.html", {"page": entries})


@login_required
def trends(request):
    days = 90 if request.GET.get("days") == "90" else 30
    return render(request, "recovery/trends.html", {"t": services.trends(request.user, days)})


@login_required
@require_POST
def nudge_dismiss(request, pk: int):
    services.dismiss_nudge(request.user, access.get_nudge_for(request.user, pk))
    return redirect("recovery-home")


@login_required
def reminders(request):
    prefs = services.preferences(request.user)
    form = forms.ReminderForm(request.POST or None, initial={"reminder_time": prefs.reminder_time})
    if request.method == "POST" and form.is_valid():
        services.set_reminder(request.user, form.cleaned_data["reminder_time"])
        messages.success(request, _("Saved."))
        return redirect("recovery-home")
    return render(request, "recovery/reminders.html", {"form": form})


# --- Journal ------------------------------------------------------------------------------------


@login_required
def journal(request):
    entries = Paginator(request.user.journal_entries.all(), 20).get_page(request.GET.get("page"))
    return render(request, "recovery/journal.html", {"page": entries})


@login_required
def journal_entry(request, pk: int | None = None):
    entry = access.get_entry_for(request.user, pk) if pk else None
    initial = {"title": entry.title, "body": entry.body} if entry else {}
    form = forms.JournalForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_entry(request.user, entry=entry, **form.cleaned_data)
        except Refused as error:
            error.add_to_form(form)
        else:
            crisis.offer_after_save(request, saved)
            messages.success(request, _("Saved to your journal."))
            return redirect("recovery-journal-entry", pk=saved.obj.pk)
    shares = entry.shares.select_related("person") if entry else []
    return render(
        request,
        "recovery/journal_entry.html",
        {"form": form, "entry": entry, "shares": shares, "share_form": forms.HandleForm()},
    )


@login_required
@require_POST
def journal_delete(request, pk: int):
    services.delete_entry(request.user, access.get_entry_for(request.user, pk))
    messages.success(request, _("The entry is deleted."))
    return redirect("recovery-journal")


@login_required
@require_POST
def journal_share(request, pk: int):
    entry = access.get_entry_for(request.user, pk)
    form = forms.HandleForm(request.POST)
    if form.is_valid():
        try:
            services.share_entry(request.user, entry, form.cleaned_data["handle"])
        except Refused as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Shared. Only this entry, only with them."))
    else:
        messages.error(request, _("Write their handle."))
    return redirect("recovery-journal-entry", pk=pk)


@login_required
@require_POST
def journal_unshare(request, pk: int):
    entry = access.get_entry_for(request.user, pk)
    person_id = request.POST.get("person_id", "")
    if not person_id.isdigit():
        messages.error(request, _("Choose whom to stop sharing with."))
        return redirect("recovery-journal-entry", pk=pk)
    services.unshare_entry(request.user, entry, int(person_id))
    messages.success(request, _("They can no longer read this entry."))
    return redirect("recovery-journal-entry", pk=pk)


# --- The plan -----------------------------------------------------------------------------------


@login_required
def plan(request):
    return render(
        request,
        "recovery/plan.html",
        {
            "plan": services.plan_for(request.user),
            "kinds": PlanItem.Kind.choices,
            "owner": request.user,
            "own": True,
        },
    )


@login_required
def plan_item(request, pk: int | None = None):
    """Add (kind chosen by ?kind=) or change one line of the plan."""
    item = access.get_plan_item_for(request.user, pk) if pk else None
    kind = item.kind if item else request.POST.get("kind") or request.GET.get("kind")
    if kind not in PlanItem.Kind.values:
        kind = PlanItem.Kind.TRIGGER
    initial = {"kind": kind, "text": item.text, "detail": item.detail} if item else {"kind": kind}
    form = forms.PlanItemForm(request.POST or None, initial=initial, kind=kind)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_plan_item(request.user, item=item, **form.cleaned_data)
        except Refused as error:
            error.add_to_form(form)
        else:
            crisis.offer_after_save(request, saved)
            return redirect("recovery-plan")
    return render(
        request,
        "recovery/plan_item_form.html",
        {"form": form, "item": item, "kind_label": PlanItem.Kind(kind).label},
    )


@login_required
@require_POST
def plan_item_delete(request, pk: int):
    services.delete_plan_item(request.user, access.get_plan_item_for(request.user, pk))
    return redirect("recovery-plan")


def _goal_form(request, goal=None):
    initial = (
        {"title": goal.title, "target_date": goal.target_date, "status": goal.status}
        if goal
        else {}
    )
    return forms.GoalForm(request.POST or None, initial=initial)


def _goal_page(request, goal, form, *, step_form=None, note_form=None, status=200):
    context = {
        "goal": goal,
        "form": form,
        "step_form": step_form or forms.TextForm(label=_("A step"), prefix="step"),
        "note_form": note_form or forms.TextForm(label=_("Progress note"), prefix="note"),
    }
    return render(request, "recovery/goal.html", context, status=status)


@login_required
def goal(request, pk: int | None = None):
    goal = access.get_goal_for(request.user, pk) if pk else None
    form = _goal_form(request, goal)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_goal(request.user, goal=goal, **form.cleaned_data)
        except Refused as error:
            error.add_to_form(form)
        else:
            crisis.offer_after_save(request, saved)
            return redirect("recovery-goal", pk=saved.obj.pk)
    return _goal_page(request, goal, form)


@login_required
@require_POST
def goal_step_add(request, pk: int):
    goal = access.get_goal_for(request.user, pk)
    step_form = forms.TextForm(request.POST, label=_("A step"), prefix="step")
    if step_form.is_valid():
        try:
            saved = services.add_step(request.user, goal, step_form.cleaned_data["text"])
        except Refused as error:
            error.add_to_form(step_form)
        else:
            crisis.offer_after_save(request, saved)
            return redirect("recovery-goal", pk=pk)
    form = forms.GoalForm(
        initial={"title": goal.title, "target_date": goal.target_date, "status": goal.status}
    )
    return _goal_page(request, goal, form, step_form=step_form, status=400)


@login_required
@require_POST
def goal_note_add(request, pk: int):
    goal = access.get_goal_for(request.user, pk)
    note_form = forms.TextForm(request.POST, label=_("Progress note"), prefix="note")
    if note_form.is_valid():
        try:
            saved = services.add_goal_note(request.user, goal, note_form.cleaned_data["text"])
        except Refused as error:
            error.add_to_form(note_form)
        else:
            crisis.offer_after_save(request, saved)
            return redirect("recovery-goal", pk=pk)
    form = forms.GoalForm(
        initial={"title": goal.title, "target_date": goal.target_date, "status": goal.status}
    )
    return _goal_page(request, goal, form, note_form=note_form, status=400)


@login_required
@require_POST
def goal_step_toggle(request, pk: int):
    step = access.get_step_for(request.user, pk)
    services.toggle_step(request.user, step)
    return redirect("recovery-goal", pk=step.goal_id)


@login_required
@require_POST
def goal_delete(request, pk: int):
    services.delete_goal(request.user, access.get_goal_for(request.user, pk))
    return redirect("recovery-plan")


@login_required
def plan_export(request):
    response = HttpResponse(
        services.plan_as_text(request.user), content_type="text/plain; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="recovery-plan.txt"'
    return response


# --- Sharing ------------------------------------------------------------------------------------


def _grant_being_changed(request):
    """The member's active grant named by ?with=<handle> (GET) or the form's hidden `grant`
    (POST): the form then starts from what that person sees, and saves exactly what is ticked."""
    member = request.user
    active = Grant.objects.active(services.today_for(member)).filter(member=member)
    if request.method == "POST":
        pk = request.POST.get("grant", "")
        if not pk.isdigit():
            return None
        grant = access.get_grant_for(member, int(pk))
        return grant if active.filter(pk=grant.pk).exists() else None
    handle = request.GET.get("with", "")[:30]
    if not handle:
        return None
    return active.filter(person__handle__iexact=handle).select_related("person").first()


@login_required
def sharing(request):
    """Who may see what, until when; the journal entries the member shares; who looked; and the
    form to share with someone, or to change what one person sees (?with=<handle>)."""
    member = request.user
    changing = _grant_being_changed(request)
    form = forms.GrantForm(request.POST or None, grant=changing)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                if changing and data["handle"].strip().lower() == changing.person.handle.lower():
                    grant = services.change_grant(member, changing, data["scopes"], data["ends_on"])
                else:
                    grant = services.grant_access(
                        member, data["handle"], data["scopes"], data["ends_on"]
                    )
            except Refused as error:
                error.add_to_form(form)
            else:
                messages.success(
                    request,
                    _("%(handle)s can now see: %(what)s.")
                    % {"handle": grant.person, "what": _scopes_text(grant)},
                )
                return redirect("recovery-sharing")
        status = 400
    today = services.today_for(member)
    grants = list(member.recovery_grants.select_related("person"))
    active = set(Grant.objects.active(today).filter(member=member).values_list("pk", flat=True))
    return render(
        request,
        "recovery/sharing.html",
        {
            "form": form,
            "changing": changing,
            "active": [g for g in grants if g.pk in active],
            "past": [g for g in grants if g.pk not in active],
            "entries": services.entries_i_shared(member),
            "looked": services.who_looked(member),
        },
        status=status,
    )


def _scopes_text(grant) -> str:
    labels = dict(forms.SCOPE_CHOICES)
    return ", ".join(str(labels[scope]).lower() for scope in grant.scopes())


@login_required
@require_POST
def grant_revoke(request, pk: int):
    grant = access.get_grant_for(request.user, pk)
    services.revoke_grant(request.user, grant)
    messages.success(
        request, _("%(handle)s can no longer see your records.") % {"handle": grant.person}
    )
    return redirect("recovery-sharing")
