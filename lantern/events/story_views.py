"""Recovery stories: reading (people signed in), writing (waits for a moderator), reporting,
and the moderators' review."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lantern.accounts.models import Pathway
from lantern.core.errors import NotFound, Refused, attempt
from lantern.safety import crisis

from . import access, forms, stories
from .models import Story


def _status(request, form) -> int:
    return 400 if request.method == "POST" and form.errors else 200


@login_required
@require_GET
def story_list(request):
    chosen = {
        "pathway": request.GET.get("pathway", ""),
        "substance": request.GET.get("substance", ""),
        "background": request.GET.get("background", ""),
    }
    found = stories.published(**chosen)
    for story in found:
        story.shown_author = stories.shown_author(story)
    return render(
        request,
        "events/stories.html",
        {
            "stories": found[:50],
            "chosen": chosen,
            "pathways": Pathway.choices,
            "substances": stories.Substance.choices,
            "backgrounds": stories.Background.choices,
            "mine": Story.objects.filter(author=request.user).exclude(
                status=Story.Status.PUBLISHED
            ),
            "can_review": access.can_review_stories(request.user),
        },
    )


@login_required
def story_new(request):
    form = forms.StoryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            saved = stories.write_story(
                request.user,
                d["title"],
                d["body"],
                pathways=d["pathways"],
                substances=d["substances"],
                background=d["background"],
                anonymous=d["anonymous"],
            )
        except Refused as error:
            error.add_to_form(form)
        else:
            crisis.offer_after_save(request, saved)
            messages.success(
                request,
                _("Thank you for sharing your story. A moderator will read it before others do."),
            )
            return redirect(saved.obj.get_absolute_url())
    return render(request, "events/story_new.html", {"form": form}, status=_status(request, form))


@login_required
@require_GET
def story_detail(request, pk: int):
    story = access.get_story_for(request.user, pk)
    return render(
        request,
        "events/story.html",
        {
            "story": story,
            "shown_author": stories.shown_author(story),
            "mine": story.author_id == request.user.pk,
            "can_review": access.can_review_stories(request.user)
            and story.author_id != request.user.pk,
            "report_form": forms.ReportStoryForm(),
            "note_form": forms.NoteForm(),
            "reports": story.reports.filter(resolved_at__isnull=True).count()
            if access.can_review_stories(request.user)
            else 0,
        },
    )


@login_required
@require_POST
def story_withdraw(request, pk: int):
    story = access.get_story_for(request.user, pk)
    stories.withdraw_story(request.user, story)
    messages.success(request, _("Your story is taken down."))
    return redirect("events-stories")


@login_required
@require_POST
def story_report(request, pk: int):
    story = access.get_story_for(request.user, pk)
    if story.author_id == request.user.pk:
        raise NotFound
    form = forms.ReportStoryForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a reason."))
        return redirect(story.get_absolute_url())
    with attempt(request=request) as done:
        stories.report_story(request.user, story, form.cleaned_data["reason"])
    if done:
        messages.success(request, _("Thank you. A moderator will look at it."))
    return redirect(story.get_absolute_url())


@login_required
@require_GET
def story_review(request):
    if not access.can_review_stories(request.user):
        raise NotFound
    waiting, reported = stories.review_queue()
    return render(request, "events/story_review.html", {"waiting": waiting, "reported": reported})


@login_required
@require_POST
def story_publish(request, pk: int):
    story = access.get_story_to_review_for(request.user, pk)
    with attempt(request=request) as done:
        stories.publish_story(request.user, story)
    if done:
        messages.success(request, _("Published. The author is told."))
    return redirect("events-story-review")


@login_required
@require_POST
def story_decline(request, pk: int):
    story = access.get_story_to_review_for(request.user, pk)
    form = forms.NoteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write a note to the author: say why, kindly."))
        return redirect(story.get_absolute_url())
    with attempt(request=request) as done:
        stories.decline_story(request.user, story, form.cleaned_data["note"])
    if done:
        messages.success(request, _("Not published. The author is told, with your note."))
    return redirect("events-story-review")
