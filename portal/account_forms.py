from allauth.account.forms import SignupForm as AllauthSignupForm
from django.contrib.auth import password_validation


class SignupForm(AllauthSignupForm):
    """allauth's sign-up form with the password rules as plain sentences: as an HTML list they
    would sit inside the paragraph and span the field is rendered in, which HTML does not allow."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "password1" in self.fields:
            self.fields["password1"].help_text = " ".join(password_validation.password_validators_help_texts())
