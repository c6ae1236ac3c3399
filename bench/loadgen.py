"""A bounded load generator on loopback: `clients` threads, each sending the same GET request
over its own keep-alive connection, one after another, for `seconds` or until `max_requests`
requests are sent in all, whichever comes first. Only 127.0.0.1 is allowed as a target."""

import http.client
import statistics
import threading
import time
from dataclasses import dataclass


@dataclass
class LoadResult:
    requests: int
    errors: int
    seconds: float
    per_second: float
    p50_ms: float
    p95_ms: float


def run_load(
    port: int,
    path: str,
    headers: dict[str, str],
    clients: int = 4,
    seconds: float = 10.0,
    max_requests: int = 20_000,
) -> LoadResult:
    host = "127.0.0.1"  # loopback only
    deadline = time.monotonic() + seconds
    lock = threading.Lock()
    sent = 0
    latencies: list[float] = []
    errors = 0

    def worker() -> None:
        nonlocal sent, errors
        connection = http.client.HTTPConnection(host, port, timeout=60)
        mine: list[float] = []
        failed = 0
        while time.monotonic() < deadline:
            with lock:
                if sent >= max_requests:
                    break
                sent += 1
            start = time.perf_counter()
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    failed += 1
            except (OSError, http.client.HTTPException):
                failed += 1
                connection.close()
                connection = http.client.HTTPConnection(host, port, timeout=60)
                continue
            mine.append((time.perf_counter() - start) * 1000)
        connection.close()
        with lock:
            latencies.extend(mine)
            errors += failed

    started = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    took = time.monotonic() - started
    latencies.sort()
    return LoadResult(
        requests=len(latencies),
        errors=errors,
        seconds=round(took, 2),
        per_second=round(len(latencies) / took, 1) if took else 0.0,
        p50_ms=round(statistics.median(latencies), 2) if latencies else 0.0,
        p95_ms=round(latencies[int(0.95 * (len(latencies) - 1))], 2) if latencies else 0.0,
    )
