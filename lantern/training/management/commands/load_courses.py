from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Load the training courses from lantern/training/courses/ into the database. Safe to "
        "run again: a changed course gets a new version; progress is kept."
    )

    def handle(self, *args, **options):
        from lantern.training import content, loader

        try:
            loaded = loader.load_all()
        except content.CourseFileError as error:
            raise CommandError(str(error)) from error
        if options["verbosity"] == 0:
            return
        for course in loaded:
            state = "loaded" if course.changed else "unchanged"
            self.stdout.write(f"{course.slug}: version {course.version} ({state})")
