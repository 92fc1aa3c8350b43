"""The design in a browser, at a phone's width (390 × 844) and a desktop's (1280 × 900): a compact
header, the first search result without scrolling, dark mode, visible focus, touch targets, the
appeal's buttons and the print stylesheet."""

import re

import pytest

from comments.tests.factories import PASSWORD, make_reader
from news.tests.factories import make_article, make_article_with_image, make_keyword, make_section

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
SECTION_NAMES = ["Rocket Science", "Space Careers", "Launch Industry", "Satellites", "Exploration", "Space Policy"]


@pytest.fixture
def sections():
    return [make_section(name, slug=name.lower().replace(" ", "-")) for name in SECTION_NAMES]


@pytest.fixture
def article(sections):
    keyword = make_keyword("REUSABLE ROCKETS", slug="reusable-rockets")
    story = make_article_with_image(
        "Booster lands on a barge after its twentieth flight",
        section=sections[0],
        keywords=[keyword],
        is_lead=True,
        teaser="The booster landed on the drone ship after a flight that set a new record for reuse.",
        body="".join(f"<p>Paragraph {n} about the booster, its engines and its landing legs. " * 3 + "</p>" for n in range(6)),
    )
    for n in range(8):
        make_article(f"Booster story number {n}", section=sections[n % len(sections)], keywords=[keyword])
    return story


def open_at(browser, live_server, viewport, url, color_scheme="light"):
    context = browser.new_context(base_url=live_server.url, viewport=viewport, color_scheme=color_scheme)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(url)
    return page


def box(page, selector):
    return page.locator(selector).first.bounding_box()


def rgb(page, selector, prop):
    value = page.locator(selector).first.evaluate(f"el => getComputedStyle(el).{prop}")
    return tuple(int(n) for n in re.findall(r"\d+", value)[:3])


def luminance(colour):
    def channel(c):
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b):
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("url", ["/", "article"])
def test_phone_header_is_at_most_120_px_and_its_sections_scroll_sideways(browser, live_server, article, url):
    page = open_at(browser, live_server, PHONE, article.get_absolute_url() if url == "article" else url)
    assert box(page, ".site-header")["height"] <= 120
    sections = page.locator(".section-nav ul")
    assert sections.evaluate("el => el.scrollWidth > el.clientWidth")  # more sections than fit: they scroll
    assert box(page, ".section-nav ul")["height"] <= 50  # one row
    assert page.locator(".section-nav a").first.evaluate("el => el.offsetHeight") >= 44
    page.context.close()


def test_phone_header_stays_compact_for_a_signed_in_editor(browser, live_server, article):
    make_reader("a-long-editor-name", is_staff=True)
    page = open_at(browser, live_server, PHONE, f"/accounts/login/?next={article.get_absolute_url()}")
    page.get_by_label("Username or e-mail").fill("a-long-editor-name")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in", exact=True).click()
    page.wait_for_url(f"**{article.get_absolute_url()}")
    assert page.get_by_role("link", name="Newsroom admin").is_visible()
    assert page.get_by_role("button", name="Log out").is_visible()
    assert box(page, ".site-header")["height"] <= 120
    page.context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_log_out_stays_readable_when_hovered(browser, live_server, article, scheme):
    make_reader("hovering-reader")
    page = open_at(browser, live_server, DESKTOP, "/accounts/login/?next=/", scheme)
    page.get_by_label("Username or e-mail").fill("hovering-reader")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in", exact=True).click()
    page.wait_for_url(f"{live_server.url}/")
    log_out = page.get_by_role("button", name="Log out")
    log_out.hover()
    header = rgb(page, ".site-header", "backgroundColor")
    assert contrast(rgb(page, ".account-nav .link-button", "color"), header) >= 4.5
    page.context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_first_search_result_shows_without_scrolling(browser, live_server, article, viewport):
    page = open_at(browser, live_server, viewport, "/news/search/?text=booster")
    first = page.locator(".search-hit").first
    assert "Booster" in first.locator("h2").inner_text()
    title = box(page, ".search-hit h2")
    assert title["y"] + title["height"] <= viewport["height"]
    assert page.get_by_role("search").count() == 1
    page.context.close()


def test_more_options_open_without_javascript(browser, live_server, article):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto("/news/search/?text=booster")
    assert not page.get_by_label("Section", exact=True).is_visible()
    page.get_by_text("More options: section, dates, order").click()
    page.get_by_label("Section", exact=True).select_option(label="Space Careers")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**section=space-careers**")
    assert page.get_by_label("Section", exact=True).is_visible()  # unfolded, as the search uses it
    assert all("Booster story" in text for text in page.locator(".search-hit h2").all_inner_texts())
    context.close()


@pytest.mark.parametrize("url", ["/", "article", "/news/search/?text=booster"])
def test_dark_mode_follows_the_system_and_stays_readable(browser, live_server, article, url):
    url = article.get_absolute_url() if url == "article" else url
    light = open_at(browser, live_server, DESKTOP, url, "light")
    dark = open_at(browser, live_server, DESKTOP, url, "dark")
    assert luminance(rgb(light, "body", "backgroundColor")) > 0.9
    assert luminance(rgb(dark, "body", "backgroundColor")) < 0.05
    for page in (light, dark):
        background = rgb(page, "body", "backgroundColor")
        assert contrast(rgb(page, "body", "color"), background) >= 7
        assert contrast(rgb(page, "main a", "color"), background) >= 4.5
        assert contrast(rgb(page, "h1", "color"), background) >= 4.5
    dark.emulate_media(color_scheme="light")  # switching back needs no reload
    assert luminance(rgb(dark, "body", "backgroundColor")) > 0.9
    light.context.close()
    dark.context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_keyboard_focus_is_visible_on_links_fields_and_buttons(browser, live_server, article, scheme):
    page = open_at(browser, live_server, DESKTOP, "/news/search/?text=booster", scheme)
    seen = set()
    for _ in range(24):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => { const el = document.activeElement, s = getComputedStyle(el);
                       return {tag: el.tagName, style: s.outlineStyle, width: parseFloat(s.outlineWidth),
                               colour: s.outlineColor, background: getComputedStyle(document.body).backgroundColor}; }"""
        )
        assert focused["style"] != "none" and focused["width"] >= 2, focused
        colour = tuple(int(n) for n in re.findall(r"\d+", focused["colour"])[:3])
        background = tuple(int(n) for n in re.findall(r"\d+", focused["background"])[:3])
        assert contrast(colour, background) >= 3, focused
        seen.add(focused["tag"])
    assert {"A", "INPUT"} <= seen
    page.locator(".search-form button[type=submit]").focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.context.close()


def test_phone_controls_are_44_px_tall(browser, live_server, article):
    page = open_at(browser, live_server, PHONE, "/news/search/?text=booster")
    for selector in (".account-nav a", ".section-nav a", ".search-form input", ".search-form button", ".search-more summary"):
        heights = page.locator(selector).evaluate_all("els => els.map(el => el.getBoundingClientRect().height)")
        assert heights and min(heights) >= 44, (selector, heights)
    page.context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_appeal_buttons_are_the_same_height(browser, live_server, article, viewport, payments_configured):
    page = open_at(browser, live_server, viewport, article.get_absolute_url())
    heights = page.locator(".support-choices .button").evaluate_all("els => els.map(el => el.getBoundingClientRect().height)")
    assert len(heights) == 2 and heights[0] == heights[1] and heights[0] >= 44
    page.context.close()


def test_article_reads_at_a_comfortable_measure(browser, live_server, article):
    page = open_at(browser, live_server, DESKTOP, article.get_absolute_url())
    paragraph = page.locator(".story-body p").first
    width, font_size = paragraph.evaluate("el => [el.getBoundingClientRect().width, parseFloat(getComputedStyle(el).fontSize)]")
    assert width / font_size <= 40  # about 75 characters a line
    page.context.close()


def test_article_prints_the_story_alone(browser, live_server, article, payments_configured):
    page = open_at(browser, live_server, DESKTOP, article.get_absolute_url())
    assert page.locator(".support-appeal").is_visible()
    page.emulate_media(media="print")
    for hidden in (".site-header", ".sidebar", ".site-footer", ".share", ".support-appeal", "#comments", ".breadcrumbs"):
        assert not page.locator(hidden).first.is_visible(), hidden
    for shown in ("h1", ".story-body", ".lead-image img", ".byline"):
        assert page.locator(shown).first.is_visible(), shown
    assert rgb(page, "body", "color") == (0, 0, 0)
    page.context.close()
