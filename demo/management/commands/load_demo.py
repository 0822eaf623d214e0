from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.loader import DEMO_TOTP_SECRET, load_demo


class Command(BaseCommand):
    help = "Load the demo programme (the LGA's 2018 programme) and the demo accounts."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load the demo even with DEBUG off. Its accounts' passwords are published in the "
            "README, so never do this on a server anyone else can reach.",
        )

    def handle(self, *args, **options):
        # The demo accounts' passwords are public (README): on a real server they would be a
        # way in for anyone.
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "load_demo creates accounts whose passwords are published in the README, so it "
                "only runs with DEBUG=true (as `make run` sets). To load it anyway, on a machine "
                "nobody else can reach, add --force."
            )
        accounts = load_demo()
        self.stdout.write(self.style.SUCCESS("Demo loaded. Sign in at http://127.0.0.1:8000/"))
        for account in accounts:
            self.stdout.write(f"  {account.role:<20} {account.email:<26} {account.password}")
        self.stdout.write(
            "Staff accounts sign in with two factors: add the key "
            f"{DEMO_TOTP_SECRET} to an authenticator app (under `make run` the code 000000 "
            "also works)."
        )
