"""The reader's address, read one way for every limit: allauth's, admin logins', checkout's.

Behind nginx every request comes from the balancer's address, and X-Forwarded-For carries the
reader's. Only the entries our own proxies appended can be trusted (a client writes whatever it
likes at the left), so TRUSTED_PROXY_COUNT says how many proxies append to it: the address is
that many entries from the right. With 0 the header is ignored and REMOTE_ADDR is the reader.
"""

import ipaddress

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings


def _address(value):
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request):
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = [entry for entry in request.headers.get("X-Forwarded-For", "").split(",") if entry.strip()]
    if proxies <= 0 or not forwarded:
        return remote
    # Fewer entries than proxies: the request skipped an outer proxy, and the leftmost entry is
    # still one that a proxy of ours wrote.
    return _address(forwarded[-min(proxies, len(forwarded))]) or remote


class AccountAdapter(DefaultAccountAdapter):
    """allauth's rate limits count readers by client_ip, like every other limit on the site."""

    def get_client_ip(self, request):
        return client_ip(request) or super().get_client_ip(request)
