"""An editor writes a structured article in admin's rich-text editor, pastes formatted text, and
publishes it; the public page shows the structure without the pasted styles."""

import pytest

from e2e.newsroom import csp_violations, log_in_to_admin, make_editor
from news.models import Article
from news.tests.factories import make_section

pytestmark = pytest.mark.django_db(transaction=True)

# As Google Docs and word processors put it on the clipboard: style elements and attributes,
# classes, <font>, <span>s whose styles make bold and italic, and one <b> around everything that
# is styled back to normal weight.
PASTED_HTML = """<meta charset="utf-8"><style>p.MsoNormal { color: red; }</style>
<b style="font-weight:normal;" id="docs-internal-guid-5b1c2d3e">
<p dir="ltr" class="MsoNormal" style="line-height:1.38;margin-top:0pt;color:#ff0000"><span
style="font-size:14pt;font-family:'Comic Sans MS';font-weight:400"><font color="red">Pasted from the mission
log, </font></span><span style="font-size:11pt;font-weight:700">the burn was nominal</span><span
style="font-style:italic;background-color:yellow"> and the orbit is stable.</span></p>
<h3 style="color:blue" class="MsoHeading3"><span style="font-size:14pt">Pasted subheading</span></h3>
<ol style="margin-left:40px"><li style="color:green"><span style="font-weight:400">Ignition</span></li><li>Liftoff</li></ol>
</b>"""

PASTE = """(html) => {
    const target = document.querySelector(".prose-editor .ProseMirror[contenteditable=true]");
    target.focus();
    const clipboard = new DataTransfer();
    clipboard.setData("text/html", html);
    clipboard.setData("text/plain", "Pasted from the mission log");
    target.dispatchEvent(new ClipboardEvent("paste", {clipboardData: clipboard, bubbles: true, cancelable: true}));
}"""


@pytest.fixture
def editor(newsroom_groups):
    return make_editor()


def test_editor_writes_pastes_and_publishes_a_structured_article(page, browser, live_server, editor):
    make_section("Launchers", slug="launchers")
    violations = csp_violations(page)
    log_in_to_admin(page, editor, "/admin/news/article/add/")

    page.locator("#id_title").press_sequentially("Crew cleared for dawn launch")
    page.select_option("#id_section", label="Launchers")
    page.fill("#id_teaser", "The crew is cleared for a launch at dawn.")

    body = page.get_by_role("textbox", name="Body", exact=True)
    menu = page.locator(".prose-editor .prose-menubar")
    body.click()
    menu.locator(".prose-menubar__selected").click()  # the block type drop-down
    menu.locator("[data-name=heading2]").click()
    page.keyboard.type("Launch window opens at dawn")
    page.keyboard.press("Enter")
    page.keyboard.type("The crew ran three checks:")
    page.keyboard.press("Enter")
    menu.locator("[data-name=bulletList]").click()
    page.keyboard.type("Fuel loaded")
    page.keyboard.press("Enter")
    page.keyboard.type("Weather clear")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # an empty item ends the list
    page.keyboard.type("Read the flight plan")
    for _ in "flight plan":
        page.keyboard.press("Shift+ArrowLeft")
    menu.locator("[data-name=link]").click()
    page.locator("dialog.prose-editor-dialog input[name=href]").fill("https://example.org/flight-plan")
    page.locator("dialog.prose-editor-dialog button[type=submit]").click()
    page.keyboard.press("End")
    page.keyboard.type(". ")
    page.keyboard.press("Control+b")
    page.keyboard.type("Go for launch.")
    page.keyboard.press("Control+b")
    page.keyboard.press("Enter")
    page.keyboard.type("> ")  # Markdown-style shortcuts work as well as the toolbar
    page.keyboard.type("The flight director said: ")
    page.keyboard.press("Control+i")
    page.keyboard.type("all stations go")
    page.keyboard.press("Control+i")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # an empty paragraph ends the quote
    page.evaluate(PASTE, PASTED_HTML)
    assert "Pasted subheading" in body.inner_text()

    page.select_option("#id_status", "published")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist")
    assert "was added successfully" in page.inner_text(".messagelist")
    assert violations == []

    article = Article.objects.get(slug="crew-cleared-for-dawn-launch")
    assert article.is_live
    assert article.body.startswith(
        "<h2>Launch window opens at dawn</h2><p>The crew ran three checks:</p>"
        "<ul><li><p>Fuel loaded</p></li><li><p>Weather clear</p></li></ul>"
    )
    for trace in ("style=", "class=", "<span", "<font", "MsoNormal", "color", "<h1", "target="):
        assert trace not in article.body

    reader = browser.new_context(base_url=live_server.url).new_page()
    assert reader.goto(article.get_absolute_url()).status == 200
    story = reader.locator(".story-body")
    assert story.locator("h2").inner_text() == "Launch window opens at dawn"
    assert story.locator("ul > li").all_inner_texts() == ["Fuel loaded", "Weather clear"]
    link = story.get_by_role("link", name="flight plan", exact=True)
    assert link.get_attribute("href") == "https://example.org/flight-plan"
    assert link.get_attribute("rel") == "noopener noreferrer"
    assert story.locator("strong").all_inner_texts() == ["Go for launch.", "the burn was nominal"]
    assert story.locator("blockquote").inner_text() == "The flight director said: all stations go"
    assert story.locator("blockquote em").inner_text() == "all stations go"
    assert story.locator("h3").inner_text() == "Pasted subheading"
    assert story.locator("ol > li").all_inner_texts() == ["Ignition", "Liftoff"]
    pasted = story.locator("p", has_text="Pasted from the mission log")
    assert pasted.inner_text() == "Pasted from the mission log, the burn was nominal and the orbit is stable."
    assert pasted.locator("em").inner_text() == " and the orbit is stable."
    assert story.locator("[style], [class], span, font").count() == 0
    reader.context.close()
