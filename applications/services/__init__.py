"""Every change to an application goes through a function here, one module per area of work:

- `applying`: the council's journey (start, save a page, upload, submit, withdraw)
- `reviews`: assigning reviewers, scoring, conflicts of interest (import the module itself)

Each function is atomic, locks what can race, records history and queues email on commit.
"""

from applications.services.applying import (
    ApplicationError,
    EditConflict,
    record_event,
    remove_evidence,
    save_section,
    start_application,
    submit_application,
    upload_evidence,
    withdraw_application,
)

__all__ = [
    "ApplicationError",
    "EditConflict",
    "record_event",
    "remove_evidence",
    "save_section",
    "start_application",
    "submit_application",
    "upload_evidence",
    "withdraw_application",
]
