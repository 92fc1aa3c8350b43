"""Amounts: readers choose whole currency units; Stripe wants minor units by the currency's exponent.

Every amount a reader or an editor reads is written by `format_amount`, so the appeal, the form,
the thank-you page, e-mails and the admin all spell it the same way: "$10", "$12.50", "€3",
"500 JPY".
"""

from decimal import Decimal

# https://docs.stripe.com/currencies#zero-decimal and #three-decimal
ZERO_DECIMAL = {"bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf"}
THREE_DECIMAL = {"bhd", "jod", "kwd", "omr", "tnd"}
SYMBOLS = {"usd": "$", "eur": "€", "gbp": "£", "cad": "CA$", "aud": "A$"}


def exponent(currency):
    currency = currency.lower()
    if currency in ZERO_DECIMAL:
        return 0
    if currency in THREE_DECIMAL:
        return 3
    return 2


def to_minor_units(whole_units, currency):
    return int(whole_units) * 10 ** exponent(currency)


def to_decimal(minor_units, currency):
    """`Decimal("12.50")` for 1250 cents: the amount in the currency's own units, for exports."""
    return Decimal(minor_units).scaleb(-exponent(currency))


def format_amount(minor_units, currency):
    """`$10`, `$12.50`, `€3`, `500 JPY`: a symbol where readers know one, cents only when there are any."""
    places = exponent(currency)
    if minor_units % 10**places == 0:
        number = f"{minor_units // 10**places:,}"
    else:
        number = f"{to_decimal(minor_units, currency):,.{places}f}"
    symbol = SYMBOLS.get(currency.lower())
    return f"{symbol}{number}" if symbol else f"{number} {currency.upper()}"


def format_whole(units, currency):
    """The same spelling for an amount in whole units, as readers choose them."""
    return format_amount(to_minor_units(units, currency), currency)
