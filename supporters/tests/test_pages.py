"""Thanks page, manage page, the appeal and the badge."""

import time
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.utils import timezone

from supporters.models import Contribution, Subscription
from supporters.notices import manage_link

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader():
    return get_user_model().objects.create_user("ada", "ada@example.org", "pw")


def _checkout(client, frequency="once", amount="10"):
    response = client.post("/support/checkout/", {"frequency": frequency, "amount": amount})
    return response["Location"].rsplit("/", 1)[1]


def test_thanks_page_asks_stripe_and_shows_what_was_paid(client, fake_stripe):
    session_id = _checkout(client, amount="25")
    fake_stripe.complete(session_id)
    response = client.get(f"/support/thanks/?session_id={session_id}")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Thank you for supporting Orbital Wire" in html
    assert "contribution of <strong>$25</strong>" in html
    assert fake_stripe.calls("GET", f"/v1/checkout/sessions/{session_id}")
    assert "no-cache" in response["Cache-Control"]


def test_thanks_page_says_when_a_payment_is_still_processing(client, fake_stripe):
    session_id = _checkout(client, frequency="monthly", amount="5")
    fake_stripe.complete(session_id, paid=False)
    html = client.get(f"/support/thanks/?session_id={session_id}").content.decode()
    assert "your payment is processing" in html
    assert "monthly contribution of <strong>$5</strong> is still being processed" in html


def test_thanks_page_for_an_unfinished_session_does_not_thank(client, fake_stripe):
    session_id = _checkout(client)
    html = client.get(f"/support/thanks/?session_id={session_id}").content.decode()
    assert "Your payment is not finished" in html


@pytest.mark.parametrize("query", ["", "?session_id=", "?session_id=cs_test_unknown", "?session_id=<script>"])
def test_thanks_page_for_an_unknown_session_is_a_friendly_404(client, fake_stripe, query):
    response = client.get(f"/support/thanks/{query}")
    assert response.status_code == 404
    assert "We could not find that payment" in response.content.decode()


def test_thanks_page_for_someone_elses_session_is_a_404(client, fake_stripe):
    session_id = _checkout(Client())
    fake_stripe.complete(session_id)
    response = client.get(f"/support/thanks/?session_id={session_id}")
    assert response.status_code == 404
    assert not fake_stripe.calls("GET", f"/v1/checkout/sessions/{session_id}")


def test_thanks_page_when_stripe_lost_the_session_is_a_404(client, fake_stripe):
    session_id = _checkout(client)
    del fake_stripe.sessions[session_id]
    assert client.get(f"/support/thanks/?session_id={session_id}").status_code == 404


def test_thanks_page_during_a_stripe_outage_says_so(client, fake_stripe):
    session_id = _checkout(client)
    fake_stripe.fail_next(1)
    response = client.get(f"/support/thanks/?session_id={session_id}")
    assert response.status_code == 503
    assert "please reload this page in a minute" in response.content.decode()


def test_manage_sends_a_subscriber_to_the_billing_portal(client, fake_stripe, reader):
    fake_stripe.customers.add("cus_test_ada")
    Subscription.objects.create(stripe_subscription_id="sub_1", stripe_customer_id="cus_test_ada", supporter=reader, status="active")
    client.force_login(reader)
    response = client.get("/support/manage/")
    assert response.status_code == 303
    assert response["Location"] == f"{fake_stripe.url}/portal/cus_test_ada"
    call = fake_stripe.calls("POST", "/v1/billing_portal/sessions")[0]
    assert call.params == {"customer": "cus_test_ada", "return_url": "http://testserver/support/"}


def test_manage_with_nothing_to_manage_says_so(client, fake_stripe, reader):
    client.force_login(reader)
    response = client.get("/support/manage/")
    assert response.status_code == 200
    assert "There is no monthly contribution to manage on this account." in response.content.decode()


def test_manage_asks_anonymous_readers_to_log_in(client, fake_stripe):
    response = client.get("/support/manage/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/support/manage/")


def test_the_e_mailed_manage_link_works_without_an_account_and_cannot_be_forged(client, fake_stripe):
    fake_stripe.customers.add("cus_test_anon")
    link = manage_link("cus_test_anon").replace("http://127.0.0.1:8000", "")
    assert client.get(link)["Location"] == f"{fake_stripe.url}/portal/cus_test_anon"
    response = client.get(link[:-3] + "xyz")
    assert response.status_code == 404
    assert "This link has expired or is not valid." in response.content.decode()


def test_manage_during_a_stripe_outage_says_try_again(client, fake_stripe, reader):
    Subscription.objects.create(stripe_subscription_id="sub_1", stripe_customer_id="cus_gone", supporter=reader)
    client.force_login(reader)
    response = client.get("/support/manage/")
    assert response.status_code == 503
    assert "We cannot reach our payment provider right now." in response.content.decode()


def _appeal(user=None, session=None):
    request = RequestFactory().get("/")
    request.session = session if session is not None else {}
    template = Template("{% load supporters_tags %}{% support_appeal %}")
    return template.render(Context({"request": request, "user": user}))


def test_the_appeal_offers_monthly_and_one_off_support(settings, payments_configured):
    html = _appeal()
    assert "Thanks for being there;" in html
    assert "Monthly Supporter — $5+, billed monthly" in html
    assert "Contributor — $5, billed once" in html
    assert 'href="/support/?frequency=monthly"' in html and 'href="/support/?frequency=once"' in html
    settings.SUPPORT_MIN_AMOUNT = 3
    settings.SUPPORT_CURRENCY = "eur"
    assert "Contributor — €3, billed once" in _appeal()
    settings.SUPPORT_CURRENCY = "jpy"
    settings.SUPPORT_MIN_AMOUNT = 500
    assert "Contributor — 500 JPY, billed once" in _appeal()


def test_active_supporters_see_a_thank_you_instead_of_the_appeal(reader):
    Subscription.objects.create(stripe_subscription_id="sub_1", supporter=reader, status="active")
    html = _appeal(reader)
    assert "Thank you for supporting Orbital Wire" in html
    assert "Thanks for being there;" not in html


@pytest.mark.parametrize(
    "make, is_supporter",
    [
        (lambda user: Subscription.objects.create(stripe_subscription_id="s", supporter=user, status="active"), True),
        (lambda user: Subscription.objects.create(stripe_subscription_id="s", supporter=user, status="past_due"), True),
        (lambda user: Subscription.objects.create(stripe_subscription_id="s", supporter=user, status="canceled"), False),
        (lambda user: Contribution.objects.create(
            stripe_payment_intent_id="pi", supporter=user, status="paid", paid_at=timezone.now() - timedelta(days=364)), True),
        (lambda user: Contribution.objects.create(
            stripe_payment_intent_id="pi", supporter=user, status="paid", paid_at=timezone.now() - timedelta(days=366)), False),
        (lambda user: Contribution.objects.create(
            stripe_payment_intent_id="pi", supporter=user, status="refunded", paid_at=timezone.now()), False),
        (lambda user: None, False),
    ],
)
def test_the_supporter_badge_shows_for_active_supporters_only(reader, make, is_supporter):
    make(reader)
    html = Template("{% load supporters_tags %}{% supporter_badge user %}").render(Context({"user": reader}))
    assert ('<span class="supporter-badge"' in html) is is_supporter
    assert ("Supporter</span>" in html) is is_supporter
    assert ("Supports Orbital Wire with a contribution" in html) is is_supporter


def test_badges_for_a_page_of_commenters_cost_at_most_one_query(local_cache, django_assert_max_num_queries):
    User = get_user_model()
    users = User.objects.bulk_create([User(username=f"user{n}", email=f"u{n}@example.org") for n in range(30)])
    users = list(User.objects.order_by("pk"))
    for user in users[::2]:
        Subscription.objects.create(stripe_subscription_id=f"sub_{user.pk}", supporter=user, status="active")
    template = Template("{% load supporters_tags %}{% for u in users %}{% supporter_badge u %}{% endfor %}")
    with django_assert_max_num_queries(1):
        html = template.render(Context({"users": users}))
    assert html.count("Supporter</span>") == 15


def test_a_new_payment_shows_the_badge_at_once(reader, fake_stripe, send_event, django_capture_on_commit_callbacks):
    from supporters.tests.conftest import load_event

    assert "Supporter</span>" not in Template("{% load supporters_tags %}{% supporter_badge u %}").render(Context({"u": reader}))
    event = load_event("checkout_session_completed_once", client_reference_id=str(reader.pk), created=int(time.time()))
    with django_capture_on_commit_callbacks(execute=True):
        send_event(event)
    assert "Supporter</span>" in Template("{% load supporters_tags %}{% supporter_badge u %}").render(Context({"u": reader}))


def test_the_article_page_shows_the_appeal(client, payments_configured):
    from news.tests.factories import make_article

    article = make_article("Booster lands")
    response = client.get(article.get_absolute_url())
    assert "Monthly Supporter — $5+, billed monthly" in response.content.decode()


def test_manage_py_check_warns_without_a_secret_key(settings, capsys):
    settings.STRIPE_SECRET_KEY = ""
    call_command("check")
    assert "supporters.W001" in capsys.readouterr().err
    settings.STRIPE_SECRET_KEY = "sk_test_x"
    settings.STRIPE_WEBHOOK_SECRET = ""
    call_command("check")
    assert "supporters.W002" in capsys.readouterr().err


def test_an_anonymous_monthly_supporter_gets_a_signed_manage_link(client, fake_stripe):
    session_id = _checkout(client, frequency="monthly")
    fake_stripe.complete(session_id)
    html = client.get(f"/support/thanks/?session_id={session_id}").content.decode()
    assert 'href="http://127.0.0.1:8000/support/manage/?token=' in html


def test_the_article_page_for_a_logged_in_supporter_stays_within_its_query_budget(
    client, reader, local_cache, django_assert_max_num_queries
):
    from news.tests.factories import make_article

    article = make_article("Booster lands")
    Subscription.objects.create(stripe_subscription_id="sub_1", supporter=reader, status="active")
    client.force_login(reader)
    client.get(article.get_absolute_url())  # warms the supporter cache
    with django_assert_max_num_queries(12) as captured:
        html = client.get(article.get_absolute_url()).content.decode()
    assert "Thank you for supporting Orbital Wire" in html
    assert not [q for q in captured.captured_queries if "supporters_" in q["sql"]]


def test_a_supporter_and_a_reader_each_see_their_own_appeal_on_the_same_page(client, reader, payments_configured):
    from django.contrib.auth.models import User

    from news.tests.factories import make_article

    article = make_article("Booster lands")
    Subscription.objects.create(stripe_subscription_id="sub_1", supporter=reader, status="active")
    not_yet = User.objects.create_user("not-yet")
    for user, shows, hides in [
        (not_yet, "Thanks for being there;", "Thank you for supporting"),
        (reader, "Thank you for supporting Orbital Wire", "Thanks for being there;"),
        (not_yet, "Thanks for being there;", "Thank you for supporting"),
    ]:
        client.force_login(user)
        html = client.get(article.get_absolute_url()).content.decode()
        assert shows in html and hides not in html


def test_the_thanks_page_offers_the_daily_digest_at_the_supporters_address(client, fake_stripe):
    session_id = _checkout(client)
    fake_stripe.complete(session_id, email="ada@example.org")
    html = client.get(f"/support/thanks/?session_id={session_id}").content.decode()
    offer = html[html.index('<section class="digest-offer"') :]
    assert '<form method="post" action="/digest/">' in offer
    assert 'name="csrfmiddlewaretoken"' in offer
    assert 'name="email" value="ada@example.org"' in offer


def test_an_unfinished_payment_is_offered_no_digest(client, fake_stripe):
    session_id = _checkout(client)
    assert "digest-offer" not in client.get(f"/support/thanks/?session_id={session_id}").content.decode()


def test_without_a_stripe_account_articles_show_no_appeal(client, settings, reader):
    from news.tests.factories import make_article

    settings.STRIPE_SECRET_KEY = ""
    html = client.get(make_article("Booster lands").get_absolute_url()).content.decode()
    assert "Booster lands</h1>" in html
    assert "support-appeal" not in html and "/support/?frequency=" not in html
    Subscription.objects.create(stripe_subscription_id="sub_1", supporter=reader, status="active")
    assert "Thank you for supporting Orbital Wire" in _appeal(reader)
