from django.core.management.commands import migrate
from django.db import connections

from atip.database import as_owner, grant_runtime_privileges, owner_configured


class Command(migrate.Command):
    """Django's migrate, connected as the schema's owner when MIGRATION_DATABASE_URL is set (the
    application's role may not create or alter tables), which then grants the application's
    role what it may do (atip.database). Without it, Django's migrate as it is."""

    def handle(self, *args, **options):
        connection = connections[options["database"]]
        if not owner_configured(connection):
            return super().handle(*args, **options)
        with as_owner(connection):
            super().handle(*args, **options)
            grant_runtime_privileges(connection)
            if options["verbosity"] >= 1:
                self.stdout.write(
                    f"Granted {connection.settings_dict['NAME']}'s tables to the application's role."
                )
