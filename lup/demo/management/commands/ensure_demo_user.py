import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Create or reset the local demo login (a superuser) with a fresh random password and "
        "print it. Refuses to run with DEBUG off, so it never touches a production database."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="demo")
        parser.add_argument("--password", help="Use this password instead of a random one.")

    def handle(self, *args, username: str, password: str | None, **options):
        if not settings.DEBUG:
            raise CommandError("ensure_demo_user is for local development (DEBUG=True) only.")
        password = password or secrets.token_urlsafe(9)
        user, _created = get_user_model().objects.get_or_create(username=username)
        user.is_staff = user.is_superuser = True
        user.set_password(password)
        user.save()
        self.stdout.write(
            self.style.SUCCESS(
                "\nDemo login (local only):\n"
                f"  URL:      http://127.0.0.1:8000/admin/  and  /dashboard/\n"
                f"  username: {username}\n"
                f"  password: {password}\n"
            )
        )
