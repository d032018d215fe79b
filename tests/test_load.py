"""A bounded load test of the real server over loopback: one writer, four readers, ~8 s.

No 5xx, no "database is locked" (in answers or the server's stderr), and every article the
writer got a 201 for is stored and retrievable; the article count equals the successful POSTs.
Runs on SQLite and on PostgreSQL (when TEST_DATABASE_URL is set), on the `database_url` fixture's
fresh migrated database.
"""
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parent.parent
API_KEY = "load-test-key"
DURATION_S = 8.0
MAX_POSTS = 400
MAX_READS_PER_THREAD = 2_000
READERS = 4
LOCKED = "database is locked"


@dataclass
class Server:
    base_url: str
    stderr_path: Path

    def stderr(self) -> str:
        return self.stderr_path.read_text(encoding="utf-8", errors="replace")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running_server(env: dict[str, str], workdir: Path, timeout_s: float = 30.0) -> Iterator[Server]:
    """`python -m app serve` on a free 127.0.0.1 port with `env` added, its stderr in a file under
    `workdir`; terminated (then killed) when the block ends, whatever happens inside it."""
    port = free_port()
    server = Server(f"http://127.0.0.1:{port}", workdir / f"server-{port}.stderr")
    with server.stderr_path.open("wb") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "app", "serve", "--host", "127.0.0.1", "--port", str(port)],
            cwd=ROOT, env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=stderr,
        )
        try:
            deadline = time.monotonic() + timeout_s
            while True:
                assert process.poll() is None, f"server exited:\n{server.stderr()}"
                try:
                    if httpx.get(f"{server.base_url}/health", timeout=1).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                assert time.monotonic() < deadline, f"server did not start:\n{server.stderr()}"
                time.sleep(0.1)
            yield server
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@dataclass
class Tally:
    lock: threading.Lock = field(default_factory=threading.Lock)
    created: dict[int, str] = field(default_factory=dict)  # article id -> url
    errors: list[str] = field(default_factory=list)
    reads: int = 0

    def error(self, message: str) -> None:
        with self.lock:
            self.errors.append(message)


def article(n: int) -> dict[str, str]:
    return {"text": f'Headline {n}\n\n"Quote number {n}," said Jane Doe.',
            "url": f"https://example.org/{n}"}


def writer(base_url: str, until: float, tally: Tally) -> None:
    headers = {"Authorization": f"Bearer {API_KEY}"}
    with httpx.Client(base_url=base_url, headers=headers, timeout=30) as client:
        for n in range(MAX_POSTS):
            if time.monotonic() >= until:
                return
            response = client.post("/articles", json=article(n))
            if response.status_code == 201:
                with tally.lock:
                    tally.created[response.json()["id"]] = article(n)["url"]
            else:
                tally.error(f"POST #{n} -> {response.status_code}: {response.text[:300]}")


def reader(base_url: str, until: float, tally: Tally) -> None:
    with httpx.Client(base_url=base_url, timeout=30) as client:
        for n in range(MAX_READS_PER_THREAD):
            if time.monotonic() >= until:
                return
            path = "/quotes" if n % 2 else "/speakers"
            response = client.get(path, params={"limit": 50})
            if response.status_code >= 500 or LOCKED in response.text:
                tally.error(f"GET {path} -> {response.status_code}: {response.text[:300]}")
            with tally.lock:
                tally.reads += 1


def all_article_urls(client: httpx.Client) -> list[str]:
    urls: list[str] = []
    next_url: str | None = "/articles?limit=100"
    while next_url:
        page = client.get(next_url)
        assert page.status_code == 200, page.text
        urls += [item["url"] for item in page.json()["items"]]
        next_url = page.json()["next"]
    return urls


@pytest.mark.db
def test_concurrent_writes_and_reads(database_url: str, tmp_path: Path) -> None:
    env = {"DATABASE_URL": database_url, "API_KEY": API_KEY, "RATE_LIMIT_PER_MINUTE": "0"}
    tally = Tally()
    with running_server(env, tmp_path) as server:
        until = time.monotonic() + DURATION_S
        threads = [threading.Thread(target=writer, args=(server.base_url, until, tally))]
        threads += [threading.Thread(target=reader, args=(server.base_url, until, tally))
                    for _ in range(READERS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=DURATION_S + 60)
        assert not any(thread.is_alive() for thread in threads), "a client thread hung"
        with httpx.Client(base_url=server.base_url, timeout=30) as client:
            for article_id, url in tally.created.items():
                response = client.get(f"/articles/{article_id}")
                assert response.status_code == 200, response.text
                assert response.json()["url"] == url
            stored = all_article_urls(client)
    assert tally.errors == []
    assert tally.created and tally.reads > 0
    assert sorted(stored) == sorted(tally.created.values())
    assert LOCKED not in server.stderr()
    assert "Traceback" not in server.stderr()
