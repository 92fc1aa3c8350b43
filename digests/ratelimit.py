"""Subscribe limits per reader's address and per e-mail address, counted in the shared cache."""

import hashlib

from django.conf import settings

from portal.client_ip import client_ip
from portal.throttled import over_limit


def subscribe_limit_reached(request, email):
    """Count one subscription request; True once the reader's address or the e-mail address is
    over its limit (the second stops anyone from filling a stranger's inbox with confirmations)."""
    window = settings.DIGEST_SUBSCRIBE_LIMIT_WINDOW
    address = hashlib.sha256(email.encode()).hexdigest()
    by_ip = over_limit(f"digests:subscribe:ip:{client_ip(request)}", settings.DIGEST_SUBSCRIBE_LIMIT_PER_IP, window)
    by_address = over_limit(f"digests:subscribe:email:{address}", settings.DIGEST_SUBSCRIBE_LIMIT_PER_ADDRESS, window)
    return by_ip or by_address
