"""Re-encrypt every encrypted column under the first key of LANTERN_DATA_KEYS, so older keys can
be retired. Safe to run while the site is up, and again."""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import connection, transaction

from lantern.core.crypto import EncryptedTextField, rotate


class Command(BaseCommand):
    help = "Re-encrypt stored sensitive text with the first key in LANTERN_DATA_KEYS."

    def handle(self, *args, **options):
        quote = connection.ops.quote_name
        for model in apps.get_models():
            fields = [f for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]
            if not fields:
                continue
            # Tokens are rotated as tokens (MultiFernet.rotate), through raw SQL, so the
            # plaintext is never loaded into model instances.
            table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
            columns = [quote(f.column) for f in fields]
            select = f"SELECT {pk}, {', '.join(columns)} FROM {table}"  # noqa: S608
            update = f"UPDATE {table} SET {', '.join(f'{c} = %s' for c in columns)} WHERE {pk} = %s"  # noqa: S608
            with connection.cursor() as cursor:
                cursor.execute(select)
                rows = cursor.fetchall()
            for row_pk, *tokens in rows:
                rotated = [rotate(token) if token else token for token in tokens]
                with transaction.atomic(), connection.cursor() as cursor:
                    cursor.execute(update, [*rotated, row_pk])
            self.stdout.write(f"{model._meta.label}: {len(rows)} rows re-encrypted")
