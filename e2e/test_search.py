import pytest

from news.tests.factories import make_article, make_keyword, make_section

pytestmark = pytest.mark.django_db(transaction=True)


def test_reader_searches_from_the_sidebar_of_an_article(page):
    section = make_section("Rocket Science", slug="rocket-science")
    keyword = make_keyword("REUSABLE ROCKETS", slug="reusable-rockets")
    article = make_article("Booster lands on a barge", section=section, keywords=[keyword])
    make_article(
        "Second booster story",
        section=section,
        keywords=[keyword],
        body="<p>The booster <script>alert(1)</script> flew again after refurbishment.</p>",
    )
    make_article("Unrelated weather note", section=section, keywords=[keyword])

    page.goto(article.get_absolute_url())
    sidebar = page.get_by_role("complementary")
    sidebar.get_by_label("Article text").fill("refurbishments")
    sidebar.get_by_label("Keyword").fill("reusable rockets")
    sidebar.get_by_role("button", name="Search").click()

    page.wait_for_url("**/news/search/?*")
    assert page.locator(".search-count").inner_text() == "1 result, best matches first."
    hits = page.locator(".search-hit h2")
    assert hits.all_inner_texts() == ["Second booster story"]
    assert page.locator(".snippet mark").all_inner_texts() == ["refurbishment"]
    assert page.get_by_label("Article text").first.input_value() == "refurbishments"


def test_search_page_reports_bad_input_next_to_the_field(page):
    page.goto("/news/search/?q=*&from=2021-02-30")
    assert page.get_by_role("heading", level=1).inner_text() == "Search the news archive"
    errors = page.locator(".search-form .errorlist li").all_inner_texts()
    assert errors == [
        "Type at least one word to look for (a -word only leaves words out).",
        "Enter a date as YYYY-MM-DD.",
    ]
