"""A small local Stripe: the endpoints the supporters app uses, answered with Stripe-shaped JSON.

The real `stripe` library reaches it through STRIPE_API_BASE. It records every API request (so tests
can assert what was sent), serves a Checkout page with a "Pay" button that delivers signed webhook
events to the site and redirects to `success_url`, and can simulate an outage.
"""

import hashlib
import hmac
import html
import itertools
import json
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

import pytest
import requests

API_VERSION = "2026-10-28.endive"
WEBHOOK_SECRET = "whsec_test_supporters"
_counter = itertools.count(1)


def new_id(prefix):
    return f"{prefix}_test{next(_counter):06d}{int(time.time() * 1000) % 100000:05d}"


def sign(payload, secret=WEBHOOK_SECRET, timestamp=None):
    """The Stripe-Signature header for `payload`, computed as Stripe does: t=…,v1=HMAC-SHA256(t.payload)."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    if isinstance(payload, str):
        payload = payload.encode()
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + payload, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def make_event(event_type, obj, created=None):
    return {
        "id": new_id("evt"),
        "object": "event",
        "api_version": API_VERSION,
        "created": created or int(time.time()),
        "data": {"object": obj},
        "livemode": False,
        "pending_webhooks": 1,
        "request": {"id": None, "idempotency_key": None},
        "type": event_type,
    }


def decode_form(pairs):
    """Stripe's form encoding (`line_items[0][price_data][currency]=usd`) back into nested dicts and lists."""
    root = {}
    for key, value in pairs:
        parts = re.findall(r"[^\[\]]+", key)
        node = root
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value

    def listify(node):
        if isinstance(node, dict):
            node = {k: listify(v) for k, v in node.items()}
            if node and all(k.isdigit() for k in node):
                return [node[k] for k in sorted(node, key=int)]
        return node

    return listify(root)


@dataclass
class Recorded:
    method: str
    path: str
    params: dict
    headers: dict


@dataclass
class FakeStripe:
    webhook_secret: str = WEBHOOK_SECRET
    webhook_url: str = ""
    requests: list = field(default_factory=list)
    deliveries: list = field(default_factory=list)
    sessions: dict = field(default_factory=dict)
    invoices: dict = field(default_factory=dict)
    invoice_payments: list = field(default_factory=list)
    charges: dict = field(default_factory=dict)
    refunds: dict = field(default_factory=dict)
    customers: set = field(default_factory=set)
    idempotent: dict = field(default_factory=dict)
    outages: int = 0

    def start(self, port=0):
        fake = self

        class Handler(_Handler):
            stripe = fake

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def fail_next(self, count=1):
        """The next `count` API requests answer 500, as during a Stripe outage."""
        self.outages = count

    def calls(self, method, path):
        return [r for r in self.requests if r.method == method and r.path == path]

    # --- objects ---

    def create_session(self, params):
        line = params["line_items"][0]
        price = line["price_data"]
        session = {
            "id": new_id("cs"),
            "object": "checkout.session",
            "amount_total": int(price["unit_amount"]) * int(line.get("quantity", 1)),
            "client_reference_id": params.get("client_reference_id"),
            "created": int(time.time()),
            "currency": price["currency"],
            "customer": None,
            "customer_details": None,
            "customer_email": params.get("customer_email"),
            "invoice": None,
            "livemode": False,
            "metadata": params.get("metadata", {}),
            "mode": params["mode"],
            "payment_intent": None,
            "payment_status": "unpaid",
            "status": "open",
            "submit_type": params.get("submit_type"),
            "subscription": None,
            "success_url": params["success_url"],
            "cancel_url": params["cancel_url"],
            "url": None,
            "_params": params,
        }
        session["url"] = f"{self.url}/pay/{session['id']}"
        self.sessions[session["id"]] = session
        return session

    def complete(self, session_id, email="reader@example.org", paid=True):
        """Pay a session as Checkout would; returns the webhook events Stripe would send, in order."""
        session = self.sessions[session_id]
        customer = new_id("cus")
        self.customers.add(customer)
        intent = new_id("pi")
        now = int(time.time())
        session.update(
            status="complete",
            payment_status="paid" if paid else "unpaid",
            customer=customer,
            customer_details={"email": session["customer_email"] or email, "name": "A Reader"},
        )
        email = session["customer_details"]["email"]
        charge = {
            "id": new_id("ch"), "object": "charge", "amount": session["amount_total"], "amount_refunded": 0,
            "billing_details": {"email": email}, "created": now, "currency": session["currency"],
            "customer": customer, "payment_intent": intent, "refunded": False, "status": "succeeded",
        }
        self.charges[charge["id"]] = charge
        if session["mode"] == "payment":
            session["payment_intent"] = intent
            return [make_event("checkout.session.completed", public(session))]
        subscription = self.subscription_for(session, customer)
        invoice = self.invoice_for(subscription, intent, email, now)
        session.update(subscription=subscription["id"], invoice=invoice["id"])
        return [
            make_event("checkout.session.completed", public(session)),
            make_event("invoice.paid", invoice),
        ]

    def subscription_for(self, session, customer):
        price = session["_params"]["line_items"][0]["price_data"]
        period_end = int(time.time()) + 30 * 24 * 3600
        return {
            "id": new_id("sub"), "object": "subscription", "cancel_at_period_end": False, "customer": customer,
            "currency": price["currency"], "status": "active", "metadata": session["metadata"],
            "items": {"object": "list", "data": [{
                "id": new_id("si"), "object": "subscription_item", "current_period_end": period_end, "quantity": 1,
                "price": {"id": new_id("price"), "object": "price", "currency": price["currency"],
                          "unit_amount": int(price["unit_amount"]), "recurring": {"interval": "month"}},
            }]},
        }

    def invoice_for(self, subscription, intent, email, paid_at, amount=None):
        item = subscription["items"]["data"][0]
        invoice = {
            "id": new_id("in"), "object": "invoice", "amount_paid": amount or item["price"]["unit_amount"],
            "billing_reason": "subscription_create", "created": paid_at, "currency": item["price"]["currency"],
            "customer": subscription["customer"], "customer_email": email, "status": "paid",
            "parent": {"type": "subscription_details", "quote_details": None, "subscription_details": {
                "metadata": subscription["metadata"], "subscription": subscription["id"]}},
            "status_transitions": {"paid_at": paid_at, "finalized_at": paid_at},
        }
        self.invoices[invoice["id"]] = invoice
        self.invoice_payments.append({
            "id": new_id("inpay"), "object": "invoice_payment", "invoice": invoice["id"], "status": "paid",
            "amount_paid": invoice["amount_paid"], "currency": invoice["currency"], "is_default": True,
            "payment": {"type": "payment_intent", "payment_intent": intent},
        })
        return invoice

    def refund(self, charge_id):
        charge = self.charges[charge_id]
        charge.update(amount_refunded=charge["amount"], refunded=True)
        refund = {"id": new_id("re"), "object": "refund", "amount": charge["amount"], "charge": charge_id,
                  "created": int(time.time()), "currency": charge["currency"], "payment_intent": charge["payment_intent"],
                  "status": "succeeded"}
        self.refunds[refund["id"]] = refund
        return [make_event("charge.refunded", dict(charge))]

    def deliver(self, events):
        """POST each event to the site's webhook, signed with the webhook secret; returns the status codes."""
        statuses = []
        for event in events:
            payload = json.dumps(event)
            response = requests.post(
                self.webhook_url, data=payload, timeout=10,
                headers={"Content-Type": "application/json", "Stripe-Signature": sign(payload, self.webhook_secret)},
            )
            self.deliveries.append((event["type"], response.status_code))
            statuses.append(response.status_code)
        return statuses


def public(obj):
    return {k: v for k, v in obj.items() if not k.startswith("_")}


def listing(items, url):
    return {"object": "list", "data": [public(item) for item in items], "has_more": False, "url": url}


def created_since(items, params):
    since = int((params.get("created") or {}).get("gte", 0))
    return [item for item in items if item.get("created", 0) >= since]


class _Handler(BaseHTTPRequestHandler):
    stripe: FakeStripe

    def log_message(self, format, *args):
        pass

    def _params(self):
        query = parse_qsl(urlsplit(self.path).query, keep_blank_values=True)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode() if length else ""
        return decode_form(query + parse_qsl(body, keep_blank_values=True))

    def _send(self, status, body, content_type="application/json", headers=()):
        data = (json.dumps(body) if content_type == "application/json" else body).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def _missing(self, what, object_id):
        error = {"type": "invalid_request_error", "code": "resource_missing", "message": f"No such {what}: '{object_id}'"}
        self._send(404, {"error": error})

    def do_GET(self):
        self._route("GET")

    def do_POST(self):
        self._route("POST")

    def _route(self, method):
        path = urlsplit(self.path).path
        params = self._params()
        fake = self.stripe
        if path.startswith("/v1/"):
            fake.requests.append(Recorded(method, path, params, dict(self.headers)))
            if fake.outages:
                fake.outages -= 1
                return self._send(500, {"error": {"type": "api_error", "message": "Fake Stripe is down."}})
            return self._api(method, path, params)
        if match := re.fullmatch(r"/pay/(\w+)", path):
            return self._checkout_page(method, match[1])
        if match := re.fullmatch(r"/portal/(\w+)", path):
            return self._send(200, f"<!DOCTYPE html><title>Billing portal</title><h1>Billing portal for {match[1]}</h1>", "text/html")
        self._send(404, "not found", "text/plain")

    def _api(self, method, path, params):
        fake = self.stripe
        if method == "POST" and path == "/v1/checkout/sessions":
            key = self.headers.get("Idempotency-Key")
            if key and key in fake.idempotent:
                return self._send(200, public(fake.sessions[fake.idempotent[key]]))
            session = fake.create_session(params)
            if key:
                fake.idempotent[key] = session["id"]
            return self._send(200, public(session))
        if method == "GET" and path == "/v1/checkout/sessions":
            items = [s for s in fake.sessions.values() if s["status"] == params.get("status", s["status"])]
            return self._send(200, listing(created_since(items, params), path))
        if match := re.fullmatch(r"/v1/checkout/sessions/(\w+)", path):
            session = fake.sessions.get(match[1])
            return self._send(200, public(session)) if session else self._missing("checkout.session", match[1])
        if method == "POST" and path == "/v1/billing_portal/sessions":
            if params.get("customer") not in fake.customers:
                return self._missing("customer", params.get("customer"))
            portal = {"id": new_id("bps"), "object": "billing_portal.session", "customer": params["customer"],
                      "return_url": params.get("return_url"), "url": f"{fake.url}/portal/{params['customer']}"}
            return self._send(200, portal)
        if path == "/v1/invoice_payments":
            items = [p for p in fake.invoice_payments if p["invoice"] == params.get("invoice")]
            return self._send(200, listing(items, path))
        if path == "/v1/invoices":
            return self._send(200, listing(created_since(fake.invoices.values(), params), path))
        if path == "/v1/refunds":
            return self._send(200, listing(created_since(fake.refunds.values(), params), path))
        if match := re.fullmatch(r"/v1/charges/(\w+)", path):
            charge = fake.charges.get(match[1])
            return self._send(200, charge) if charge else self._missing("charge", match[1])
        self._send(404, {"error": {"type": "invalid_request_error", "message": f"Unrecognized request URL ({path})."}})

    def _checkout_page(self, method, session_id):
        fake = self.stripe
        session = fake.sessions.get(session_id)
        if session is None:
            return self._send(404, "No such Checkout Session", "text/plain")
        if method == "POST":
            fake.deliver(fake.complete(session_id))
            target = session["success_url"].replace("{CHECKOUT_SESSION_ID}", session_id)
            return self._send(303, "", "text/plain", headers=[("Location", target)])
        amount = session["amount_total"] / 100
        billing = "per month" if session["mode"] == "subscription" else "once"
        page = (
            "<!DOCTYPE html><html><head><title>Fake Stripe Checkout</title></head><body>"
            f"<h1>Pay {amount:.2f} {html.escape(session['currency'].upper())} {billing}</h1>"
            f"<form method='post' action='/pay/{session_id}'><button type='submit'>Pay</button></form>"
            f"<p><a href='{html.escape(session['cancel_url'])}'>Cancel</a></p></body></html>"
        )
        self._send(200, page, "text/html")


@pytest.fixture(name="fake_stripe")
def fake_stripe_fixture(settings):
    """A running fake Stripe, with the site's settings pointing at it."""
    fake = FakeStripe().start()
    settings.STRIPE_SECRET_KEY = "sk_test_supporters"
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.STRIPE_API_BASE = fake.url
    settings.STRIPE_MAX_NETWORK_RETRIES = 0
    yield fake
    fake.stop()


def main():
    """Run the fake Stripe on its own, for trying the whole flow on a local `manage.py runserver`."""
    import argparse

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--port", type=int, default=12111)
    parser.add_argument("--webhook", default="http://127.0.0.1:8000/support/stripe/webhook/")
    options = parser.parse_args()
    fake = FakeStripe(webhook_url=options.webhook).start(options.port)
    print("Fake Stripe is listening. Start the site with:", flush=True)
    print(f"  STRIPE_SECRET_KEY=sk_test_fake STRIPE_WEBHOOK_SECRET={WEBHOOK_SECRET} STRIPE_API_BASE={fake.url}", flush=True)
    try:
        fake.thread.join()
    except KeyboardInterrupt:
        fake.stop()


if __name__ == "__main__":
    main()
