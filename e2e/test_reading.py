import pytest

from news.tests.factories import make_article, make_keyword, make_section

pytestmark = pytest.mark.django_db(transaction=True)


def test_reader_opens_an_article_and_follows_a_keyword(page):
    section = make_section("Rocket Science", slug="rocket-science")
    keyword = make_keyword("REUSABLE ROCKETS", slug="reusable-rockets")
    make_article("Booster lands on a barge", section=section, keywords=[keyword], dateline_place="Cape Canaveral FL")
    make_article("Second booster story", section=section, keywords=[keyword])

    page.goto("/")
    page.get_by_role("link", name="Booster lands on a barge", exact=True).first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Booster lands on a barge"
    assert "Written by" in page.locator(".byline").inner_text()

    page.get_by_role("link", name="REUSABLE ROCKETS").click()
    page.wait_for_url("**/news/keyword/reusable-rockets/")
    assert page.get_by_role("heading", level=1).inner_text() == "REUSABLE ROCKETS"
    assert page.get_by_role("link", name="Second booster story", exact=True).is_visible()
