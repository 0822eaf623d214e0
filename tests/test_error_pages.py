"""A form over the size limit gets a page that says what the limit is."""

import pytest
from django.urls import reverse

from tests.factories import ApplicationFactory, council_user

pytestmark = pytest.mark.django_db


def test_form_over_the_size_limit_gets_a_page_naming_the_limit(client, settings):
    """Django refuses a body over DATA_UPLOAD_MAX_MEMORY_SIZE; the page says what the limit is
    and that nothing was saved."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
    application = ApplicationFactory()
    client.force_login(council_user(organisation=application.organisation))
    url = reverse("applications:section", args=[application.pk, "about-your-issue"])

    response = client.post(url, {"seen_version": 0, "key_question": "x" * (6 * 1024 * 1024)})

    page = response.content.decode()
    assert response.status_code == 413
    assert "<title>The form you sent was too large – Peer Learning</title>" in page
    assert "A form can send up to 5.0\xa0MB of text at a time." in page
    assert "Nothing from this form has been saved." in page
    application.refresh_from_db()
    assert application.key_question == ""


def test_other_unreadable_request_gets_a_page_not_a_bare_400(client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10

    response = client.post(reverse("account_login"), {f"field{n}": "x" for n in range(20)})

    assert response.status_code == 400
    assert "Sorry, we could not read what your browser sent" in response.content.decode()
