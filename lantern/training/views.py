"""Training pages. Thin: load through `access` (404 otherwise), call a service with the person
first, offer the crisis lines after a save that asks (`safety.crisis.offer_after_save`)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lantern.core.errors import attempt
from lantern.safety import crisis

from . import access, forms, services
from .models import REQUIRABLE_ROLES, Course


@login_required
def course_list(request):
    return render(
        request,
        "training/course_list.html",
        {
            "progress": services.progress_list(request.user),
            "waiting": services.waiting_courses(request.user),
        },
    )


@login_required
def course_detail(request, slug: str):
    course = access.get_course_for(request.user, slug)
    parts = list(course.parts.filter(active=True))
    done = services.done_keys(request.user, course)
    for part in parts:
        part.done = part.key in done
    following = next((p for p in parts if not p.done), None)
    return render(
        request,
        "training/course.html",
        {
            "course": course,
            "parts": parts,
            "progress": services.progress_of(request.user, course),
            "next_part": following,
        },
    )


def _neighbours(part):
    parts = list(part.course.parts.filter(active=True).only("key", "position"))
    keys = [p.key for p in parts]
    at = keys.index(part.key)
    following = parts[at + 1] if at + 1 < len(parts) else None
    return at + 1, len(parts), following


@login_required
def part_detail(request, slug: str, key: str, form=None):
    """A lesson, or a scenario in two steps: the situation and what you would say, then (with
    `?step=examples`, or after saving an answer) the examples, what to avoid and when to hand
    off. Reading either step writes nothing: "Mark as done" is a form."""
    part = access.get_part_for(request.user, slug, key)
    number, total, following = _neighbours(part)
    answer = services.answer_of(request.user, part) if part.is_scenario else None
    # A form sent back with what to fix stays on the first step, with the words kept.
    revealed = not part.is_scenario or (form is None and request.GET.get("step") == "examples")
    return render(
        request,
        "training/part.html",
        {
            "part": part,
            "course": part.course,
            "words": part.words,
            "number": number,
            "total": total,
            "following": following,
            "done": part.done_by.filter(person=request.user).exists(),
            "answer": answer,
            "revealed": revealed,
            "form": form or forms.AnswerForm(initial={"text": answer.text} if answer else None),
        },
        status=400 if form is not None else 200,
    )


@login_required
@require_POST
def part_answer(request, slug: str, key: str):
    part = access.get_part_for(request.user, slug, key)
    if not part.is_scenario:
        raise Http404
    form = forms.AnswerForm(request.POST)
    if form.is_valid():
        with attempt(form) as done:
            saved = services.save_answer(request.user, part, form.cleaned_data["text"])
        if done:
            crisis.offer_after_save(request, saved)
            messages.success(request, _("Saved. Only you can read it."))
            return redirect(reverse("training-part", args=[slug, key]) + "?step=examples")
    return part_detail(request, slug, key, form=form)


@login_required
@require_POST
def answer_delete(request, slug: str, key: str):
    part = access.get_part_for(request.user, slug, key)
    services.delete_answer(request.user, part)
    messages.success(request, _("Your answer is deleted."))
    return redirect("training-part", slug=slug, key=key)


@login_required
@require_POST
def part_done(request, slug: str, key: str):
    part = access.get_part_for(request.user, slug, key)
    completion = services.mark_done(request.user, part)
    if completion is not None:
        messages.success(
            request, _("You completed “%(title)s”. Thank you.") % {"title": part.course.title}
        )
        return redirect("training-course", slug=slug)
    _number, _total, following = _neighbours(part)
    if following is not None:
        return redirect("training-part", slug=slug, key=following.key)
    return redirect("training-course", slug=slug)


@login_required
def manage(request):
    """Settings → Training (administrators): which course each role requires, and who has
    completed what."""
    if not access.can_manage_training(request.user):
        raise Http404
    current = services.requirements()
    form = forms.RequirementsForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        courses = {c.slug: c for c in Course.objects.offered()}
        with attempt(form) as done:
            for role in REQUIRABLE_ROLES:
                slug = form.cleaned_data.get(role.value) or ""
                services.require_course(request.user, role.value, courses.get(slug))
        if done:
            messages.success(request, _("Saved. People who hold a role already keep it."))
            return redirect("training-manage")
    page = Paginator(services.completions_overview(), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "training/manage.html",
        {"form": form, "completions": page.object_list, "page": page},
        status=400 if form.errors else 200,
    )
