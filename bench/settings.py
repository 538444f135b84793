"""Lantern's settings plus the bare view of bench/urls.py: the baseline of `make soak`."""

from lantern.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
