"""Amounts: readers choose whole currency units; Stripe wants minor units by the currency's exponent."""

# https://docs.stripe.com/currencies#zero-decimal and #three-decimal
ZERO_DECIMAL = {"bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf"}
THREE_DECIMAL = {"bhd", "jod", "kwd", "omr", "tnd"}


def exponent(currency):
    currency = currency.lower()
    if currency in ZERO_DECIMAL:
        return 0
    if currency in THREE_DECIMAL:
        return 3
    return 2


def to_minor_units(whole_units, currency):
    return int(whole_units) * 10 ** exponent(currency)


def format_amount(minor_units, currency):
    """`12.50 USD`, `500 JPY`: plain and unambiguous in every currency."""
    places = exponent(currency)
    value = minor_units / 10**places if places else minor_units
    return f"{value:,.{places}f} {currency.upper()}"


SYMBOLS = {"usd": "$", "eur": "€", "gbp": "£", "cad": "CA$", "aud": "A$"}


def format_whole(units, currency):
    """`$5`, `€5`, `500 JPY`: short whole amounts for buttons and appeals."""
    symbol = SYMBOLS.get(currency.lower())
    return f"{symbol}{units:,}" if symbol else f"{units:,} {currency.upper()}"
