"""Real-browser tests: Playwright drives the system Chromium against pytest-django's live_server.

Every page a test visits is checked with axe-core (WCAG 2.0, 2.1 and 2.2 A and AA rules) through
`assert_accessible(page)`. The pages keep their real Content-Security-Policy, so a script or style
the policy would block in production is blocked here too; JavaScript errors fail the test.
"""

import json
import os
import re
import time
from pathlib import Path

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt
from django.core.cache import cache

from accounts.models import User
from tests.factories import STAFF_TOTP_SECRET, restore_reference_data

# Playwright's sync API runs an event loop in the test's thread; Django refuses database access
# from a thread with a running loop unless told this is safe.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from playwright.sync_api import expect, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PROJECT_ROOT = Path(__file__).resolve().parents[2]
AXE_SCRIPT = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
# A same-origin address the browser context answers with AXE_SCRIPT (see `page` and _inject_axe).
AXE_URL_PATH = "/__browser-tests__/axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
DEFAULT_TIMEOUT_MS = 10_000
# WCAG 1.4.10: content reflows at 320 CSS pixels wide without scrolling in two dimensions.
REFLOW_WIDTH = 320
BROWSER_DIR = Path(__file__).resolve().parent

# Web-first assertions wait as long as actions do (Playwright's default is 5 s).
expect.set_options(timeout=DEFAULT_TIMEOUT_MS)


def pytest_collection_modifyitems(config, items):
    """Everything in this folder is a browser test (`-m "not browser"` leaves it out)."""
    for item in items:
        if BROWSER_DIR in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.browser)


# ---------------------------------------------------------------------------------------------
# Lookup rows that data migrations create. live_server makes every test transactional, and
# transactional tests flush the database afterwards, so they are put back before each test.
# ---------------------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def lookup_rows(transactional_db):
    restore_reference_data()


# ---------------------------------------------------------------------------------------------
# Browser
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(
            f"The browser tests need Chromium at {CHROMIUM} (apt-get install chromium). "
            "Playwright cannot download browsers here. Deselect them with -m 'not browser'.",
            pytrace=False,
        )
    if not AXE_SCRIPT.exists():
        pytest.fail(
            f"axe-core is missing ({AXE_SCRIPT}): run `npm install` in {PROJECT_ROOT}.",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class PageProblems:
    """Uncaught JavaScript errors and Content-Security-Policy violations seen on a page."""

    def __init__(self):
        self.errors: list[str] = []

    def on_page_error(self, error):
        self.errors.append(f"JavaScript error: {error}")

    def on_console(self, message):
        if message.type == "error" and "Content Security Policy" in message.text:
            self.errors.append(f"CSP violation: {message.text}")


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    context.route(
        f"**{AXE_URL_PATH}",
        lambda route: route.fulfill(path=AXE_SCRIPT, content_type="text/javascript"),
    )
    page = context.new_page()
    problems = PageProblems()
    page.on("pageerror", problems.on_page_error)
    page.on("console", problems.on_console)
    yield page
    context.close()
    assert not problems.errors, "\n".join(problems.errors)


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------


def _inject_axe(page) -> None:
    """Add axe-core to the page with a <script src> tag.

    The pages' Content-Security-Policy allows scripts from 'self' only, so an inline tag
    (`add_script_tag(path=...)`) would be refused. Instead the tag points at a same-origin URL that
    the browser context answers from node_modules (see the `page` fixture): the policy stays in
    force, exactly as in production.
    """
    if page.evaluate("typeof window.axe !== 'undefined'"):
        return
    origin = re.match(r"^https?://[^/]+", page.url).group(0)
    page.add_script_tag(url=origin + AXE_URL_PATH)
    assert page.evaluate("typeof window.axe !== 'undefined'"), "axe-core did not load"


def format_violations(violations: list[dict], url: str) -> str:
    lines = [f"{len(violations)} accessibility violation(s) on {url}:"]
    for violation in violations:
        targets = [
            " ".join(map(str, node.get("target", []))) for node in violation.get("nodes", [])[:5]
        ]
        more = len(violation.get("nodes", [])) - len(targets)
        lines.append(
            f"- {violation['id']} ({violation.get('impact')}): {violation['help']}\n"
            f"    {violation.get('helpUrl', '')}\n"
            f"    nodes: {json.dumps(targets, ensure_ascii=False)}"
            + (f" and {more} more" if more > 0 else "")
        )
        first = (violation.get("nodes") or [{}])[0]
        if first.get("failureSummary"):
            lines.append("    " + first["failureSummary"].replace("\n", "\n    "))
    return "\n".join(lines)


def assert_accessible(page) -> None:
    """Run axe-core on the page as it is now; fail listing every WCAG A/AA violation."""
    page.wait_for_load_state("load")
    _inject_axe(page)
    result = page.evaluate(
        """async (tags) => {
            const results = await window.axe.run(document, {
                runOnly: { type: 'tag', values: tags },
            });
            return results.violations.map((v) => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
            }));
        }""",
        WCAG_TAGS,
    )
    if result:
        raise AssertionError(format_violations(result, page.url))
    assert_reflows(page)


def assert_reflows(page) -> None:
    """At 320 CSS pixels wide (the same as 400% zoom) the page must not scroll sideways (WCAG
    1.4.10); a wide table may scroll inside its own labelled container. Then back to the size
    the test was using."""
    size = page.viewport_size
    page.set_viewport_size({"width": REFLOW_WIDTH, "height": size["height"]})
    try:
        widest = page.evaluate(
            """() => {
                const root = document.documentElement;
                if (root.scrollWidth <= root.clientWidth) return null;
                // The deepest element, outside a table's scrolling area, that is wider than the
                // window or whose content is: the one to fix.
                let widest = null;
                for (const element of document.body.querySelectorAll('*')) {
                    if (element.closest('.app-table-scroll') !== null) continue;
                    const box = element.getBoundingClientRect();
                    const limit = root.clientWidth + 1;
                    if (box.right > limit || element.scrollWidth > limit) {
                        widest = { right: Math.round(box.right), scrollWidth: element.scrollWidth,
                                   tag: element.tagName.toLowerCase(),
                                   cls: element.className.toString().slice(0, 80),
                                   text: (element.textContent || '').trim().slice(0, 60) };
                    }
                }
                return { width: root.scrollWidth, widest };
            }"""
        )
    finally:
        page.set_viewport_size(size)
    if widest:
        raise AssertionError(
            f"{page.url} scrolls sideways at {REFLOW_WIDTH} px ({widest['width']} px wide); "
            f"widest: {widest['widest']}"
        )


def current_totp_code(secret: str = STAFF_TOTP_SECRET) -> str:
    """What the person's authenticator app shows now; waits out the last seconds of a 30-second
    period, so the code is still valid when the server checks it."""
    if time.time() % 30 > 27:
        time.sleep(30 - time.time() % 30 + 0.1)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def totp_secret_of(user) -> str:
    """The secret the person's authenticator app holds (factories' staff and the demo's differ)."""
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    return decrypt(authenticator.data["secret"])


def enter_totp_code(page, user) -> None:
    code = current_totp_code(totp_secret_of(user))
    page.get_by_label("Enter the code from your authenticator app").fill(code)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url(lambda url: "/accounts/2fa/authenticate/" not in url)
    # allauth refuses a code used twice (a replay); a test may sign the same person in again
    # within the same 30 seconds, which a real person cannot, so forget this code was used.
    cache.delete(f"allauth.mfa.totp.used?user={user.pk}&code={code}")


def sign_in(page, live_server, email: str, password: str) -> None:
    """Sign in through the real allauth page, and wait until the sign-in has gone through; staff
    (who have an authenticator app) enter its code too."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    if "/accounts/2fa/authenticate/" in page.url:
        enter_totp_code(page, User.objects.get(email__iexact=email))
    # Signed in: the header offers "Sign out".
    page.get_by_role("button", name="Sign out").wait_for()


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)
