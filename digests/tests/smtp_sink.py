"""A local SMTP server (aiosmtpd) that keeps what it receives, for the digest tests and benchmark."""

import asyncio
import logging
import socket
import threading
from email import message_from_bytes, policy

from aiosmtpd.controller import Controller

# aiosmtpd logs every SMTP command at INFO.
logging.getLogger("mail.log").setLevel(logging.WARNING)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SinkHandler:
    """Accepts every message, except: addresses in `refused` (550 at RCPT), messages to
    addresses in `rejected` (554 at DATA, as for a content policy), every message once
    `fail_after` were accepted (421 at DATA), and, while `hold` is set, every message after
    `hold_after` waits unanswered (a server that stops answering, for a run to be killed in)."""

    def __init__(self, keep_messages=True):
        self.keep_messages = keep_messages
        self.received = []  # (recipients, message) in arrival order
        self.count = 0
        self.refused = set()
        self.rejected = set()
        self.fail_after = None
        self.hold_after = None
        self.released = threading.Event()
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refused:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.rejected.intersection(envelope.rcpt_tos):
            return "554 5.6.0 Message rejected by policy"
        if self.fail_after is not None and self.count >= self.fail_after:
            return "421 4.3.2 Service shutting down"
        if self.hold_after is not None and self.count >= self.hold_after:
            while not self.released.is_set():
                await asyncio.sleep(0.05)
            return "421 4.3.2 Service shutting down"
        with self.lock:
            self.count += 1
            if self.keep_messages:
                self.received.append((list(envelope.rcpt_tos), message_from_bytes(envelope.content, policy=policy.default)))
        return "250 2.0.0 Accepted"

    def recipients(self):
        return [address for recipients, _ in self.received for address in recipients]


class SmtpSink:
    def __init__(self, keep_messages=True):
        self.handler = SinkHandler(keep_messages)
        self.port = free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    def start(self):
        self.controller.start()
        return self

    def stop(self):
        self.handler.released.set()
        self.controller.stop()
