"""The outcome report, as a page and as CSV."""

from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render

from .. import access, forms, services
from ..models import today


def _report(request):
    if not access.can_see_reports(request.user):
        raise Http404
    end = today()
    form = forms.ReportForm(
        request.GET or None, initial={"start": end - timedelta(days=365), "end": end}
    )
    start = end - timedelta(days=365)
    if form.is_bound and form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    return form, services.outcome_report(start, end)


@login_required
def report(request):
    form, result = _report(request)
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(
        request,
        "support/report.html",
        {"form": form, "report": result, "small": services.SMALL_CELL},
        status=status,
    )


@login_required
def report_csv(request):
    _form, result = _report(request)
    response = HttpResponse(services.as_csv(result), content_type="text/csv; charset=utf-8")
    name = f"outcomes-{result.start.isoformat()}-{result.end.isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
