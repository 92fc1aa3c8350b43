import pytest
from hypothesis import given
from hypothesis import strategies as st

from supporters.money import exponent, format_amount, format_whole, to_decimal


@pytest.mark.parametrize(
    "minor, currency, shown",
    [
        (1000, "usd", "$10"),
        (1250, "usd", "$12.50"),
        (1000005, "usd", "$10,000.05"),
        (300, "EUR", "€3"),
        (500, "jpy", "500 JPY"),
        (1500, "kwd", "1.500 KWD"),
        (1000, "chf", "10 CHF"),
    ],
)
def test_amounts_read_the_same_everywhere(minor, currency, shown):
    assert format_amount(minor, currency) == shown


def test_whole_amounts_as_readers_choose_them_read_like_paid_ones():
    assert format_whole(5, "usd") == format_amount(500, "usd") == "$5"
    assert format_whole(500, "jpy") == "500 JPY"


@given(st.integers(min_value=0, max_value=10**12), st.sampled_from(["usd", "jpy", "kwd", "chf"]))
def test_exports_keep_every_minor_unit(minor, currency):
    assert to_decimal(minor, currency) * 10 ** exponent(currency) == minor
