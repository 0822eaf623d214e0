from django.core.management.base import BaseCommand

from demo.loader import load_demo


class Command(BaseCommand):
    help = "Load the demo programme (the LGA's 2018 programme) and the demo accounts."

    def handle(self, *args, **options):
        accounts = load_demo()
        self.stdout.write(self.style.SUCCESS("Demo loaded. Sign in at http://127.0.0.1:8000/"))
        for account in accounts:
            self.stdout.write(f"  {account.role:<20} {account.email:<26} {account.password}")
