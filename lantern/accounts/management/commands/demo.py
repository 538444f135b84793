"""Put the demo in place: every app's registered demo seed (`core.registry.demo_seed`), in
order, each in its own transaction. Safe to run again."""

from django.core.management.base import BaseCommand
from django.db import transaction

from lantern.accounts.demo import describe
from lantern.core import registry


class Command(BaseCommand):
    help = "Create or reset the demo accounts (one per role) and each app's demo data."

    def handle(self, *args, **options):
        for seed in registry.demo_seeds():
            with transaction.atomic():
                seed.seed()
        for line in describe():
            self.stdout.write(line)
