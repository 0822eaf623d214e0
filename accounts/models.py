from django.contrib.auth.models import AbstractBaseUser, PermissionsMixin, UserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from accounts.enums import StaffRole


class PeopleManager(UserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        email = self.normalize_email(email).lower()
        user = self.model(email=email, **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with their email address."""

    email = models.EmailField("email address", unique=True)
    name = models.CharField("full name", max_length=200, blank=True)
    is_staff = models.BooleanField(
        "Django admin access", default=False, help_text="Superusers only: the admin site."
    )
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = PeopleManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_unique_case_insensitive")
        ]

    def __str__(self):
        return self.name or self.email

    def get_full_name(self):
        return self.name or self.email

    def get_short_name(self):
        return self.name.split(" ")[0] if self.name else self.email

    def has_staff_role(self, role: StaffRole) -> bool:
        # Cached per request object: navigation and permission checks ask several times.
        if not hasattr(self, "_staff_roles"):
            self._staff_roles = set(self.groups.values_list("name", flat=True))
        return self.is_superuser or role.value in self._staff_roles

    @property
    def is_programme_manager(self) -> bool:
        return self.is_active and self.has_staff_role(StaffRole.PROGRAMME_MANAGER)

    @property
    def is_reviewer(self) -> bool:
        return self.is_active and self.has_staff_role(StaffRole.REVIEWER)

    @property
    def is_consultant(self) -> bool:
        return self.is_active and self.has_staff_role(StaffRole.CONSULTANT)
