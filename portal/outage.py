import time


class Outage:
    """A service this process saw fail lately: callers leave it alone for `seconds` after a
    failure instead of waiting on it at every request (the Redis cache, the read replica)."""

    def __init__(self, seconds):
        self.seconds = seconds
        self.until = 0.0
        self.reason = None

    def record(self, error):
        self.reason = str(error)[:200]
        self.until = time.monotonic() + self.seconds

    def clear(self):
        self.until = 0.0

    def current(self):
        """Why the service is left alone now, or None once it may be tried again."""
        return self.reason if time.monotonic() < self.until else None
