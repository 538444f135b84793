"""Pages for the people a member shares with. Each loads the member through `access` (404
unless the member's grant to the viewer is active and covers the part asked for) and reads
through a `services.read_shared_*` function, which writes the read to the audit log the member
sees on their sharing page."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from . import access, services


@login_required
def shared_list(request):
    """Who shares their recovery with me, and the journal entries shared with me."""
    return render(
        request,
        "recovery/shared_list.html",
        {
            "grants": services.shared_with_me(request.user),
            "entries": services.entries_shared_with_me(request.user),
        },
    )


@login_required
def shared_member(request, handle: str):
    """What the member shares with me (links only: nothing of theirs is read here)."""
    member = access.get_shared_member_for(request.user, handle)
    grant = access.active_grant(request.user, member)
    return render(request, "recovery/shared_member.html", {"member": member, "grant": grant})


@login_required
def shared_milestones(request, handle: str):
    member = access.get_shared_member_for(request.user, handle, "milestones")
    summaries = services.read_shared_milestones(request.user, member)
    return render(
        request, "recovery/shared_milestones.html", {"member": member, "summaries": summaries}
    )


@login_required
def shared_checkins(request, handle: str):
    member = access.get_shared_member_for(request.user, handle, "checkins")
    shared = services.read_shared_checkins(request.user, member)
    page = Paginator(shared["checkins"], 30).get_page(request.GET.get("page"))
    return render(
        request,
        "recovery/shared_checkins.html",
        {"member": member, "page": page, "t": shared["trends"]},
    )


@login_required
def shared_plan(request, handle: str):
    member = access.get_shared_member_for(request.user, handle, "plan")
    plan = services.read_shared_plan(request.user, member)
    return render(
        request,
        "recovery/shared_plan.html",
        {"member": member, "owner": member, "plan": plan, "own": False},
    )


@login_required
def shared_journal(request, pk: int):
    entry = access.get_shared_entry_for(request.user, pk)
    services.read_shared_entry(request.user, entry)
    return render(request, "recovery/shared_journal.html", {"entry": entry})
