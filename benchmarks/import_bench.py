"""Import rate of `manage.py import_articles`, on a fresh SQLite database (or DATABASE_URL).

    DEBUG=1 .venv/bin/python benchmarks/import_bench.py [--rows 50000]

Writes a JSON Lines file of realistic articles, imports it into an empty database, imports it
again (every row an update), and prints rows per second for both runs.
"""

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = (
    "launch rocket orbit satellite mission crew station lunar booster engine payload agency "
    "spacecraft telescope solar science data ground control capsule reentry landing test fuel "
    "the of and to in a is that for on was with as by at from it be this are an has"
).split()


def write_rows(path, count, rng):
    sections = ["rocket-science", "space-careers", "launch-industry", "satellites", "exploration", "space-policy"]
    with path.open("w") as out:
        for n in range(count):
            body = "".join(f"<p>{' '.join(rng.choices(WORDS, k=60)).capitalize()}.</p>" for _ in range(4))
            out.write(
                json.dumps(
                    {
                        "external_id": f"bench-{n}",
                        "title": f"{' '.join(rng.choices(WORDS, k=7)).capitalize()} {n}",
                        "section": rng.choice(sections),
                        "published_at": f"20{rng.randint(10, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T10:00:00Z",
                        "teaser": " ".join(rng.choices(WORDS, k=30)),
                        "body": body,
                        "author": rng.choice(["Ada Lane", "Bo Chen", "Staff", ""]),
                        "agency": rng.choice(["AFP", "SPX", ""]),
                        "dateline_place": rng.choice(["Paris", "Houston TX", "Kourou"]),
                        "keywords": rng.sample(["SPACEX", "ESA", "NASA", "MARS", "ISS", "CUBESATS"], k=2),
                        "related_links": [{"title": "Agency", "url": "https://www.esa.int/"}],
                        "source_url": f"https://wire.example.org/{n}",
                    }
                )
                + "\n"
            )


def manage(env, *args):
    started = time.perf_counter()
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=50_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        env = {**os.environ, "DEBUG": "1"}
        env.setdefault("DATABASE_URL", f"sqlite:///{tmp / 'bench.sqlite3'}")
        manage(env, "migrate", "--noinput")
        manage(env, "seed_demo", "--no-progress")
        rows = tmp / "rows.jsonl"
        write_rows(rows, args.rows, random.Random(1))
        size_mb = rows.stat().st_size / 1e6
        print(f"{args.rows:,} rows ({size_mb:.0f} MB) into {env['DATABASE_URL'].split(':')[0]}")
        for label in ("first import (creates)", "second import (updates)"):
            seconds = manage(env, "import_articles", str(rows), "--no-progress")
            print(f"{label:<26} {seconds:6.1f} s  {args.rows / seconds:8,.0f} articles/s")


if __name__ == "__main__":
    main()
