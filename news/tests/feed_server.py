"""A local HTTP server for the feed intake's tests, serving the sample feeds in feeds/."""

import threading
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FEEDS = Path(__file__).parent / "feeds"


class FeedServer:
    """Serves feeds from `routes` ({path: (file name, content type)}) with an ETag and
    Last-Modified for each, answers 304 when a request's validators match, and keeps every
    request's path and conditional headers."""

    def __init__(self):
        self.routes = {}
        self.garbled = set()
        self.requests = []
        self.last_modified = format_datetime(datetime(2024, 3, 4, 12, 0, tzinfo=UTC), usegmt=True)
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                server.requests.append(
                    {
                        "path": self.path,
                        "if_none_match": self.headers.get("If-None-Match"),
                        "if_modified_since": self.headers.get("If-Modified-Since"),
                        "user_agent": self.headers.get("User-Agent"),
                    }
                )
                if self.path not in server.routes:
                    self.send_error(404, "Not Found")
                    return
                name, content_type = server.routes[self.path]
                etag = f'"{name}"'
                if self.headers.get("If-None-Match") == etag and self.headers.get("If-Modified-Since") == server.last_modified:
                    self.send_response(304)
                    self.end_headers()
                    return
                if self.path in server.garbled:  # not HTTP at all
                    self.wfile.write(b"SPACE NEWS 200 OK\r\n\r\n")
                    return
                content = (FEEDS / name).read_bytes()
                self.send_response(200)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(content)))
                self.send_header("ETag", etag)
                self.send_header("Last-Modified", server.last_modified)
                self.end_headers()
                self.wfile.write(content)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path):
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{path}"

    def serve(self, path, name, content_type="application/rss+xml"):
        self.routes[path] = (name, content_type)
        return self.url(path)
