"""A real SMTP server (aiosmtpd) that answers as a script says, chosen by the recipient address.

- `reject-…@…`: every DATA is refused with 550 (a permanent failure);
- `busy-…@…`: the first DATA for that address is refused with 421 (temporary), later ones pass;
- anything else is accepted.

The script lives in the address, so a Celery worker in another process drives it just by
sending, and each test picks its outcome without touching the server.
"""

import email
import email.policy
import socket
import threading
from collections import Counter
from dataclasses import dataclass, field

from aiosmtpd.controller import Controller

REJECTED = "550 5.1.1 Recipient address rejected: mailbox unavailable"
BUSY = "421 4.3.2 Service not available, try again later"


@dataclass
class ScriptedSmtpSink:
    messages: list = field(default_factory=list)
    attempts: Counter = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)
    port: int = 0

    async def handle_DATA(self, server, session, envelope):
        recipients = [address.lower() for address in envelope.rcpt_tos]
        with self.lock:
            for address in recipients:
                self.attempts[address] += 1
            if any(address.startswith("reject-") for address in recipients):
                return REJECTED
            if any(
                address.startswith("busy-") and self.attempts[address] == 1
                for address in recipients
            ):
                return BUSY
            message = email.message_from_bytes(envelope.content, policy=email.policy.default)
            self.messages.append((recipients, message))
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list:
        with self.lock:
            return [m for rcpts, m in self.messages if address.lower() in rcpts]

    def message_ids(self) -> Counter:
        with self.lock:
            return Counter(message["Message-ID"] for _, message in self.messages)

    def clear(self):
        with self.lock:
            self.messages.clear()
            self.attempts.clear()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_scripted_sink() -> tuple[ScriptedSmtpSink, Controller]:
    sink = ScriptedSmtpSink(port=free_port())
    controller = Controller(sink, hostname="127.0.0.1", port=sink.port)
    controller.start()
    return sink, controller
