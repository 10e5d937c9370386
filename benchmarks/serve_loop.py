"""Serve loop: from saving a journal file to the reloaded page showing it, under `mkdocs serve`.

    python benchmarks/serve_loop.py [--contacts 500] [--entries 2000] [--edits 5] [--plain]

Generates a journal, starts `mkdocs serve` on a free loopback port, waits for the first
build, then edits a contact's notes several times; after each save it polls the contact's
page until the new text is there, and reports the seconds each took. MkDocs holds every
request until a rebuild is over, so that is when a browser's reload shows the edit. It runs
`mkdocs serve --dirty` (only changed pages are rebuilt), or with --plain `mkdocs serve`,
which builds the whole site on each save (reusing unchanged pages, see adapter/page_reuse.py).
Target: at most 3 s per edit at 500 contacts + 2,000 entries.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
TIMEOUT = 300.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, OSError):
        return None


def wait_for(url: str, needle: str, deadline: float) -> float:
    """Poll until the page contains `needle`; return the time it first did."""
    while time.monotonic() < deadline:
        page = fetch(url)
        if page is not None and needle in page:
            return time.monotonic()
        time.sleep(0.05)
    raise TimeoutError(f"{url} never showed {needle!r}")


def edit_notes(path: Path, marker: str) -> None:
    text = path.read_text(encoding="utf-8")
    head, sep, body = text.partition("\n---\n")
    path.write_text(f"{head}{sep}{marker}\n\n{body}", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=500)
    parser.add_argument("--entries", type=int, default=2000)
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--plain", action="store_true", help="mkdocs serve without --dirty")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="kithbook-serve-") as tmp:
        root = Path(tmp) / "journal"
        subprocess.run(
            [sys.executable, str(HERE / "generate.py"), str(root), "--contacts",
             str(args.contacts), "--entries", str(args.entries), "--quiet"],
            check=True,
        )  # fmt: skip
        port = free_port()
        env = dict(os.environ, KITHBOOK_TODAY="2026-11-22", NO_MKDOCS_2_WARNING="1")
        started = time.monotonic()
        log = (Path(tmp) / "serve.log").open("w")
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", *([] if args.plain else ["--dirty"]),
             "-a", f"127.0.0.1:{port}"],
            cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=log,
        )  # fmt: skip
        try:
            contact = sorted((root / "contacts").glob("*.md"))[0]
            url = f"http://127.0.0.1:{port}/people/{contact.stem}/"
            ready = wait_for(url, "<html", time.monotonic() + TIMEOUT)
            print(f"first build and serve: {ready - started:.1f} s")
            times = []
            for i in range(args.edits):
                marker = f"serve-loop-marker-{i}-{time.time_ns()}"
                saved = time.monotonic()
                edit_notes(contact, marker)
                shown = wait_for(url, marker, saved + TIMEOUT)
                times.append(shown - saved)
                print(f"edit {i + 1}: saved → page shows it in {shown - saved:.2f} s")
                time.sleep(0.5)
        except TimeoutError:
            log.flush()
            print((Path(tmp) / "serve.log").read_text()[-3000:], file=sys.stderr)
            raise
        finally:
            server.terminate()
            server.wait(timeout=30)
            log.close()
    print(
        f"mkdocs serve{'' if args.plain else ' --dirty'}, {args.contacts:,} contacts + "
        f"{args.entries:,} entries: median "
        f"{statistics.median(times):.2f} s, worst {max(times):.2f} s (target ≤ 3 s)"
    )
    return 0 if max(times) <= 3.0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
