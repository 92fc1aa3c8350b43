from whitenoise.storage import CompressedManifestStaticFilesStorage

from .memo import BoundedMemo


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """whitenoise's compressed, hashed static files, each file's address worked out once.

    The manifest of hashed names is read when the process starts and does not change while it
    runs (collectstatic comes before the servers start), yet every page asked it again for the
    stylesheet, the icon and the scripts: a few per cent of an uncached article page.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls = BoundedMemo(1000)

    def url(self, name, force=False):
        url = super().url
        return url(name, force) if force else self._urls.get_or_build(name, lambda: url(name))
