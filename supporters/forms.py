import re
import unicodedata
import uuid

from django import forms
from django.conf import settings

from .money import SYMBOLS, format_whole, to_minor_units

FREQUENCIES = [("monthly", "Monthly"), ("once", "Once")]
OTHER = "other"
NOT_WHOLE = "Enter the amount as a whole number, for example 10."
# A number with whatever stands before and after it: a currency sign or code, or anything else.
_MARKED_AMOUNT = re.compile(r"(?P<before>[^\d-]*?)\s*(?P<number>-?\s*\d[\d.,]*)\s*(?P<after>\D*)")


def _is_currency(mark):
    """A currency sign (€, ¥, CA$) or a code (EUR): letters or a sign, not stray punctuation."""
    return any(char.isalpha() or unicodedata.category(char) == "Sc" for char in mark)


class SupportForm(forms.Form):
    """Frequency and a whole amount: a preset button, or "other" with `other_amount`."""

    frequency = forms.ChoiceField(
        choices=FREQUENCIES,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose monthly or once.", "required": "Choose monthly or once."},
    )
    amount = forms.CharField(max_length=12, error_messages={"required": "Choose or enter an amount.", "max_length": NOT_WHOLE})
    other_amount = forms.CharField(
        max_length=12, required=False, label="Other amount", error_messages={"max_length": NOT_WHOLE}
    )
    # Humans never see this field; bots that fill in every input do.
    website = forms.CharField(required=False, label="Leave this field empty")
    attempt = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"frequency": "monthly", "amount": str(settings.SUPPORT_MIN_AMOUNT)})
        kwargs["initial"].setdefault("attempt", uuid.uuid4().hex)
        super().__init__(*args, **kwargs)
        self.currency = settings.SUPPORT_CURRENCY.upper()
        self.minimum = settings.SUPPORT_MIN_AMOUNT
        self.maximum = settings.SUPPORT_MAX_AMOUNT
        self.written_minimum = format_whole(self.minimum, settings.SUPPORT_CURRENCY)
        self.written_maximum = format_whole(self.maximum, settings.SUPPORT_CURRENCY)

    @property
    def presets(self):
        """(amount, label) pairs: the label written as the appeal on articles writes it ("$10")."""
        return [
            (amount, format_whole(amount, settings.SUPPORT_CURRENCY))
            for amount in settings.SUPPORT_PRESET_AMOUNTS
            if self.minimum <= amount <= self.maximum
        ]

    @property
    def attempt_value(self):
        """The nonce to render again, so a corrected and resubmitted form keeps its idempotency key."""
        if hasattr(self, "cleaned_data") and self.cleaned_data.get("attempt"):
            return self.cleaned_data["attempt"]
        return self.initial["attempt"]

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise forms.ValidationError("This form could not be sent. Please leave the last field empty.")
        return ""

    def clean_attempt(self):
        attempt = self.cleaned_data["attempt"]
        return attempt if re.fullmatch(r"[0-9a-f]{32}", attempt) else uuid.uuid4().hex

    def clean(self):
        data = super().clean()
        raw = data.get("amount", "")
        if raw == OTHER:
            raw = data.get("other_amount", "").strip()
            if not raw:
                self.add_error("other_amount", "Enter the amount you would like to give.")
                return data
        if raw:
            try:
                data["amount_units"] = self._whole_amount(raw)
            except forms.ValidationError as error:
                self.add_error("other_amount" if data.get("amount") == OTHER else "amount", error)
        return data

    def _whole_amount(self, raw):
        raw = self._without_site_currency(raw)
        if re.fullmatch(r"-\s*\d+([.,]\d*)?", raw):
            raise forms.ValidationError("The amount must be a positive number.")
        if re.fullmatch(r"\d+[.,]\d+", raw):
            raise forms.ValidationError(f"Please give whole {self.currency}, without cents.")
        if not re.fullmatch(r"\d{1,9}", raw):
            raise forms.ValidationError(NOT_WHOLE)
        amount = int(raw)
        if amount < self.minimum:
            raise forms.ValidationError(f"The smallest contribution is {self.written_minimum}.")
        if amount > self.maximum:
            raise forms.ValidationError(
                f"The largest contribution we take online is {self.written_maximum}."
                " Please write to us for more."
            )
        return amount

    def _without_site_currency(self, raw):
        """The amount without the site's own sign or code ("$10", "10 USD"). Any other currency
        is refused: Stripe would charge the number in the site's currency whatever the reader meant."""
        raw = raw.strip()
        match = _MARKED_AMOUNT.fullmatch(raw)
        if not match:
            return raw
        own = {self.currency.casefold(), SYMBOLS.get(self.currency.lower(), self.currency).casefold()}
        others = [mark for mark in (match["before"].strip(), match["after"].strip()) if mark and mark.casefold() not in own]
        if any(_is_currency(mark) for mark in others):
            raise forms.ValidationError(
                f"We take contributions in {self.currency} only; enter the amount in {self.currency}, for example 10."
            )
        return raw if others else match["number"]

    @property
    def minor_amount(self):
        return to_minor_units(self.cleaned_data["amount_units"], settings.SUPPORT_CURRENCY)
