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
            # Compare-and-swap: a row saved since it was read keeps the newer value (which is
            # already under the first key).
            for column in columns:
                update = f"UPDATE {table} SET {column} = %s WHERE {pk} = %s AND {column} = %s"  # noqa: S608
                done = 0
                with connection.cursor() as cursor:
                    cursor.execute(f"SELECT {pk}, {column} FROM {table} ORDER BY {pk}")  # noqa: S608
                    rows = cursor.fetchmany(500)
                    while rows:
                        with transaction.atomic(), connection.cursor() as writer:
                            for row_pk, token in rows:
                                if token:
                                    writer.execute(update, [rotate(token), row_pk, token])
                                    done += writer.rowcount
                        rows = cursor.fetchmany(500)
                self.stdout.write(f"{model._meta.label}.{column}: {done} values re-encrypted")
