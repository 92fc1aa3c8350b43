"""Where the apps meet in templates: comments show the supporters app's badge."""

import pytest

from comments.tests.factories import make_comment, make_reader
from news.tests.factories import make_article
from supporters.models import Subscription

pytestmark = pytest.mark.django_db


def test_a_supporters_comment_carries_the_badge_and_others_do_not(client):
    article = make_article()
    supporter, reader = make_reader("stella"), make_reader("rory")
    Subscription.objects.create(stripe_subscription_id="sub_1", supporter=supporter, status="active")
    make_comment(article, supporter, body="Glad to help keep this free.")
    make_comment(article, reader, body="Great launch coverage.")
    html = client.get(article.get_absolute_url()).content.decode()
    stella = html.split('<span class="comment-author">stella</span>')[1].split("</p>")[0]
    rory = html.split('<span class="comment-author">rory</span>')[1].split("</p>")[0]
    assert '<span class="supporter-badge"' in stella
    assert "supporter-badge" not in rory
