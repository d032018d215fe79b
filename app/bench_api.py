"""`python -m app bench api`: the real server under load, against a bare endpoint of it.

Builds SQLite corpora (default 10,000 and 1,000,000 quotes), starts `python -m app serve` on each,
and drives it from this process over loopback, on one connection (latency) and on 32 (throughput)
for a fixed time each: with wrk when it is installed, else an httpx load loop. Prints requests/s,
p50/p99 latency and the server's memory in three modes: the default settings asking the same URL
again and again (answered by the response cache), the response cache off (every request
computed), and distinct URLs with the cache on (each request another `until=` bound: what a
client paging through many filters gets). `/health`, measured in the same run, is the reference.
"""
import argparse
import asyncio
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

from app.bench_corpus import build_corpus

REFERENCE = "/health"
WARM_UP_SECONDS = 1  # per endpoint, before the measured run: first requests import and fill caches
MODES: dict[str, dict[str, str]] = {
    "default settings, same URL": {},
    "response cache off": {"RESPONSE_CACHE_MB": "0"},
    "distinct URLs, cache on": {},
}
DISTINCT = "distinct URLs, cache on"
DISTINCT_URLS = 50_000  # more than a run sends: no URL is asked twice


@dataclass(frozen=True)
class Load:
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    errors: int


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(database: Path, port: int, settings: dict[str, str],
                 workers: int = 1) -> subprocess.Popen[bytes]:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "LOG_REQUESTS": "false",
           **settings}
    server = subprocess.Popen([sys.executable, "-m", "app", "serve", "--port", str(port),
                               "--workers", str(workers)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}{REFERENCE}", timeout=1).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("the server did not start within 60 s")


def rss_mb(pid: int) -> tuple[float, float]:
    """Current and peak resident memory of a process, in MB."""
    status = Path(f"/proc/{pid}/status").read_text()
    values = {k: int(v.split()[0]) / 1024 for k, v in re.findall(r"(VmRSS|VmHWM):\s+(.*)", status)}
    return values.get("VmRSS", 0.0), values.get("VmHWM", 0.0)


WRK_CYCLE = """
local threads = 0
function setup(thread)
  thread:set("first", threads)
  threads = threads + 1
end
local paths, i, step = {}, 0, tonumber(os.getenv("NEWSQUOTES_THREADS"))
function init(args)
  for line in io.lines(os.getenv("NEWSQUOTES_PATHS")) do paths[#paths + 1] = line end
  i = first
end
function request()
  i = i + step
  return wrk.format(nil, paths[(i - 1) % #paths + 1])
end
"""
"""Each wrk thread walks its own share of the paths (thread t asks t, t + step...)."""


def load_with_wrk(url: str, *, seconds: int, connections: int,
                  paths: list[str] | None = None) -> Load:
    threads = min(2, connections)
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    env = {**os.environ, "NEWSQUOTES_THREADS": str(threads)}
    with tempfile.TemporaryDirectory() as folder:
        if paths:
            script, listed = Path(folder) / "cycle.lua", Path(folder) / "paths.txt"
            script.write_text(WRK_CYCLE)
            listed.write_text("\n".join(paths) + "\n")
            command += ["-s", str(script)]
            env["NEWSQUOTES_PATHS"] = str(listed)
        out = subprocess.run(command, capture_output=True, text=True, env=env,
                             timeout=seconds + 30).stdout
    def ms(label: str) -> float:
        match = re.search(rf"^\s*{label}\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        if not match:
            return float("nan")
        value, unit = float(match[1]), match[2]
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1])  # type: ignore[index]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return Load(rps, ms("50%"), ms("99%"), int(errors[1]) if errors else 0)


async def _load_with_httpx(url: str, *, seconds: int, connections: int,
                           paths: list[str] | None = None) -> Load:
    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    base = url[:url.index("/", len("http://"))]
    urls = iter([base + path for path in paths] if paths else [])
    async with httpx.AsyncClient(limits=limits, timeout=10) as client:
        async def worker() -> None:
            nonlocal errors
            while time.perf_counter() < deadline:
                started = time.perf_counter()
                response = await client.get(next(urls, url))
                latencies.append(time.perf_counter() - started)
                errors += response.status_code >= 400
        await asyncio.gather(*(worker() for _ in range(connections)))
    latencies.sort()
    n = len(latencies)
    return Load(n / seconds, latencies[n // 2] * 1000, latencies[int(n * 0.99)] * 1000, errors)


def load(url: str, *, seconds: int, connections: int, paths: list[str] | None = None) -> Load:
    """Requests to `url` (or to each of `paths` in turn, on its host) for `seconds`."""
    if shutil.which("wrk"):
        return load_with_wrk(url, seconds=seconds, connections=connections, paths=paths)
    return asyncio.run(_load_with_httpx(url, seconds=seconds, connections=connections,
                                        paths=paths))


def distinct_paths(path: str, count: int = DISTINCT_URLS) -> list[str]:
    """`path` with `count` different `until=` bounds, a second apart and far in the future: as
    much work each, never the same URL (the reference stays one URL: it is not cached)."""
    if path == REFERENCE:
        return []
    joiner = "&" if "?" in path else "?"
    start = datetime(2100, 1, 1, tzinfo=UTC)
    return [f"{path}{joiner}until={(start + timedelta(seconds=i)).strftime('%Y-%m-%dT%H:%M:%SZ')}"
            for i in range(count)]


def page_url(base: str, path: str, page: int) -> str:
    """The relative URL of page `page` of `path`, reached by following `next` links."""
    url: str | None = path
    with httpx.Client(base_url=base, timeout=30) as client:
        for _ in range(page - 1):
            url = client.get(url).json()["next"]  # type: ignore[arg-type]
            if url is None:
                raise RuntimeError(f"{path} has fewer than {page} pages")
    return url  # type: ignore[return-value]


def bench_size(quotes: int, *, seconds: int, connections: int, workers: int,
               folder: Path) -> dict[str, dict[str, tuple[Load, Load]]]:
    """{mode: {endpoint: (load on one connection, load on `connections`)}} on a corpus of
    `quotes` quotes."""
    database = folder / f"bench-{quotes}.db"
    corpus = build_corpus(database, quotes=quotes)
    print(f"\n{corpus['quote']:,} quotes, {corpus['article']:,} articles, "
          f"{corpus['speaker']:,} speakers; {workers} server worker(s); 1 and {connections} "
          f"connections, {seconds} s each after {WARM_UP_SECONDS} s of warm-up "
          f"({'wrk' if shutil.which('wrk') else 'httpx load loop'})")
    return {mode: _bench_server(database, corpus, mode=mode, seconds=seconds,
                                connections=connections, workers=workers) for mode in MODES}


def _bench_server(database: Path, corpus: dict[str, int], *, mode: str, seconds: int,
                  connections: int, workers: int) -> dict[str, tuple[Load, Load]]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(database, port, MODES[mode], workers=workers)
    deep_page = min(1000, corpus["quote"] // 40)
    try:
        paths = {
            "reference GET /health (bare JSON)": REFERENCE,
            "GET /quotes?topic=turkey&limit=20": "/quotes?topic=turkey&limit=20",
            "GET /quotes?q=alliance&limit=20": "/quotes?q=alliance&limit=20",
            f"GET /speakers/{corpus['busiest']}/quotes": f"/speakers/{corpus['busiest']}/quotes",
            f"GET /quotes page {deep_page:,} (cursor)": page_url(base, "/quotes?limit=20",
                                                                  deep_page),
        }
        results: dict[str, tuple[Load, Load]] = {}
        print(f" {mode}:")
        for label, path in paths.items():
            many = distinct_paths(path) if mode == DISTINCT else None
            runs = []
            for clients in (1, connections):
                if WARM_UP_SECONDS:  # not counted
                    load(base + path, seconds=WARM_UP_SECONDS, connections=clients,
                         paths=many and many[::-1])
                runs.append(load(base + path, seconds=seconds, connections=clients,
                                 paths=many))
            results[label] = one, loaded = runs[0], runs[1]
            ref_one, ref_loaded = results[next(iter(paths))]
            print(f"  {label:44} {connections} conns: {loaded.requests_per_s:6.0f} req/s "
                  f"({loaded.requests_per_s / ref_loaded.requests_per_s:4.0%} of reference) "
                  f"p99 {loaded.p99_ms:6.1f} ms | 1 conn: p50 {one.p50_ms:5.2f} ms "
                  f"({one.p50_ms / ref_one.p50_ms:4.1f}x reference)  "
                  f"errors {one.errors + loaded.errors}")
        rss, peak = rss_mb(server.pid)
        print(f"  server memory: {rss:.0f} MB RSS now, {peak:.0f} MB peak")
    finally:
        server.terminate()
        server.wait(timeout=30)
    return results


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m app bench api")
    parser.add_argument("--sizes", default="10000,1000000", help="corpus sizes in quotes")
    parser.add_argument("--seconds", type=int, default=10, help="load time per endpoint")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=1, help="server processes")
    args = parser.parse_args(argv)
    print(f"command: python -m app bench api {' '.join(argv)}")
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        runs = {size: bench_size(size, seconds=args.seconds, connections=args.connections,
                                 workers=args.workers, folder=Path(tmp)) for size in sizes}
    if len(sizes) > 1:
        print(f"\nspeed on {min(sizes):,} quotes / speed on {max(sizes):,} quotes "
              "(target <= 1.5x):")
        for mode in MODES:
            small, large = runs[min(sizes)][mode], runs[max(sizes)][mode]
            print(f" {mode}:")
            for (label, (_, fast)), (_, slow) in zip(small.items(), large.values(), strict=True):
                ratio = fast.requests_per_s / slow.requests_per_s
                print(f"  {label:48} {ratio:4.2f}x")
    return 0
