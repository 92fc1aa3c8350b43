"""Readers' accounts (allauth): one name for logging in, and the way back to the article kept
through sign-up and e-mail verification."""

from urllib.parse import urlencode

from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.utils import get_next_redirect_url
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


class LoginForm(AllauthLoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # allauth calls the field "Login"; the site keeps that word for the action.
        self.fields["login"].label = "Username or e-mail"
        self.fields["login"].widget.attrs["placeholder"] = "Username or e-mail"
        if "remember" in self.fields:
            self.fields["remember"].label = "Remember me"
        self.label_suffix = ""
