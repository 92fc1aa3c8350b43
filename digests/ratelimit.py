"""Subscribe limits per reader's address and per e-mail address, counted in the shared cache."""

import hashlib

from django.conf import settings
from django.core.cache import cache

from portal.client_ip import client_ip


def _hit(key, limit, window):
    cache.add(key, 0, window)
    try:
        count = cache.incr(key)
    except ValueError:  # the key expired between add and incr
        cache.set(key, 1, window)
        count = 1
    return count > limit


def subscribe_limit_reached(request, email):
    """Count one subscription request; True once the reader's address or the e-mail address is
    over its limit (the second stops anyone from filling a stranger's inbox with confirmations)."""
    window = settings.DIGEST_SUBSCRIBE_LIMIT_WINDOW
    address = hashlib.sha256(email.encode()).hexdigest()
    by_ip = _hit(f"digests:subscribe:ip:{client_ip(request)}", settings.DIGEST_SUBSCRIBE_LIMIT_PER_IP, window)
    by_address = _hit(f"digests:subscribe:email:{address}", settings.DIGEST_SUBSCRIBE_LIMIT_PER_ADDRESS, window)
    return by_ip or by_address
