"""gunicorn settings for every app server; each one can be overridden from the environment.

Workers: WEB_CONCURRENCY processes, by default one per CPU core, each with GUNICORN_THREADS
threads (default 4). A request spends part of its time waiting on PostgreSQL and Redis, and
threads fill that time; processes use the cores. Threads also keep the load balancer's
connections alive, which sync workers cannot: on the 2-core benchmark machine, 2 × 4 threads
served cached pages about 3.5 times faster than 5 sync workers (docs/benchmarks.md).
Each thread keeps its own persistent database connection (DB_CONN_MAX_AGE), so PostgreSQL needs
servers × WEB_CONCURRENCY × GUNICORN_THREADS connections.
"""

import multiprocessing
import os

# Only nginx talks to gunicorn: it buffers slow clients, which would hold a gunicorn thread each.
# With the balancer on another host, bind the private address it reaches, never 0.0.0.0.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count()))
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
threads = int(os.environ.get("GUNICORN_THREADS", 4))
# Load the project once in the master: faster restarts and memory shared between workers.
preload_app = True
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 30
# Seconds an idle keep-alive connection from the load balancer stays open.
keepalive = 5
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
