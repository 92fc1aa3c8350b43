"""Webhook and checkout throughput of the supporters app, on a fresh SQLite database (or DATABASE_URL).

    DEBUG=1 .venv/bin/python benchmarks/webhook_bench.py [--supporters 300]

Starts the fake Stripe, opens Checkout Sessions through the real `stripe` library, then posts the
signed webhook events (one-off and monthly: checkout.session.completed + invoice.paid) through the
full Django stack, replays them all, and prints requests per second for each phase.
"""

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--supporters", type=int, default=300)
    options = parser.parse_args()
    tmp = tempfile.TemporaryDirectory()
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp.name}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    from supporters.models import Contribution, StripeEvent, Subscription
    from supporters.tests.fake_stripe import WEBHOOK_SECRET, FakeStripe, sign

    call_command("migrate", verbosity=0)
    for model in (Contribution, Subscription, StripeEvent):
        model.objects.all().delete()
    fake = FakeStripe().start()
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.STRIPE_SECRET_KEY, settings.STRIPE_WEBHOOK_SECRET = "sk_test_bench", WEBHOOK_SECRET
    settings.STRIPE_API_BASE, settings.STRIPE_MAX_NETWORK_RETRIES = fake.url, 0
    settings.SUPPORT_CHECKOUT_LIMIT_PER_IP = settings.SUPPORT_CHECKOUT_LIMIT_PER_SESSION = 10**9

    started = time.perf_counter()
    session_ids = []
    for n in range(options.supporters):
        client = Client(REMOTE_ADDR=f"10.0.{n // 250}.{n % 250}")
        data = {"frequency": "monthly" if n % 2 else "once", "amount": str(5 + n % 20)}
        response = client.post("/support/checkout/", data)
        assert response.status_code == 303, response.status_code
        session_ids.append(response["Location"].rsplit("/", 1)[1])
    checkout_seconds = time.perf_counter() - started

    events = [event for session_id in session_ids for event in fake.complete(session_id)]
    webhook = Client()

    def post_all():
        began = time.perf_counter()
        for event in events:
            payload = json.dumps(event)
            response = webhook.post(
                "/support/stripe/webhook/", payload, content_type="application/json",
                HTTP_STRIPE_SIGNATURE=sign(payload, WEBHOOK_SECRET),
            )
            assert response.status_code == 200, response.content
        return time.perf_counter() - began

    first = post_all()
    replay = post_all()
    fake.stop()
    vendor = django.db.connection.vendor
    print(f"{vendor}: {options.supporters} checkouts (POST /support/checkout/ -> real stripe lib -> fake Stripe): "
          f"{options.supporters / checkout_seconds:.0f}/s, {1000 * checkout_seconds / options.supporters:.1f} ms each")
    print(f"{vendor}: {len(events)} new webhook events: {len(events) / first:.0f}/s; replayed: {len(events) / replay:.0f}/s")
    print(f"{vendor}: recorded {Contribution.objects.count()} contributions, {Subscription.objects.count()} subscriptions, "
          f"{StripeEvent.objects.count()} events")


if __name__ == "__main__":
    main()
