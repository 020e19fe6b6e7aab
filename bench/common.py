"""Shared parts of bench/full.py, bench/page_weight.py and bench/soak.py: databases,
gunicorn on loopback, a logged-in HTTP client, a multi-process load generator,
percentiles and the marked sections of bench/RESULTS.md.

Everything here runs in the driver process, outside Django; code that needs Django
runs through ``manage.py shell -c`` (see ``shell``).
"""

import contextlib
import http.client
import json
import multiprocessing
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
RESULTS = ROOT / "bench" / "RESULTS.md"
POSTGRES = "postgres://postgres@127.0.0.1:5432"
HEADERS = {"Accept-Language": "nb"}


# --------------------------------------------------------------------------- processes


def run(*args: str, env: dict, **kwargs) -> None:
    subprocess.run(list(args), cwd=ROOT, env=env, check=True, **kwargs)  # noqa: S603 - our own commands


def shell(code: str, env: dict) -> str:
    """Run ``code`` inside Django (manage.py shell) and return what it printed."""
    result = subprocess.run(  # noqa: S603 - our own command
        [PYTHON, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


def last_json(output: str):
    return json.loads(output.strip().splitlines()[-1])


def bench_env(database_url: str, settings: str = "bench.settings_bench", **extra: str) -> dict:
    """The environment for manage.py and gunicorn: development mode with DEBUG off and
    bench/settings_bench.py (production static files, the bare view; needs
    ``collected_static``) unless ``settings`` says otherwise; media in
    var/bench/<database>/ so letters never mix with the development data."""
    name = urlsplit(database_url).path.lstrip("/")
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_ENV": "development",
        "DEBUG": "false",
        "DJANGO_SETTINGS_MODULE": settings,
        "LOG_LEVEL": "WARNING",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "MEDIA_ROOT": str(ROOT / "var" / "bench" / name / "media"),
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        **extra,
    }


# --------------------------------------------------------------------------- databases


def _checked_name(url: str) -> str:
    name = urlsplit(url).path.lstrip("/")
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
        raise SystemExit(f"Refusing odd database name {name!r}")
    return name


def create_database(url: str) -> None:
    import psycopg

    name = _checked_name(url)
    admin = urlsplit(url)._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name}")
        connection.execute(f"CREATE DATABASE {name}")


def database_exists(url: str) -> bool:
    import psycopg

    name = _checked_name(url)
    admin = urlsplit(url)._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        row = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
    return row is not None


# --------------------------------------------------------------------------- static files


@contextlib.contextmanager
def collected_static(env: dict):
    """collectstatic (hashed, gzip + brotli) into a temporary STATIC_ROOT; yields the
    environment pointing at it and the seconds it took; removes the folder after."""
    folder = tempfile.mkdtemp(prefix="bench-static-")
    static_env = {**env, "STATIC_ROOT": folder}
    started = time.perf_counter()
    try:
        run(PYTHON, "manage.py", "collectstatic", "--noinput", "--verbosity", "0", env=static_env)
        yield static_env, time.perf_counter() - started
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# --------------------------------------------------------------------------- gunicorn


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(port: int, path: str = "/__bench__/bare/", timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", path)
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not answer in time")


class Gunicorn:
    """gunicorn with ``workers`` sync workers on a free loopback port."""

    def __init__(self, env: dict, *, workers: int = 4):
        self.port = free_port()
        self.process = subprocess.Popen(  # noqa: S603 - our own command
            [
                PYTHON,
                "-m",
                "gunicorn",
                "portal.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(workers),
                "--worker-class",
                "sync",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        self.workers = workers

    def __enter__(self) -> "Gunicorn":
        try:
            wait_for(self.port)
            # Every worker has imported the app once the master lists them all.
            deadline = time.monotonic() + 30
            while len(self.worker_pids()) < self.workers and time.monotonic() < deadline:
                time.sleep(0.2)
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def worker_pids(self) -> list[int]:
        return child_pids(self.process.pid)


def child_pids(pid: int) -> list[int]:
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        return sorted(int(p) for p in children.read_text().split())
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        match = re.search(r"^PPid:\s+(\d+)", text, re.M)
        if match and int(match.group(1)) == pid:
            found.append(int(status.parent.name))
    return sorted(found)


def rss_mib(pid: int) -> float | None:
    """Resident set size of ``pid`` in MiB (psutil when installed, else /proc)."""
    try:
        import psutil
    except ImportError:
        psutil = None
    if psutil is not None:
        try:
            return psutil.Process(pid).memory_info().rss / 2**20
        except psutil.Error:
            return None
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    match = re.search(r"^VmRSS:\s+(\d+) kB", text, re.M)
    return int(match.group(1)) / 1024 if match else None


# --------------------------------------------------------------------------- HTTP client


class Client:
    """One browser: a connection kept open while gunicorn allows it, and its cookies."""

    def __init__(self, port: int, cookies: dict | None = None):
        self.port = port
        self.cookies: dict[str, str] = dict(cookies or {})
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def _headers(self, extra: dict | None = None) -> dict:
        headers = dict(HEADERS)
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        return {**headers, **(extra or {})}

    def _reconnect(self) -> None:
        self.connection.close()
        self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)

    def request(self, method: str, path: str, body: str | None = None, headers: dict | None = None):
        """(status, body bytes, response). Retries once on a connection closed under us."""
        for attempt in range(2):
            try:
                self.connection.request(method, path, body=body, headers=self._headers(headers))
                response = self.connection.getresponse()
                data = response.read()
                break
            except (OSError, http.client.HTTPException):
                self._reconnect()
                if attempt:
                    raise
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie()
            cookie.load(header)
            for key, morsel in cookie.items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(key, None)
                else:
                    self.cookies[key] = morsel.value
        if response.getheader("Connection", "").lower() == "close":
            self._reconnect()
        return response.status, data, response

    def post_form(self, page: str, action: str, fields: dict, *, page_html: bytes | None = None):
        """POST ``fields`` to ``action`` with the CSRF token from ``page`` (fetched unless
        its HTML is given), as a browser submitting the form would."""
        if page_html is None:
            status, page_html, _r = self.request("GET", page)
            if status != 200:
                raise RuntimeError(f"GET {page}: {status}")
        match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page_html)
        if not match:
            raise RuntimeError(f"no CSRF token on {page}")
        body = urlencode({"csrfmiddlewaretoken": match.group(1).decode(), **fields}, doseq=True)
        return self.request(
            "POST",
            action,
            body=body,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"http://127.0.0.1:{self.port}{page}",
            },
        )

    def log_in(self, email: str, password: str) -> None:
        status, _data, response = self.post_form(
            "/konto/logg-inn/", "/konto/logg-inn/", {"username": email, "password": password}
        )
        if status != 302 or "sessionid" not in self.cookies:
            raise SystemExit(f"log-in as {email} failed: {status} {response.getheader('Location')}")

    def close(self) -> None:
        self.connection.close()


def sessions(port: int, email: str, password: str, count: int) -> list[dict]:
    """Log in ``count`` times (one session each, as that many browsers would); the
    cookies go to the load generator's processes."""
    result = []
    for _ in range(count):
        client = Client(port)
        client.log_in(email, password)
        result.append(dict(client.cookies))
        client.close()
    return result


# --------------------------------------------------------------------------- statistics


def summarise(latencies_ms: list[float], seconds: float) -> dict:
    values = sorted(latencies_ms)
    if len(values) > 1:
        quantiles = statistics.quantiles(values, n=100, method="inclusive")
    else:
        quantiles = [values[0] if values else 0.0] * 99
    return {
        "requests": len(values),
        "rps": len(values) / seconds if seconds else 0.0,
        "p50": quantiles[49],
        "p95": quantiles[94],
        "p99": quantiles[98],
        "max": values[-1] if values else 0.0,
    }


# --------------------------------------------------------------------------- load generator


def _generator_process(
    port, paths, cookies, first, count, seconds, barrier, queue, stride=None
) -> None:
    """``count`` client threads (numbers first..first+count-1) in one process, each
    cycling through ``paths`` from its own offset until the deadline. With ``stride``
    (the number of clients), client n sends paths n, n + stride, n + 2 × stride, … and
    stops when its share runs out: no path is sent twice in the run."""
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    clients = [
        Client(port, cookies[(first + n) % len(cookies)] if cookies else None) for n in range(count)
    ]
    try:
        barrier.wait(timeout=120)
    except threading.BrokenBarrierError:
        queue.put({"latencies": [], "errors": ["generator barrier broken"], "wall": 0, "cpu": 0})
        return
    cpu_started = time.process_time()
    started = time.perf_counter()
    deadline = started + seconds

    def work(number: int, client: Client) -> None:
        index = number if stride else number * 7
        own: list[float] = []
        own_errors: list[str] = []
        while time.perf_counter() < deadline:
            if stride and index >= len(paths):
                own_errors.append("ran out of distinct paths")
                break
            path = paths[index % len(paths)]
            index += stride or 1
            began = time.perf_counter()
            try:
                status, _data, _r = client.request("GET", path)
            except (OSError, http.client.HTTPException) as error:
                own_errors.append(f"{type(error).__name__} {path}")
                continue
            if status == 200:
                own.append((time.perf_counter() - began) * 1000)
            else:
                own_errors.append(f"{status} {path}")
        client.close()
        with lock:
            latencies.extend(own)
            errors.extend(own_errors)

    threads = [
        threading.Thread(target=work, args=(first + n, client)) for n, client in enumerate(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    queue.put(
        {
            "latencies": latencies,
            "errors": errors,
            "wall": time.perf_counter() - started,
            "cpu": time.process_time() - cpu_started,
        }
    )


def load(
    port: int,
    paths: list[str],
    *,
    clients: int,
    seconds: float,
    cookies: list[dict] | None = None,
    processes: int = 4,
    distinct: bool = False,
) -> dict:
    """``clients`` concurrent clients for ``seconds``, spread over up to ``processes``
    processes (threads inside each, so the generator is not held back by one GIL).
    Each client sends its next request as soon as the previous one is answered.
    ``distinct``: every path is sent at most once (each client takes every
    ``clients``-th path from its own offset; give enough paths for the run).
    Returns the summary (ms, req/s), errors and the generator's own CPU time."""
    context = multiprocessing.get_context("fork")
    processes = max(1, min(processes, clients))
    barrier = context.Barrier(processes + 1)
    queue = context.Queue()
    shares = [
        clients // processes + (1 if n < clients % processes else 0) for n in range(processes)
    ]
    workers = []
    first = 0
    for share in shares:
        worker = context.Process(
            target=_generator_process,
            args=(
                port,
                paths,
                cookies,
                first,
                share,
                seconds,
                barrier,
                queue,
                clients if distinct else None,
            ),
        )
        worker.start()
        workers.append(worker)
        first += share
    barrier.wait(timeout=120)
    load_before = os.getloadavg()[0]
    parts = [queue.get(timeout=seconds + 180) for _ in workers]
    for worker in workers:
        worker.join(timeout=30)
    wall = max(part["wall"] for part in parts) or seconds
    latencies = [value for part in parts for value in part["latencies"]]
    errors = [error for part in parts for error in part["errors"]]
    summary = summarise(latencies, wall)
    summary.update(
        {
            "clients": clients,
            "seconds": wall,
            "errors": errors,
            "generator_cpu": sum(part["cpu"] for part in parts),
            "loadavg": (load_before, os.getloadavg()[0]),
        }
    )
    return summary


# --------------------------------------------------------------------------- RESULTS.md


def write_section(name: str, text: str) -> None:
    """Replace the ``<!-- name:start -->`` … ``<!-- name:end -->`` block of
    bench/RESULTS.md (appended when missing)."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    existing = RESULTS.read_text() if RESULTS.exists() else "# Benchmarks\n"
    block = f"{start}\n{text.strip()}\n{end}"
    if start in existing:
        existing = re.sub(
            re.escape(start) + ".*?" + re.escape(end), lambda _m: block, existing, flags=re.S
        )
    else:
        existing = existing.rstrip() + "\n\n" + block + "\n"
    RESULTS.write_text(existing)


def ms(value: float) -> str:
    return f"{value:.1f} ms"
