"""What the benchmarks that serve the site share: manage.py in a given environment, free ports,
waiting for a server, and the temporary directories nginx writes to."""

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NGINX_TEMP_DIRS = ("body", "proxy", "fastcgi", "uwsgi", "scgi")


def manage(env, *arguments, capture=False):
    """manage.py with `env`; its output, when `capture`, else printed as it goes."""
    result = subprocess.run(
        [sys.executable, "manage.py", *arguments], cwd=ROOT, env=env, check=True, text=True, capture_output=capture
    )
    return result.stdout if capture else None


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url, timeout=60):
    """The body at `url` once it answers; SystemExit after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read()
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"{url} did not answer within {timeout} s")


def make_writable_dirs(tmp, names=NGINX_TEMP_DIRS):
    """Directories under `tmp` that nginx's workers (nobody, when run as root) can write to:
    mkdir's mode is cut down by the umask, so each is opened up afterwards."""
    tmp.chmod(0o755)
    for name in names:
        (tmp / name).mkdir(mode=0o777)
        (tmp / name).chmod(0o777)
