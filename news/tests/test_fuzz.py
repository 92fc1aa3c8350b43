"""Property-based tests: whatever a reader types into the search form or the archive's
addresses, the answer is a page or a 4xx, never a server error."""

from datetime import date
from urllib.parse import quote, urlencode

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .factories import make_article, make_keyword, make_section

pytestmark = pytest.mark.django_db

# Few examples and no example database: the suite stays fast and writes nothing to the checkout.
FUZZ = settings(
    max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

# Any character an address can carry (surrogates cannot be encoded, so the client would refuse them).
anything = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
words = st.lists(
    st.sampled_from(["rocket", "the", "of", "-launch", '"outer planets"', "-", '"', "NEAR(", "*", "café", "x" * 30]),
    max_size=14,
).map(" ".join)
text = st.one_of(anything, words)
numbers = st.integers(-10, 10**12).map(str)
dates = st.dates().map(date.isoformat)

SEARCH_FIELDS = {
    "q": text,
    "title": text,
    "text": text,
    "keyword": st.one_of(anything, st.just("tesla motors")),
    "section": st.one_of(anything, st.just("space")),
    "from": st.one_of(anything, dates),
    "to": st.one_of(anything, dates),
    "sort": st.one_of(anything, st.sampled_from(["relevance", "newest"])),
    "page": st.one_of(anything, numbers, st.just("last")),
}


@pytest.fixture
def reader():
    space = make_section("Space", slug="space")
    tesla = make_keyword("TESLA MOTORS", slug="tesla-motors")
    make_article("Rocket launch delayed by wind", section=space, keywords=[tesla])
    make_article("Probes for the outer planets", section=space, body="<p>Café on the launch pad.</p>")
    return Client(raise_request_exception=False)


@FUZZ
@given(params=st.fixed_dictionaries({}, optional=SEARCH_FIELDS))
def test_no_search_input_is_a_server_error(reader, params):
    response = reader.get("/news/search/?" + urlencode(params))
    assert response.status_code < 500, params


segment = st.one_of(st.integers(0, 10**22).map(str), numbers, anything.filter(bool))


@FUZZ
@given(parts=st.lists(segment, min_size=1, max_size=3), page=st.one_of(st.none(), anything, numbers, st.just("last")))
def test_no_archive_address_is_a_server_error(reader, parts, page):
    path = "/news/" + "".join(quote(part, safe="") + "/" for part in parts)
    if page is not None:
        path += "?" + urlencode({"page": page})
    response = reader.get(path)
    assert response.status_code < 500, path


@FUZZ
@given(
    # The first and last days Python can count are drawn often: random dates rarely land on them.
    day=st.one_of(st.dates(), st.sampled_from([date.min, date.max])),
    page=st.one_of(st.none(), st.integers(0, 3).map(str)),
)
def test_no_dated_archive_page_is_a_server_error(reader, day, page):
    query = f"?page={page}" if page else ""
    year, month, day = day.year, f"{day.month:02d}", f"{day.day:02d}"
    for path in (f"/news/{year}/{query}", f"/news/{year}/{month}/{query}", f"/news/{year}/{month}/{day}/{query}"):
        assert reader.get(path).status_code < 500, path
