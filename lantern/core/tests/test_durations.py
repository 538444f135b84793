"""`{{ instant|ago }}`: the one way pages say how long ago something happened (issue 13:
"river needs someone now · 0 minutes")."""

from datetime import timedelta

from django.template import Context, Template
from django.utils import timezone, translation

from lantern.core.templatetags.durations import ago


def test_under_a_minute_is_just_now_never_0_minutes():
    now = timezone.now()
    assert ago(now, now) == "just now"
    assert ago(now - timedelta(seconds=59), now) == "just now"
    assert ago(now + timedelta(seconds=5), now) == "just now"  # a clock a little ahead


def test_one_unit_then_ago():
    now = timezone.now()
    assert ago(now - timedelta(minutes=5, seconds=3), now) == "5\xa0minutes ago"
    assert ago(now - timedelta(hours=20, minutes=12), now) == "20\xa0hours ago"
    assert ago(now - timedelta(days=3, hours=2), now) == "3\xa0days ago"
    assert ago(None) == ""


def test_it_speaks_spanish():
    now = timezone.now()
    with translation.override("es"):
        assert ago(now, now) == "ahora mismo"
        assert ago(now - timedelta(minutes=5), now) == "hace 5\xa0minutos"


def test_templates_load_it():
    html = Template("{% load durations %}{{ when|ago }}").render(Context({"when": timezone.now()}))
    assert html == "just now"
