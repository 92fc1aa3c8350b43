import pytest
from django.contrib.auth.models import User

from digests.models import Delivery

from .factories import make_subscriber, yesterday

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(User.objects.create_superuser("boss", "boss@example.org", "pw"))
    return client


def test_editors_see_subscribers_and_each_days_deliveries(admin_client):
    sent = make_subscriber("ada@example.org")
    make_subscriber("bob@example.org", confirmed=False)
    Delivery.objects.create(subscriber=sent, digest_date=yesterday(), run="r1")
    subscribers = admin_client.get("/admin/digests/subscriber/").content.decode()
    assert "ada@example.org" in subscribers and "bob@example.org" in subscribers
    deliveries = admin_client.get("/admin/digests/delivery/")
    assert "ada@example.org" in deliveries.content.decode()
    assert 'href="/admin/digests/delivery/add/"' not in deliveries.content.decode()


def test_a_delivery_cannot_be_added_or_changed_in_admin(admin_client):
    delivery = Delivery.objects.create(subscriber=make_subscriber(), digest_date=yesterday(), run="r1")
    assert admin_client.get("/admin/digests/delivery/add/").status_code == 403
    response = admin_client.post(f"/admin/digests/delivery/{delivery.pk}/change/", {"run": "other"})
    assert response.status_code == 403
    delivery.refresh_from_db()
    assert delivery.run == "r1"
