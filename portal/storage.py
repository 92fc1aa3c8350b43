from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """whitenoise's compressed, hashed static files, each file's address worked out once.

    The manifest of hashed names is read when the process starts and does not change while it
    runs (collectstatic comes before the servers start), yet every page asked it again for the
    stylesheet, the icon and the scripts: a few per cent of an uncached article page.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls = {}

    def url(self, name, force=False):
        if force:
            return super().url(name, force)
        if name not in self._urls:
            self._urls[name] = super().url(name)
        return self._urls[name]
