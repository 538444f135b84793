"""The resource directory's pages: the public search (a GET form: a search is a URL, and works
without JavaScript), one resource, staff reports that a resource is out of date, and the CSV
import."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lantern.core.errors import Refused
from lantern.safety import crisis

from . import access, forms, services
from .models import Resource


def resource_list(request):
    form = forms.SearchForm(request.GET or None)
    found = Resource.objects.active()
    if form.is_bound:
        # The API's answer to the same words (api.list_resources): a search that cannot be
        # read shows what to fix, never the whole directory as if it matched.
        if form.is_valid():
            data = form.cleaned_data
            found = found.search(data["q"], data["kind"], data["language"])
        else:
            found = found.none()
    page = Paginator(found, 25).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "directory/list.html",
        {"form": form, "page": page, "query_string": query.urlencode()},
    )


def resource_detail(request, pk: int):
    resource = access.get_resource_for(request.user, pk)
    return render(
        request,
        "directory/resource.html",
        {
            "resource": resource,
            "reports": services.open_reports(resource),
            "can_report": access.can_report_outdated(request.user),
            "form": forms.OutdatedForm(),
        },
    )


@login_required
@require_POST
def resource_outdated(request, pk: int):
    resource = access.get_resource_for(request.user, pk)
    if not access.can_report_outdated(request.user):
        raise Http404
    form = forms.OutdatedForm(request.POST)
    if form.is_valid():
        try:
            saved = services.report_outdated(request.user, resource, form.cleaned_data["note"])
        except Refused as error:
            error.add_to_form(form)
        else:
            crisis.offer_after_save(request, saved)
            messages.success(request, _("Thank you. The resource is marked as out of date."))
            return redirect(resource)
    context = {"resource": resource, "reports": services.open_reports(resource)}
    context.update(can_report=True, form=form)
    return render(request, "directory/resource.html", context, status=400)


@login_required
@require_POST
def resource_verify(request, pk: int):
    resource = access.get_resource_for(request.user, pk)
    if not access.can_report_outdated(request.user):
        raise Http404
    services.verify(request.user, resource)
    messages.success(request, _("Marked as verified today."))
    return redirect(resource)


@login_required
def resource_import(request):
    if not access.can_import(request.user):
        raise Http404
    posted = request.method == "POST"
    form = forms.ImportForm(request.POST, request.FILES) if posted else forms.ImportForm()
    result = None
    status = 200
    if posted:
        if form.is_valid():
            raw = form.cleaned_data["file"].read()
            try:
                result = services.import_csv(request.user, raw.decode("utf-8-sig"))
            except UnicodeDecodeError:
                form.add_error("file", _("The file must be UTF-8 text."))
            except Refused as error:
                error.add_to_form(form)
        if result is None:
            status = 400
    return render(request, "directory/import.html", {"form": form, "result": result}, status=status)
