from django import forms

from news.models import Section

CHOICES = [("all", "All the day's news"), ("sections", "Only the sections I choose")]


class SubscribeForm(forms.Form):
    email = forms.EmailField(label="Your e-mail address", max_length=254)
    choice = forms.ChoiceField(label="What to receive", choices=CHOICES, initial="all", widget=forms.RadioSelect)
    sections = forms.ModelMultipleChoiceField(
        queryset=Section.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("choice") == "sections" and not cleaned.get("sections"):
            self.add_error("sections", "Choose at least one section, or all the day's news.")
        return cleaned

    @property
    def section_ids(self):
        """None for all the day's news, else the chosen sections' ids."""
        if self.cleaned_data["choice"] == "all":
            return None
        return sorted(section.pk for section in self.cleaned_data["sections"])
