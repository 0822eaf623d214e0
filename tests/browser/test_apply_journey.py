"""A council applies, in a real browser, with every page checked by axe-core."""

import datetime
import re

from django.utils import timezone
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from accounts.enums import StaffRole
from applications.enums import ApplicationStatus
from applications.models import Application
from programmes.models import OrganisationDomain
from tests.browser.conftest import assert_accessible, path_of, sign_in
from tests.evidence_samples import make_pdf
from tests.factories import (
    ApplicationFactory,
    OrganisationFactory,
    ProgrammeFactory,
    UserFactory,
    complete_application,
    council_user,
    submitted_application,
)

PASSWORD = "a-long-and-unusual-passphrase-42"
REFERENCE = re.compile(r"EOI-\d{4}-[A-Z0-9]{6}")


def save_and_continue(page):
    page.get_by_role("button", name="Save and continue").click()


def expect_heading(page, text):
    expect(page.get_by_role("heading", level=1)).to_have_text(text)


def expect_focus_in_error_summary(page):
    """GOV.UK Frontend's JavaScript moves focus to the error summary when the page loads."""
    expect(page.locator(".govuk-error-summary:focus, .govuk-error-summary :focus")).to_have_count(1)


def expect_error_links_reach_their_fields(page):
    """Every link in the error summary points at exactly one element on the page."""
    hrefs = page.locator(".govuk-error-summary__list a").evaluate_all(
        "links => links.map((a) => a.getAttribute('href'))"
    )
    assert hrefs, "the error summary has no links"
    for href in hrefs:
        assert href.startswith("#"), href
        matches = page.locator(f"[id='{href[1:]}']").count()
        assert matches == 1, f"error summary link {href} matches {matches} elements"


def wait_for_path(page, pattern: str):
    """Wait until the page's path matches the regular expression (whole path, query allowed)."""
    regex = re.compile(pattern)
    page.wait_for_url(lambda url: bool(regex.fullmatch(path_of(url).split("?")[0])))


def choose_organisation(page, name: str):
    """The organisation question: a <select data-autocomplete>, enhanced to a combobox."""
    combobox = page.locator("input#id_organisation[role='combobox']")
    if combobox.count():
        combobox.fill(name[:12])
        page.get_by_role("option", name=name, exact=True).click()
        expect(combobox).to_have_value(name)
    else:  # JavaScript did not enhance the select: the plain <select> still works.
        page.locator("select#id_organisation").select_option(label=name)


def fill_team_member(page, position: int, *, role: str, name: str, email: str, why: str):
    fieldset = page.get_by_role("group", name=f"Team member {position}", exact=True)
    fieldset.get_by_role("radio", name=role, exact=True).check()
    fieldset.get_by_label("Full name").fill(name)
    fieldset.get_by_label("Job title").fill(f"Job title {position}")
    fieldset.get_by_label("Organisation").fill("Testshire County Council")
    fieldset.get_by_label("Email address").fill(email)
    fieldset.get_by_label("Why are they key to addressing the issue?").fill(why)


# ---------------------------------------------------------------------------------------------


def sign_up_and_confirm(page, live_server, smtp_sink, *, name: str, email: str):
    """On the sign-in page or the sign-up page: create an account and confirm the email address.

    Fails, listing the requests, if confirming ends anywhere but on a page that loads."""
    if "/accounts/signup/" not in page.url:
        page.get_by_role("main").get_by_role("link", name="create an account").click()
        wait_for_path(page, r"/accounts/signup/")
    assert_accessible(page)
    page.get_by_label("Full name").fill(name)
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Create a password").fill(PASSWORD)
    page.get_by_label("Confirm password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect_heading(page, "Confirm your email address")
    assert_accessible(page)

    # The verification email arrives at the SMTP sink; its link confirms the address.
    messages = smtp_sink.to(email)
    assert len(messages) == 1, [m["Subject"] for m in messages]
    text = messages[0].get_body(preferencelist=("plain",)).get_content()
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", text).group(0)
    page.goto(link)
    expect_heading(page, "Confirm your email address")
    assert_accessible(page)
    documents = []

    def remember(response):
        if response.request.is_navigation_request() and response.frame == page.main_frame:
            documents.append(f"{response.request.method} {path_of(response.url)} {response.status}")

    page.on("response", remember)
    try:
        with page.expect_navigation():
            page.get_by_role("button", name="Confirm email address").click()
    except PlaywrightError as error:
        raise AssertionError(
            f"Confirming the email address failed: {' -> '.join(documents)} ({error.message})"
        ) from None
    finally:
        page.remove_listener("response", remember)
    assert documents and documents[-1].endswith(" 200"), documents


def test_new_council_user_signs_up_and_submits_an_application_with_evidence(
    page, live_server, smtp_sink, tmp_path
):
    programme = ProgrammeFactory(title="Children’s mental health 2026")
    organisation = OrganisationFactory(name="Barsetshire County Council")
    # The new user's address is at the council's domain, so they join it at once (asking to join
    # is tested in test_membership.py).
    OrganisationDomain.objects.create(organisation=organisation, domain="barsetshire.example.org")
    email = "new.applicant@barsetshire.example.org"

    # The home page lists the open programme.
    page.goto(live_server.url + "/")
    assert_accessible(page)
    page.get_by_role("link", name=programme.title, exact=True).click()
    expect_heading(page, programme.title)
    assert_accessible(page)

    # "Start your application" needs an account: it sends the person to sign in first.
    page.get_by_role("button", name="Start your application").click()
    wait_for_path(page, r"/accounts/login/")
    assert_accessible(page)
    sign_up_and_confirm(page, live_server, smtp_sink, name="Zoë Ångström", email=email)
    if re.fullmatch(r"/programmes/[\w-]+/", path_of(page.url)):
        page.get_by_role("button", name="Start your application").click()

    # Signed in, the new user says which organisation they work for.
    wait_for_path(page, r"/organisation/")
    expect_heading(page, "Your organisation")
    assert_accessible(page)
    choose_organisation(page, organisation.name)
    assert_accessible(page)
    page.get_by_role("button", name="Continue").click()
    wait_for_path(page, r"/applications/|/programmes/[\w-]+/")
    assert_accessible(page)
    if path_of(page.url).startswith("/applications/"):
        page.get_by_role("link", name=programme.title, exact=True).click()
        expect_heading(page, programme.title)
    if re.fullmatch(r"/programmes/[\w-]+/", path_of(page.url)):
        page.get_by_role("button", name="Start your application").click()

    # The task list.
    wait_for_path(page, r"/applications/\d+/")
    expect(page.locator(".govuk-task-list")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text(programme.title)
    assert_accessible(page)
    application = Application.objects.get(programme=programme, organisation=organisation)
    page.get_by_role("link", name="About your issue").click()

    # About your issue.
    expect_heading(page, "About your issue")
    assert_accessible(page)
    page.get_by_label("Your key question").fill("How can we cut waiting times for help?")
    page.get_by_label("Why is this a critical issue for your area?").fill(
        "Families wait months and tell us they feel lost."
    )
    save_and_continue(page)

    # How you identified it.
    expect_heading(page, "How you identified it")
    assert_accessible(page)
    page.get_by_role("checkbox", name="Joint strategic needs assessment (JSNA)").check()
    page.get_by_label("Describe how you identified it").fill("Our JSNA and a survey of pupils.")
    save_and_continue(page)

    # Evidence: upload a PDF, see it listed, then carry on.
    expect_heading(page, "Evidence")
    assert_accessible(page)
    pdf = tmp_path / "JSNA summary.pdf"
    pdf.write_bytes(make_pdf())
    page.get_by_label("Upload a file").set_input_files(pdf)
    page.get_by_role("button", name="Upload file").click()
    expect(page.get_by_role("alert")).to_contain_text("has been uploaded")
    expect(page.get_by_role("link", name="JSNA summary.pdf")).to_be_visible()
    assert_accessible(page)
    save_and_continue(page)

    # Your team: three people, one name with accents and an emoji, one in Arabic.
    expect_heading(page, "Your team")
    assert_accessible(page)
    team = [
        ("Elected member", "Zoë Ångström 😊", "zoe@barsetshire.example.org"),
        ("Senior council officer", "سارة", "sara@barsetshire.example.org"),
        (
            "Senior partner (statutory or voluntary sector)",
            "Chris O’Neill",
            "chris@partner.example.org",
        ),
    ]
    for position, (role, name, member_email) in enumerate(team, start=1):
        fill_team_member(
            page, position, role=role, name=name, email=member_email, why="Leads the work."
        )
    save_and_continue(page)

    # Health and Wellbeing Board.
    expect_heading(page, "Health and Wellbeing Board support")
    assert_accessible(page)
    page.get_by_role("radio", name="Confirmed", exact=True).check()
    page.get_by_label("Give details").fill("The board agreed on 3 March.")
    save_and_continue(page)

    # THRIVE.
    expect_heading(page, "THRIVE categories and challenge areas")
    assert_accessible(page)
    page.get_by_role("checkbox", name="Getting help", exact=True).check()
    save_and_continue(page)

    # Check your answers.
    expect_heading(page, "Check your answers before submitting your application")
    assert_accessible(page)
    main = page.get_by_role("main")
    expect(main).to_contain_text("How can we cut waiting times for help?")
    expect(main).to_contain_text("Joint strategic needs assessment (JSNA)")
    expect(main).to_contain_text("JSNA summary.pdf")
    expect(main).to_contain_text("Zoë Ångström 😊")
    expect(main).to_contain_text("سارة")
    expect(main).to_contain_text("The board agreed on 3 March.")
    expect(main).to_contain_text("Getting help")
    assert main.get_by_role("link", name=re.compile(r"^Change")).count() >= 10

    # Change an answer and come straight back.
    main.get_by_role("link", name="Change key question").click()
    wait_for_path(page, rf"/applications/{application.pk}/about-your-issue/")
    assert "return=check" in page.url
    expect_heading(page, "About your issue")
    page.get_by_label("Your key question").fill("How can we cut waiting times for early help?")
    save_and_continue(page)
    wait_for_path(page, rf"/applications/{application.pk}/check-your-answers/")
    expect(main).to_contain_text("How can we cut waiting times for early help?")

    # Submit.
    page.get_by_role("button", name="Submit application").click()
    wait_for_path(page, rf"/applications/{application.pk}/confirmation/")
    expect_heading(page, re.compile("Application submitted"))
    assert_accessible(page)
    reference = REFERENCE.search(page.locator(".govuk-panel__body").inner_text()).group(0)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.reference == reference

    # A confirmation email to the applicant and to each of the three team members.
    recipients = [email] + [member_email for _, _, member_email in team]
    for recipient in recipients:
        received = [m for m in smtp_sink.to(recipient) if reference in m["Subject"]]
        assert len(received) == 1, (recipient, [m["Subject"] for m in smtp_sink.to(recipient)])
    with smtp_sink.lock:
        about_it = [m for _, m in smtp_sink.messages if reference in m["Subject"]]
    assert len(about_it) == 4, [m["Subject"] for m in about_it]

    # The application's page lists them.
    page.get_by_role("link", name="View your application").click()
    wait_for_path(page, rf"/applications/{application.pk}/")
    assert_accessible(page)
    emails_heading = page.get_by_role("heading", name="Emails about this application")
    expect(emails_heading).to_be_visible()
    table = page.locator("table").filter(has=page.get_by_role("columnheader", name="Email"))
    for recipient in recipients:
        expect(table).to_contain_text(recipient)


# ---------------------------------------------------------------------------------------------


def signed_in_council_user(page, live_server, **programme_fields):
    """A verified council user with a known password, signed in, with a draft application."""
    organisation = OrganisationFactory(name="Wessex Borough Council")
    user = council_user(organisation=organisation, name="Robin Applicant")
    user.set_password(PASSWORD)
    user.save()
    programme = ProgrammeFactory(**programme_fields)
    application = ApplicationFactory(programme=programme, organisation=organisation)
    sign_in(page, live_server, user.email, PASSWORD)
    return user, application


def section_url(live_server, application, section: str) -> str:
    return f"{live_server.url}/applications/{application.pk}/{section}/"


def test_validation_error_keeps_everything_typed(page, live_server):
    _, application = signed_in_council_user(page, live_server)
    page.goto(section_url(live_server, application, "about-your-issue"))
    assert_accessible(page)
    key_question = "How can schools and the NHS share what they know?"
    page.get_by_label("Your key question").fill(key_question)
    save_and_continue(page)

    # The error summary, focused by GOV.UK Frontend's JavaScript so screen readers announce it.
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_contain_text("Enter why this is a critical issue for your area")
    expect_focus_in_error_summary(page)
    expect(page).to_have_title(re.compile(r"^Error: "))

    # The message sits next to the field, and nothing typed is lost.
    why_critical = page.get_by_label("Why is this a critical issue for your area?")
    field_error = (
        page.locator("#id_why_critical")
        .locator("xpath=ancestor::div[contains(@class, 'govuk-form-group')]")
        .locator(".govuk-error-message")
    )
    expect(field_error).to_contain_text("Enter why this is a critical issue for your area")
    expect(why_critical).to_have_attribute(
        "aria-describedby", re.compile(r"(^|\s)" + re.escape(field_error.get_attribute("id")))
    )
    expect(page.get_by_label("Your key question")).to_have_value(key_question)
    assert_accessible(page)

    # The summary's link goes to the field.
    link = summary.get_by_role("link", name="Enter why this is a critical issue for your area")
    expect(link).to_have_attribute("href", "#id_why_critical")
    link.click()
    expect(why_critical).to_be_focused()
    application.refresh_from_db()
    assert application.key_question == ""

    # Checkboxes and radios: the links go to the first option.
    page.goto(section_url(live_server, application, "how-you-identified-it"))
    save_and_continue(page)
    summary_link = summary.get_by_role("link", name="Select how you identified the issue")
    expect(summary_link).to_be_visible()
    expect_error_links_reach_their_fields(page)
    summary_link.click()
    expect(page.get_by_role("checkbox").first).to_be_focused()
    assert_accessible(page)

    page.goto(section_url(live_server, application, "your-team"))
    save_and_continue(page)
    expect(summary).to_contain_text("Select their role in the team")
    expect_error_links_reach_their_fields(page)
    assert_accessible(page)


def test_save_sign_out_sign_in_and_carry_on(page, live_server):
    user, application = signed_in_council_user(page, live_server)
    page.goto(f"{live_server.url}/applications/{application.pk}/")
    expect(page.locator("#status-about-your-issue")).to_have_text("Not yet started")
    page.get_by_role("link", name="About your issue").click()
    page.get_by_label("Your key question").fill("How do we reach young carers?")
    page.get_by_role("button", name="Save and come back later").click()

    # Back on the task list, with the section half done.
    wait_for_path(page, rf"/applications/{application.pk}/")
    expect(page.get_by_role("alert")).to_contain_text("Your answers have been saved")
    expect(page.locator("#status-about-your-issue")).to_have_text("Incomplete")
    assert_accessible(page)

    # Sign out with the header's button, then sign in again.
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in", exact=True)).to_be_visible()
    page.goto(f"{live_server.url}/applications/{application.pk}/about-your-issue/")
    wait_for_path(page, r"/accounts/login/")
    sign_in(page, live_server, user.email, PASSWORD)
    wait_for_path(page, r"/applications/")
    assert_accessible(page)
    page.get_by_role("link", name=application.programme.title, exact=True).click()
    wait_for_path(page, rf"/applications/{application.pk}/")
    expect(page.locator("#status-about-your-issue")).to_have_text("Incomplete")
    page.get_by_role("link", name="About your issue").click()
    expect(page.get_by_label("Your key question")).to_have_value("How do we reach young carers?")
    expect(page.get_by_label("Why is this a critical issue for your area?")).to_have_value("")


def test_submit_after_the_deadline_is_refused(page, live_server):
    now = timezone.now()
    _, application = signed_in_council_user(
        page,
        live_server,
        opens_at=now - datetime.timedelta(days=2),
        closes_at=now - datetime.timedelta(minutes=1),
    )
    complete_application(application)
    page.goto(f"{live_server.url}/applications/{application.pk}/check-your-answers/")
    main = page.get_by_role("main")
    expect(main.locator(".govuk-warning-text")).to_contain_text("The closing date was")
    assert_accessible(page)

    page.get_by_role("button", name="Submit application").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("The closing date for this programme was")
    expect_focus_in_error_summary(page)
    assert_accessible(page)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT
    assert application.reference in ("", None)


def test_live_word_count_counts_across_pages(page, live_server):
    _, application = signed_in_council_user(page, live_server, word_limit=10)
    application.identification_description = "Three words here"
    application.save()
    page.goto(section_url(live_server, application, "about-your-issue"))
    output = page.locator("[data-word-count-output]")
    # Three words are used on another page, so seven are left before typing anything.
    expect(output).to_have_text("You have 7 words remaining")
    expect(output).not_to_have_class(re.compile("govuk-error-message"))
    assert_accessible(page)

    key_question = page.get_by_label("Your key question")
    key_question.press_sequentially("How can we help")
    expect(output).to_have_text("You have 3 words remaining")
    page.get_by_label("Why is this a critical issue for your area?").fill("Waiting is long")
    expect(output).to_have_text("You have 0 words remaining")
    key_question.press_sequentially(" quickly")
    expect(output).to_have_text("You have 1 word too many")
    key_question.press_sequentially(" and well")
    expect(output).to_have_text("You have 3 words too many")
    expect(output).to_have_class(re.compile("govuk-error-message"))
    assert_accessible(page)

    # The server applies the same count.
    save_and_continue(page)
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Your answers must be 10 words or fewer in total. You have 13 words"
    )
    expect(output).to_have_text("You have 3 words too many")
    assert_accessible(page)


# ---------------------------------------------------------------------------------------------
# Every other page passes axe, including its error states.
# ---------------------------------------------------------------------------------------------


def visit(page, live_server, path: str, heading=None):
    response = page.goto(live_server.url + path)
    assert response is not None and response.ok, f"GET {path}: HTTP {response and response.status}"
    if heading is not None:
        expect_heading(page, heading)
    assert_accessible(page)


def submit_and_check(page, button: str, heading=None):
    """Press a form's button, wait for the page the server answers with, and check it."""
    with page.expect_navigation():
        page.get_by_role("button", name=button, exact=True).click()
    if heading is not None:
        expect_heading(page, heading)
    assert_accessible(page)


def expect_error_summary(page, text: str | None = None):
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    if text is not None:
        expect(summary).to_contain_text(text)
    expect_focus_in_error_summary(page)
    expect_error_links_reach_their_fields(page)


def test_every_page_a_council_sees_passes_axe(page, live_server, smtp_sink):
    programme = ProgrammeFactory()
    midsomer = OrganisationFactory(name="Midsomer District Council")
    OrganisationDomain.objects.create(organisation=midsomer, domain="midsomer.example")
    slug = programme.slug

    # Signed out.
    visit(page, live_server, "/", "Peer learning programmes")
    visit(page, live_server, f"/programmes/{slug}/", programme.title)

    visit(page, live_server, f"/programmes/{slug}/community-of-learning/")
    submit_and_check(page, "Join the community")
    expect_error_summary(page, "Enter your full name")
    page.get_by_label("Full name").fill("Ana Lucía Pérez")
    page.get_by_label("Email address").fill("ana@example.org")
    page.get_by_label("Organisation").fill("Midsomer Youth Trust")
    page.get_by_label("I agree to the LGA contacting me").check()
    submit_and_check(page, "Join the community", "You have joined the community of learning")
    assert len(smtp_sink.to("ana@example.org")) == 1

    visit(page, live_server, f"/programmes/{slug}/peer-partner/")
    submit_and_check(page, "Send your offer")
    expect_error_summary(page, "Enter the name of your approach")
    page.get_by_label("Organisation", exact=True).fill("Borsetshire CAMHS")
    page.get_by_label("Name of the approach").fill("Drop-in wellbeing cafés")
    page.get_by_label("Summary of the approach").fill("Weekly cafés run with young people.")
    page.get_by_role("checkbox", name="Thriving", exact=True).check()
    page.get_by_label("Contact name").fill("Sam Okafor")
    page.get_by_label("Contact email").fill("sam@example.org")
    page.get_by_label("We could host a visit").check()
    submit_and_check(page, "Send your offer", re.compile("Thank you for your offer"))
    assert len(smtp_sink.to("sam@example.org")) == 1

    visit(page, live_server, "/accounts/signup/", "Create an account")
    submit_and_check(page, "Create account")
    expect_error_summary(page, "Enter your full name")
    visit(page, live_server, "/accounts/password/reset/", "Reset your password")
    page.get_by_label("Email address").fill("nobody@example.org")
    submit_and_check(page, "Send reset link")
    visit(page, live_server, "/accounts/login/", "Sign in")
    page.get_by_label("Email address").fill("nobody@example.org")
    page.get_by_label("Password", exact=True).fill("not-the-password")
    submit_and_check(page, "Sign in")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    expect_focus_in_error_summary(page)  # a form-wide message, with no field to link to

    # Signed in, before and after saying which organisation they work for.
    user = UserFactory(name="Kim Newcomer", email="kim.newcomer@midsomer.example")
    user.set_password(PASSWORD)
    user.save()
    sign_in(page, live_server, user.email, PASSWORD)
    wait_for_path(page, r"/organisation/")
    assert_accessible(page)
    submit_and_check(page, "Continue")
    expect_error_summary(page, "Select your organisation")
    page.get_by_label("My organisation is not on the list").check()
    submit_and_check(page, "Continue")
    expect_error_summary(page, "Enter your organisation’s name")
    page.get_by_label("My organisation is not on the list").uncheck()
    choose_organisation(page, "Midsomer District Council")
    submit_and_check(page, "Continue", "Your applications")
    visit(page, live_server, "/organisation/", "Your organisation")
    visit(page, live_server, f"/programmes/{slug}/", programme.title)
    visit(page, live_server, f"/programmes/{slug}/community-of-learning/")
    visit(page, live_server, "/applications/", "Your applications")


def test_every_page_a_programme_manager_sees_passes_axe(page, live_server, smtp_sink):
    from applications import services

    manager = UserFactory(role=StaffRole.PROGRAMME_MANAGER, name="Pat Manager")
    manager.set_password(PASSWORD)
    manager.save()
    programme = ProgrammeFactory()
    slug = programme.slug
    OrganisationFactory(name="Proposed Borough Council", is_confirmed=False)

    # One submitted application, through the service so that its emails are really sent.
    applicant = council_user(name="Jo Applicant")
    organisation = applicant.memberships.get().organisation
    draft = complete_application(ApplicationFactory(programme=programme, organisation=organisation))
    application = services.submit_application(application_id=draft.pk, by=applicant)
    submitted_application(programme=programme)  # and another council's
    programme.community_signups.create(
        name="Lee Chan",
        email="lee@example.org",
        organisation_name="Wessex NHS",
        consent_to_contact=True,
    )
    offer = programme.peer_partner_offers.create(
        organisation_name="Borsetshire CAMHS",
        approach_title="Drop-in wellbeing cafés",
        summary="Weekly cafés.",
        contact_name="Sam Okafor",
        contact_email="sam@example.org",
        can_host_visit=True,
    )
    assert offer.pk

    sign_in(page, live_server, manager.email, PASSWORD)
    wait_for_path(page, r"/manage/")
    expect_heading(page, "Manage programmes")
    assert_accessible(page)

    visit(page, live_server, "/manage/new/", "Create a programme")
    submit_and_check(page, "Save programme")
    expect_error_summary(page)  # including the date inputs' links, which go to the day
    visit(page, live_server, f"/manage/{slug}/edit/", "Edit the programme")

    visit(page, live_server, f"/applications/staff/programme/{slug}/", "Applications")
    page.get_by_role("link", name=organisation.name, exact=True).click()
    expect_heading(page, organisation.name)
    assert_accessible(page)
    expect(page.get_by_role("heading", name="Emails about this application")).to_be_visible()

    visit(page, live_server, f"/applications/staff/programme/{slug}/extend-deadline/")
    submit_and_check(page, "Extend deadline")
    expect_error_summary(page, "Select the organisation")
    visit(
        page,
        live_server,
        f"/applications/staff/programme/{slug}/extend-deadline/?organisation={organisation.pk}",
    )

    visit(page, live_server, "/outbox/", "Outbox")
    page.get_by_role("link", name=re.compile(application.reference)).first.click()
    expect_heading(page, re.compile(application.reference))
    assert_accessible(page)

    visit(page, live_server, f"/manage/{slug}/community-of-learning/", "Community of learning")
    visit(page, live_server, f"/manage/{slug}/peer-partners/", "Peer partner offers")
    visit(page, live_server, "/manage/organisations/", "Organisations to confirm")
