"""gunicorn settings for every app server; each one can be overridden from the environment.

Workers: WEB_CONCURRENCY, by default two per CPU core plus one. A worker answers one request
at a time and waits on PostgreSQL and Redis part of that time, so a little more than one per
core keeps the cores busy; more only adds memory. Each worker holds one database connection
(persistent, DB_CONN_MAX_AGE), so PostgreSQL needs servers × workers connections.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
# Load the project once in the master: faster restarts and memory shared between workers.
preload_app = True
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 30
# The load balancer keeps connections open; a sync worker closes each one after its answer.
keepalive = 2
# Only the load balancer may tell us the original scheme and client address.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# Logs on stdout, one JSON object a line like the application's; GUNICORN_ACCESS_LOG= (empty)
# switches the access log off when the load balancer already keeps one.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
access_log_format = (
    '{"time": "%(t)s", "logger": "gunicorn.access", "remote": "%(h)s", "method": "%(m)s", '
    '"path": "%(U)s", "query": "%(q)s", "status": %(s)s, "bytes": "%(B)s", "duration_ms": %(M)s, '
    '"referer": "%(f)s", "agent": "%(a)s"}'
)
