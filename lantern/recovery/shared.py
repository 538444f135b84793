"""Pages for the people a member shares with. Each answers 404 unless the member's grant to the
viewer is active and covers the part asked for, and each read is written to the audit log the
member sees on their sharing page."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from lantern.accounts.models import User

from . import access, services
from .models import JournalEntry


def _member_for(request, handle: str, scope: str | None = None) -> User:
    member = User.objects.filter(handle__iexact=handle, is_active=True).first()
    if member is None:
        raise Http404
    if scope is None:
        allowed = access.can_view_shared_anything(request.user, member)
    else:
        allowed = access.can_view_shared_recovery(request.user, member, scope)
    if not allowed:
        raise Http404
    return member


@login_required
def shared_list(request):
    """Who shares their recovery with me."""
    return render(
        request, "recovery/shared_list.html", {"grants": services.shared_with_me(request.user)}
    )


@login_required
def shared_member(request, handle: str):
    member = _member_for(request, handle)
    grant = services.active_grant(request.user, member)
    return render(request, "recovery/shared_member.html", {"member": member, "grant": grant})


@login_required
def shared_milestones(request, handle: str):
    member = _member_for(request, handle, "milestones")
    services.record_shared_read(request.user, member, "milestones")
    return render(
        request,
        "recovery/shared_milestones.html",
        {"member": member, "summaries": services.summaries(member)},
    )


@login_required
def shared_checkins(request, handle: str):
    member = _member_for(request, handle, "checkins")
    services.record_shared_read(request.user, member, "checkins")
    entries = Paginator(member.checkins.prefetch_related("meetings"), 30).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "recovery/shared_checkins.html",
        {"member": member, "page": entries, "t": services.trends(member, 30)},
    )


@login_required
def shared_plan(request, handle: str):
    member = _member_for(request, handle, "plan")
    services.record_shared_read(request.user, member, "plan")
    return render(
        request,
        "recovery/shared_plan.html",
        {"member": member, "owner": member, "plan": services.plan_for(member), "own": False},
    )


@login_required
def shared_journal(request, pk: int):
    entry = get_object_or_404(JournalEntry.objects.select_related("member"), pk=pk)
    if entry.member_id == request.user.pk or not access.can_read_journal_entry(request.user, entry):
        raise Http404
    services.record_shared_read(request.user, entry.member, "journal", entry)
    return render(request, "recovery/shared_journal.html", {"entry": entry})
