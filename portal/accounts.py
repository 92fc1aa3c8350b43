"""Readers' accounts (allauth): one name for logging in, the way back to the article kept
through sign-up and e-mail verification, and forms worded and laid out like the site's own."""

from urllib.parse import urlencode

from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.account.utils import get_next_redirect_url
from django.contrib.auth import password_validation
from django.urls import reverse

from .client_ip import AccountAdapter as ClientIPAccountAdapter


class AccountAdapter(ClientIPAccountAdapter):
    def get_email_confirmation_url(self, request, emailconfirmation):
        """The link in the verification e-mail carries the page the reader signed up from.

        Confirmed in the browser that signed up, allauth logs the reader in and goes back there
        itself (ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION); anywhere else the link leads to "Log in",
        which then goes back there."""
        url = super().get_email_confirmation_url(request, emailconfirmation)
        back_to = get_next_redirect_url(request) if request is not None else None
        if not back_to:
            return url
        login_then_back = f"{reverse('account_login')}?{urlencode({'next': back_to})}"
        return f"{url}?{urlencode({'next': login_then_back})}"


def drop_placeholders(form):
    """Every field has a visible label, as on the site's other forms; allauth's placeholders
    would only repeat it (and say "email" where the site says "e-mail")."""
    for field in form.fields.values():
        field.widget.attrs.pop("placeholder", None)


class LoginForm(AllauthLoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # allauth calls the field "Login"; the site keeps that word for the action.
        self.fields["login"].label = "Username or e-mail"
        if "remember" in self.fields:
            self.fields["remember"].label = "Remember me"
        self.label_suffix = ""
        drop_placeholders(self)


class SignupForm(AllauthSignupForm):
    """The password rules as plain sentences: as an HTML list they would sit inside the
    paragraph and span the field is rendered in, which HTML does not allow."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "password1" in self.fields:
            self.fields["password1"].help_text = " ".join(password_validation.password_validators_help_texts())
        drop_placeholders(self)
