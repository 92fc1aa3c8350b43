class BoundedMemo(dict):
    """Values worked out once in this process, by key, for keys that never go stale (they hold
    all the value depends on). Emptied all at once when it reaches `size`, so it cannot grow
    without end."""

    def __init__(self, size):
        super().__init__()
        self.size = size

    def get_or_build(self, key, build):
        value = self.get(key)
        if value is None:
            value = build()
            if len(self) >= self.size:
                self.clear()
            self[key] = value
        return value
