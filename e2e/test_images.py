import pytest

from e2e.newsroom import log_in_to_admin, make_editor
from news.models import Article
from news.tests.factories import make_image_bytes, make_section

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def editor(settings, newsroom_groups):
    """An editor of the Editors group, on a site that serves its uploads."""
    settings.ROOT_URLCONF = "e2e.media_urls"
    return make_editor("photo-editor")


def test_editor_uploads_a_photo_and_readers_get_a_responsive_image(page, browser, live_server, editor, tmp_path):
    make_section("Launch Industry", slug="launch-industry")
    photo = tmp_path / "pad-39a.jpg"
    photo.write_bytes(make_image_bytes(2000, 1125))

    log_in_to_admin(page, editor, "/admin/news/article/add/")
    page.locator("#id_title").press_sequentially("Rocket rolls out to the pad")
    page.select_option("#id_section", label="Launch Industry")
    page.fill("#id_teaser", "The rocket reached the pad overnight.")
    page.get_by_role("textbox", name="Body", exact=True).fill("Crews moved the rocket to the pad before dawn.")

    page.set_input_files("#id_image", str(photo))
    page.select_option("#id_status", "published")
    page.click("input[name=_continue]")
    assert "Add alt text" in page.inner_text(".field-image_alt .errorlist")  # the image alone is refused

    page.set_input_files("#id_image", str(photo))  # a browser never keeps a chosen file after a round trip
    page.fill("#id_image_alt", "The rocket upright on the launch pad at dawn")
    page.fill("#id_image_caption", "The rocket on the pad.")
    page.fill("#id_image_credit", "Photo: Launch Industry Weekly")
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist")
    assert "was added successfully" in page.inner_text(".messagelist")
    assert "1280 × 720" in page.inner_text(".field-image_sizes")

    article = Article.objects.get(slug="rocket-rolls-out-to-the-pad")
    assert article.is_live
    reader = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900}).new_page()
    blocked = []
    reader.on("console", lambda message: blocked.append(message.text) if "Content Security Policy" in message.text else None)
    reader.goto(article.get_absolute_url())
    image = reader.locator(".lead-image picture img")
    image.wait_for()
    reader.wait_for_function("document.querySelector('.lead-image picture img').complete")
    loaded = image.evaluate("img => ({width: img.naturalWidth, src: img.currentSrc})")
    assert loaded["width"] > 0 and loaded["src"].endswith("w.webp"), loaded  # Chromium picks the WebP source
    assert image.get_attribute("alt") == "The rocket upright on the launch pad at dawn"
    assert (image.get_attribute("width"), image.get_attribute("height")) == ("1280", "720")
    assert "Photo: Launch Industry Weekly" in reader.inner_text(".lead-image figcaption")
    assert not blocked

    reader.goto(article.section.get_absolute_url())
    thumbnail = reader.locator(".summary-thumbnail img")
    assert thumbnail.get_attribute("loading") == "lazy"
    reader.context.close()
