"""Mentorship pages: thin views that load through `access`, call one service, and show the
result."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lantern.community.services import conversations
from lantern.core.errors import NotFound, Refused, attempt
from lantern.safety import crisis

from . import access, forms, matching, services
from . import cohorts as cohort_services
from .models import Cohort, CohortPair, Mentorship


def _status(request, form) -> int:
    return 400 if request.method == "POST" and form.errors else 200


@login_required
def home(request):
    user = request.user
    mine = list(services.mentorships_of(user))
    profile = services.profile_of(user)
    return render(
        request,
        "mentorship/home.html",
        {
            "as_mentee": [m for m in mine if m.mentee_id == user.pk],
            "waiting": [
                m
                for m in mine
                if m.mentor_id == user.pk and m.status == Mentorship.Status.REQUESTED
            ],
            "mentees": [
                m for m in mine if m.mentor_id == user.pk and m.status == Mentorship.Status.ACTIVE
            ],
            "open": services.open_mentorship_as_mentee(user),
            "profile": profile,
            "can_mentor": access.can_mentor(user),
            "can_match": access.can_match_cohorts(user),
        },
    )


@login_required
def ask(request):
    current = services.ask_of(request.user) or services.default_ask(request.user)
    initial = {
        name: getattr(current, name)
        for name in (
            "languages",
            "gender",
            "same_gender_only",
            "pathways",
            "experience",
            "availability",
            "min_years",
            "online_only",
            "area",
        )
    }
    form = forms.AskForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_ask(request.user, form.to_fields())
        except Refused as error:
            error.add_to_form(form)
        else:
            return redirect("mentorship-suggestions")
    return render(request, "mentorship/ask.html", {"form": form}, status=_status(request, form))


@login_required
def suggestions(request):
    found = services.suggestions(request.user)
    return render(
        request,
        "mentorship/suggestions.html",
        {
            "suggestions": found,
            "ask": services.ask_of(request.user),
            "open": services.open_mentorship_as_mentee(request.user),
            "max_points": matching.MAX_POINTS,
        },
    )


@login_required
def mentor(request, handle: str):
    profile = access.get_mentor_for(request.user, handle)
    facts = services.mentor_facts(profile)
    seeker = services.seeker_facts(request.user)
    failures = matching.hard_rule_failures(
        seeker, facts, blocked=profile.person_id in services.blocked_either_way(request.user)
    )
    result = None if failures else matching.score(seeker, facts)
    return render(
        request,
        "mentorship/mentor.html",
        {
            "profile": profile,
            "facts": facts,
            "time": matching.recovery_time_text(facts.recovery_days)
            if facts.recovery_days is not None
            else "",
            "reasons": matching.reasons_text(result.reasons) if result else [],
            "can_request": not failures
            and services.open_mentorship_as_mentee(request.user) is None,
            "form": forms.RequestForm(),
        },
    )


@login_required
@require_POST
def request_mentor(request, handle: str):
    profile = access.get_mentor_for(request.user, handle)
    form = forms.RequestForm(request.POST)
    if form.is_valid():
        try:
            saved = services.request_mentor(request.user, profile.person, form.cleaned_data["note"])
        except Refused as error:
            messages.error(request, error.message)
        else:
            crisis.offer_after_save(request, saved)
            messages.success(
                request,
                _("We told %(handle)s. You will hear as soon as they answer.")
                % {"handle": profile.person.handle},
            )
            return redirect(saved.obj.get_absolute_url())
    else:
        messages.error(request, _("Your note is too long: at most 1,000 characters."))
    return redirect(profile.get_absolute_url())


@login_required
def profile(request):
    if not access.can_mentor(request.user):
        raise NotFound
    current = services.profile_of(request.user)
    initial = {}
    if current is not None:
        initial = {
            name: getattr(current, name)
            for name in (
                "counter",
                "recovery_since",
                "about",
                "languages",
                "gender",
                "mentors_genders",
                "pathways",
                "experience",
                "availability",
                "capacity",
                "online_only",
                "area",
            )
        }
    else:
        initial = {"languages": [request.user.language or "en"], "pathways": request.user.pathways}
    form = forms.ProfileForm(request.POST or None, initial=initial, person=request.user)
    if request.method == "POST" and form.is_valid():
        with attempt(form) as done:
            saved = services.save_profile(request.user, form.to_fields())
        if done:
            crisis.offer_after_save(request, saved)
            messages.success(request, _("Your mentor profile is saved. Thank you for giving back."))
            return redirect("mentorship-home")
    return render(
        request,
        "mentorship/profile.html",
        {"form": form, "profile": current},
        status=_status(request, form),
    )


@login_required
@require_POST
def pause(request):
    paused = request.POST.get("paused") == "1"
    services.set_paused(request.user, paused)
    messages.success(
        request,
        _("You are paused: nobody new is suggested you.") if paused else _("Welcome back."),
    )
    return redirect("mentorship-home")


@login_required
def detail(request, pk: int):
    mentorship = access.get_mentorship_for(request.user, pk)
    conversation = conversations.conversation_between(
        mentorship.mentee, mentorship.mentor, about=mentorship
    )
    return render(
        request,
        "mentorship/detail.html",
        {
            "m": mentorship,
            "other": mentorship.other(request.user),
            "i_am_mentor": request.user.pk == mentorship.mentor_id,
            "reasons": matching.reasons_text(mentorship.reasons),
            "conversation": conversation,
            "can_answer": access.can_answer(request.user, mentorship),
            "can_withdraw": access.can_withdraw(request.user, mentorship),
            "can_end": access.can_end(request.user, mentorship),
            "my_reason": mentorship.end_reason if mentorship.ended_by_id == request.user.pk else "",
        },
    )


def _act(request, pk: int, action, done: str):
    mentorship = access.get_mentorship_for(request.user, pk)
    with attempt(request=request) as attempted:
        action(request.user, mentorship)
    if attempted:
        messages.success(request, done)
    return redirect(mentorship.get_absolute_url())


@login_required
@require_POST
def accept(request, pk: int):
    return _act(request, pk, services.accept, _("Thank you. You can write to each other now."))


@login_required
@require_POST
def decline(request, pk: int):
    return _act(request, pk, services.decline, _("Done. They will be told gently."))


@login_required
@require_POST
def withdraw(request, pk: int):
    return _act(request, pk, services.withdraw, _("Your request is withdrawn."))


@login_required
def end(request, pk: int):
    mentorship = access.get_mentorship_for(request.user, pk)
    if not access.can_end(request.user, mentorship):
        raise NotFound
    form = forms.EndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with attempt(form) as done:
            services.end(request.user, mentorship, form.cleaned_data["reason"])
        if done:
            messages.success(
                request, _("The mentorship has ended. Thank you for your time together.")
            )
            return redirect(mentorship.get_absolute_url())
    return render(
        request,
        "mentorship/end.html",
        {"form": form, "m": mentorship},
        status=_status(request, form),
    )


@login_required
@require_POST
def talk(request, pk: int):
    mentorship = access.get_mentorship_for(request.user, pk)
    with attempt(request=request) as done:
        conversation = services.conversation_for(request.user, mentorship)
    if not done:
        return redirect(mentorship.get_absolute_url())
    return redirect(reverse("community-conversation", args=[conversation.pk]))


# --- Cohorts (administrators) -------------------------------------------------------------------


@login_required
def cohorts(request):
    if not access.can_match_cohorts(request.user):
        raise NotFound
    form = forms.CohortForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with attempt(form) as done:
            made = cohort_services.create_cohort(
                request.user, data["name"], data["newcomers"], data["mentors"]
            )
        if done:
            return redirect(made.get_absolute_url())
    return render(
        request,
        "mentorship/cohorts.html",
        {"form": form, "cohorts": Cohort.objects.all()[:50]},
        status=_status(request, form),
    )


@login_required
def cohort(request, pk: int):
    found = access.get_cohort_for(request.user, pk)
    return render(
        request,
        "mentorship/cohort.html",
        {
            "cohort": found,
            "review": cohort_services.review(found),
            "draft": found.status == "draft",
        },
    )


@login_required
@require_POST
def cohort_match(request, pk: int):
    found = access.get_cohort_for(request.user, pk)
    with attempt(request=request):
        cohort_services.match_cohort(request.user, found)
    return redirect(found.get_absolute_url())


@login_required
@require_POST
def cohort_pair(request, pk: int):
    found = access.get_cohort_for(request.user, pk)
    users = get_user_model().objects
    mentee = found.newcomers.filter(pk=request.POST.get("mentee") or 0).first()
    mentor = users.filter(pk=request.POST.get("mentor") or 0).first()
    if mentee is None or mentor is None:
        messages.error(request, _("Choose a newcomer and a mentor."))
    else:
        with attempt(request=request):
            cohort_services.pair_by_hand(request.user, found, mentee, mentor)
    return redirect(found.get_absolute_url())


@login_required
@require_POST
def cohort_unpair(request, pk: int):
    pair = CohortPair.objects.select_related("cohort").filter(pk=pk).first()
    if pair is None or not access.can_match_cohorts(request.user):
        raise NotFound
    cohort_services.remove_pair(request.user, pair)
    return redirect(pair.cohort.get_absolute_url())


@login_required
@require_POST
def cohort_publish(request, pk: int):
    found = access.get_cohort_for(request.user, pk)
    made = cohort_services.publish_cohort(request.user, found)
    messages.success(
        request, _("%(n)s pairs are told and can write to each other now.") % {"n": made}
    )
    return redirect(found.get_absolute_url())
