import re
from dataclasses import dataclass
from datetime import date

from django import forms
from PIL import Image

from . import images
from .models import Keyword, Section
from .stopwords import is_left_out
from .widgets import DateInput

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
MAX_PAGE = 500
EARLIEST = date(1900, 1, 1)
LATEST = date(2100, 12, 31)

# A quoted phrase (the closing quote may be missing) or a bare word, either with a leading "-".
_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
# Letters and digits in any script; everything else (FTS operators, SQL, punctuation) separates words.
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Term:
    """A word or a phrase the reader typed; `excluded` when it was written as -word or -"a phrase"."""

    words: tuple
    excluded: bool = False


def parse_terms(text):
    """Words, "phrases" and -exclusions, with every other character dropped."""
    terms = []
    for match in _TOKEN.finditer(text):
        minus, phrase, bare = match.groups()
        if bare is not None:
            minus, phrase = ("-", bare[1:]) if bare.startswith("-") else ("", bare)
        words = tuple(word.lower() for word in _WORD.findall(phrase))
        if words:
            terms.append(Term(words, excluded=minus == "-"))
    return terms


class SearchTextField(forms.CharField):
    """Free text parsed into terms; it needs at least one word to look for that search does not leave out."""

    def __init__(self, **kwargs):
        super().__init__(
            required=False,
            max_length=MAX_QUERY_LENGTH,
            error_messages={"max_length": f"Keep it under {MAX_QUERY_LENGTH} characters."},
            **kwargs,
        )

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return []
        terms = parse_terms(value)
        # Stop words (or ², ½) alone would leave only the -words: PostgreSQL drops them and
        # matches everything else, SQLite finds "the" in every article.
        if not any(not term.excluded and not all(map(is_left_out, term.words)) for term in terms):
            raise forms.ValidationError(
                "Type at least one word to look for (a -word only leaves words out).", code="no_words"
            )
        if sum(len(term.words) for term in terms) > MAX_TERMS:
            raise forms.ValidationError(f"Use at most {MAX_TERMS} words.", code="too_many_words")
        return terms


class SearchForm(forms.Form):
    # One line of tips under the fields (id "search-tips") explains them all, so the form stays
    # short enough for the first result to show without scrolling.
    title = SearchTextField(label="Title", widget=forms.TextInput(attrs={"type": "search"}))
    text = SearchTextField(label="Article text", widget=forms.TextInput(attrs={"type": "search"}))
    keyword = forms.CharField(
        label="Keyword", required=False, max_length=100, widget=forms.TextInput(attrs={"type": "search", "list": "search-keywords"})
    )
    q = SearchTextField(label="All fields", widget=forms.TextInput(attrs={"type": "search"}))
    section = forms.ModelChoiceField(
        Section.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="All sections",
        error_messages={"invalid_choice": "There is no such section."},
    )
    sort = forms.ChoiceField(
        choices=[("relevance", "Best match"), ("newest", "Newest first")], required=False, label="Order"
    )
    page = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_PAGE,
        widget=forms.HiddenInput,
        error_messages={
            "invalid": "The page must be a number.",
            "min_value": "Pages start at 1.",
            "max_value": f"Only the first {MAX_PAGE} pages are shown; narrow the search.",
        },
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        # "from" and "to" are the public parameter names but Python keywords, so they are added here.
        for name, label in (("from", "From"), ("to", "To")):
            self.fields[name] = forms.DateField(
                label=label,
                required=False,
                widget=DateInput(),
                error_messages={"invalid": "Enter a date as YYYY-MM-DD."},
            )
        self.order_fields(["q", "title", "text", "keyword", "section", "from", "to", "sort"])

    def clean_keyword(self):
        name = self.cleaned_data["keyword"].strip()
        if not name:
            return None
        keyword = Keyword.objects.filter(name__iexact=name).first()
        if keyword is None:
            raise forms.ValidationError("No article carries this keyword; pick one from the suggestions.")
        return keyword

    def clean(self):
        cleaned = super().clean()
        for name in ("from", "to"):
            day = cleaned.get(name)
            if day and not EARLIEST <= day <= LATEST:
                self.add_error(name, f"Pick a date between {EARLIEST.year} and {LATEST.year}.")
                cleaned.pop(name, None)
        if cleaned.get("from") and cleaned.get("to") and cleaned["from"] > cleaned["to"]:
            self.add_error("to", "The end date comes before the start date.")
        cleaned["sort"] = cleaned.get("sort") or "relevance"
        cleaned["page"] = cleaned.get("page") or 1
        return cleaned

    def main_fields(self):
        """The sidebar form's fields and "All fields", shown first on the search page; each is
        described by the tips line and its own errors."""
        fields = [self[name] for name in ("title", "text", "keyword", "q")]
        for field in fields:
            described_by = ["search-tips", f"{field.auto_id}_error"] if field.errors else ["search-tips"]
            field.field.widget.attrs["aria-describedby"] = " ".join(described_by)
        return fields

    def more_fields(self):
        """Section, dates and order, folded under "More options" on the search page."""
        return [self[name] for name in ("section", "from", "to", "sort")]

    def shows_more_options(self):
        """Whether "More options" starts unfolded: when one of them is set or has an error."""
        if not self.is_bound:
            return False
        return any(
            field.errors or (field.data and not (field.name == "sort" and field.data == "relevance"))
            for field in self.more_fields()
        )

    def has_criteria(self):
        """False for an empty form: the page then shows help, not the whole archive."""
        names = ("title", "text", "keyword", "q", "section", "from", "to")
        return any(self.cleaned_data.get(name) for name in names)


class LeadImageField(forms.ImageField):
    """The admin's lead image upload: refuses what is not a web image, or is too large in bytes
    or in pixels, with a message saying which (Django's own check calls every one of them "not a
    valid image", and has no size limits)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.help_text = f"{self.help_text} At most {images.limits_text()}.".strip()

    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)
        if upload is None:
            return None
        image = images.open_upload(upload)
        upload.image = image
        upload.content_type = Image.MIME.get(image.format)
        upload.seek(0)
        return upload
