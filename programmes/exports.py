"""Exports for spreadsheets. Every cell goes through `spreadsheet_safe`, so text a person typed
can never run as a formula when the file is opened in Excel or LibreOffice."""

import csv
import io

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def community_signups_csv(signups) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        ["Name", "Email", "Organisation", "Job title", "Consent to contact", "Signed up"]
    )
    for signup in signups:
        writer.writerow(
            [
                spreadsheet_safe(signup.name),
                spreadsheet_safe(signup.email),
                spreadsheet_safe(signup.organisation_name),
                spreadsheet_safe(signup.job_title),
                "Yes" if signup.consent_to_contact else "No",
                signup.created_at.isoformat(timespec="minutes"),
            ]
        )
    return buffer.getvalue()
