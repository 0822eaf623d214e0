from django.core.management.base import BaseCommand

from applications.demo.loader import DEMO_TOTP_SECRET, load_demo


class Command(BaseCommand):
    help = "Load the demo programme (the LGA's 2018 programme) and the demo accounts."

    def handle(self, *args, **options):
        accounts = load_demo()
        self.stdout.write(self.style.SUCCESS("Demo loaded. Sign in at http://127.0.0.1:8000/"))
        for account in accounts:
            self.stdout.write(f"  {account.role:<20} {account.email:<26} {account.password}")
        self.stdout.write(
            "Staff accounts sign in with two factors: add the key "
            f"{DEMO_TOTP_SECRET} to an authenticator app (under `make run` the code 000000 "
            "also works)."
        )
