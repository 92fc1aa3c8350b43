import pytest

from .feed_server import FeedServer


@pytest.fixture
def feed_server():
    """A FeedServer on a free local port, for the test's duration."""
    server = FeedServer()
    server.thread.start()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()
