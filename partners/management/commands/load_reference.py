from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Load the county and municipality code lists and their public bodies (idempotent)."

    def handle(self, *args, **options):
        call_command("loaddata", "reference", verbosity=options["verbosity"])
