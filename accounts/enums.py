from django.db import models


class StaffRole(models.TextChoices):
    """Staff roles are Django groups so that admins can grant them without code."""

    PROGRAMME_MANAGER = "Programme managers", "Programme manager"
    REVIEWER = "Reviewers", "Reviewer"
    CONSULTANT = "Consultants", "Consultant"
