"""The directory for the access matrix: resources are public; staff report one out of date;
specialists and admins import."""

from lantern.core.tests.matrix import everyone, only
from lantern.directory.models import Resource

MATRIX = {
    "directory-list": ("get", None, everyone(200)),
    "directory-resource": ("get", {"pk": "resource"}, everyone(200)),
    "directory-import": ("get", None, only(200, "casey", "alex")),
    # no note: an empty report is fine (staff only); verify: staff only
    "directory-outdated": ("post", {"pk": "resource"}, only(302, "casey", "morgan", "alex")),
    "directory-verify": ("post", {"pk": "resource"}, only(302, "casey", "morgan", "alex")),
    "api:directory-resources-api": ("get", None, everyone(200)),
    "api:directory-resource-api": ("get", {"resource_id": "resource"}, everyone(200)),
}


def records(people) -> dict:
    resource = Resource.objects.create(name="Harbor House", kind="housing")
    return {"resource": resource.pk}
