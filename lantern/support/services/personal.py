"""My data: what support holds about a member, for their export, and what their erasure must
remove beyond the cascade from their account."""

from lantern.core.models import Notification

from ..models import Engagement
from .engagements import access_history

REDISCLOSURE = (
    "This information has been disclosed to you from records protected by federal "
    "confidentiality rules (42 CFR part 2). The federal rules prohibit you from making any "
    "further disclosure of this information unless further disclosure is expressly permitted "
    "by the written consent of the person to whom it pertains or as otherwise permitted by 42 "
    "CFR part 2."
)


def _iso(value):
    return value.isoformat() if value is not None else None


def export_support(member) -> dict:
    """Every engagement of the member with its consent history and every record kept in it,
    decrypted, and who on staff read them."""
    engagements = (
        Engagement.objects.filter(member=member)
        .select_related("specialist", "consent", "intake")
        .prefetch_related(
            "history", "notes__addenda", "assessments", "referrals", "followups", "proposals"
        )
    )
    result = []
    for e in engagements:
        consent = getattr(e, "consent", None)
        intake = getattr(e, "intake", None)
        result.append(
            {
                "specialist": e.specialist.handle if e.specialist else None,
                "status": e.status,
                "opened_at": _iso(e.opened_at),
                "closed_at": _iso(e.closed_at),
                "close_reason": e.close_reason,
                "consent": None
                if consent is None
                else {
                    "scopes": consent.scopes,
                    "purpose": consent.purpose,
                    "audience": consent.audience,
                    "ends_on": _iso(consent.ends_on),
                    "given_at": _iso(consent.given_at),
                    "revoked_at": _iso(consent.revoked_at),
                },
                "consent_history": [
                    {"event": h.event, "scopes": h.scopes, "at": _iso(h.at)}
                    for h in e.history.all()
                ],
                "intake": None
                if intake is None
                else {
                    "pathways": intake.pathway_list,
                    "goals": intake.goals,
                    "needs": intake.need_map,
                    "strengths": intake.strengths,
                },
                "contact_notes": [
                    {
                        "contact_on": _iso(n.contact_on),
                        "mode": n.mode,
                        "minutes": n.minutes,
                        "topics": n.topics,
                        "note": n.body,
                        "next_steps": n.next_steps,
                        "addenda": [
                            {"at": _iso(a.created_at), "text": a.body} for a in n.addenda.all()
                        ],
                    }
                    for n in e.notes.all()
                ],
                "assessments": [
                    {
                        "instrument": a.instrument,
                        "taken_on": _iso(a.taken_on),
                        "score": a.score,
                        "answers": a.answer_map,
                    }
                    for a in e.assessments.all()
                ],
                "referrals": [
                    {
                        "to": r.to_label,
                        "category": r.category,
                        "status": r.status,
                        "outcome": r.outcome,
                        "created_at": _iso(r.created_at),
                    }
                    for r in e.referrals.all()
                ],
                "plan_proposals": [
                    {
                        "goal": p.title,
                        "steps": p.step_list,
                        "status": p.status,
                        "proposed_at": _iso(p.created_at),
                    }
                    for p in e.proposals.all()
                ],
                "followups": [
                    {
                        "label": f.label,
                        "due_on": _iso(f.due_on),
                        "done_on": _iso(f.done_on),
                        "outcome": f.outcome,
                    }
                    for f in e.followups.all()
                ],
            }
        )
    return {
        "notice": REDISCLOSURE,
        "engagements": result,
        "access_history": [
            {
                "who": ev.actor.handle if ev.actor else None,
                "what": ev.what_was_read,
                "at": _iso(ev.at),
            }
            for ev in access_history(member)
        ],
    }


def erase_support(member) -> None:
    """The member's engagements (and everything in them) go with the account by cascade;
    the notifications that pointed their specialists at them go here."""
    engagements = list(Engagement.objects.filter(member=member))
    if engagements:
        Notification.objects.about(*engagements).delete()
