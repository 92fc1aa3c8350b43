"""{% url %} remembers fixed addresses, and still follows what an address depends on."""

from django.template import Context, RequestContext, Template
from django.test import RequestFactory, override_settings
from django.urls import path, set_script_prefix

from portal import template_urls


def render(source, **context):
    return Template(source).render(Context(context))


def _view(request):
    raise AssertionError("never called")


urlpatterns = [path("elsewhere/news/", _view, name="index")]


def test_fixed_address_is_reversed_once_and_then_remembered():
    template_urls._remembered.clear()
    assert render("{% url 'news:index' %}") == "/news/"
    assert list(template_urls._remembered.values()) == ["/news/"]
    assert render("{% url 'news:index' %}") == "/news/"


def test_addresses_with_arguments_and_as_var_are_not_remembered():
    template_urls._remembered.clear()
    assert render("{% url 'news:section' slug %}", slug="launches") == "/news/section/launches/"
    assert render("{% url 'news:section' slug %}", slug="industry") == "/news/section/industry/"
    assert render("{% url 'news:index' as index %}[{{ index }}]") == "[/news/]"
    assert template_urls._remembered == {}


def test_script_prefix_gives_its_own_address():
    assert render("{% url 'news:index' %}") == "/news/"
    set_script_prefix("/portal/")
    try:
        assert render("{% url 'news:index' %}") == "/portal/news/"
    finally:
        set_script_prefix("/")
    assert render("{% url 'news:index' %}") == "/news/"


def test_another_urlconf_forgets_remembered_addresses():
    assert render("{% url 'home' %}") == "/"
    with override_settings(ROOT_URLCONF=__name__):
        assert render("{% url 'index' %}") == "/elsewhere/news/"
    assert render("{% url 'home' %}") == "/"


def test_current_application_is_part_of_the_address():
    template_urls._remembered.clear()
    request = RequestFactory().get("/")
    request.current_app = "admin"
    template = Template("{% url 'admin:index' %}")
    assert template.render(Context({})) == "/admin/"
    assert template.render(RequestContext(request)) == "/admin/"
    assert len(template_urls._remembered) == 2


def test_section_keyword_and_author_addresses_are_remembered_per_slug_and_prefix():
    from news.models import Author, Keyword, Section

    template_urls._remembered.clear()
    assert Section(slug="launches").get_absolute_url() == "/news/section/launches/"
    assert Keyword(slug="mars").get_absolute_url() == "/news/keyword/mars/"
    assert Author(slug="ada").get_absolute_url() == "/news/author/ada/"
    assert sorted(template_urls._remembered.values()) == ["/news/author/ada/", "/news/keyword/mars/", "/news/section/launches/"]
    assert Section(slug="industry").get_absolute_url() == "/news/section/industry/"
    set_script_prefix("/portal/")
    try:
        assert Section(slug="launches").get_absolute_url() == "/portal/news/section/launches/"
    finally:
        set_script_prefix("/")
    assert Section(slug="launches").get_absolute_url() == "/news/section/launches/"
    assert len(template_urls._remembered) == 5
