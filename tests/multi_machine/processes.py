"""Real processes for the multi-machine tests: gunicorn app servers, `manage.py db_worker`
workers and a Redis server, each on its own loopback port, all against the test
database; and a small cookie-keeping HTTP client (the standard library's http.client)."""

import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import quote, urlencode

BASE_DIR = Path(__file__).resolve().parents[2]
START_TIMEOUT = 30
# Variables of the developer's or CI's shell that would change what the processes do.
INHERITED_PREFIXES = ("DJANGO_", "DATABASE_", "DB_", "REDIS_", "STORAGE_", "AWS_", "EMAIL_")
INHERITED_NAMES = {"SECRET_KEY", "DEBUG", "TASKS_BACKEND", "MEDIA_ROOT", "LOG_LEVEL"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url(settings_dict: dict) -> str:
    """A DATABASE_URL for the database Django's test runner made (test_<name>)."""
    user = quote(settings_dict["USER"] or "", safe="")
    password = settings_dict["PASSWORD"]
    credentials = f"{user}:{quote(password, safe='')}" if password else user
    host = settings_dict["HOST"] or "127.0.0.1"
    port = settings_dict["PORT"] or "5432"
    return f"postgres://{credentials}@{host}:{port}/{quote(settings_dict['NAME'], safe='')}"


def process_environment(**changes: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(INHERITED_PREFIXES) and key not in INHERITED_NAMES
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "tests.multi_machine.server_settings",
            "DJANGO_ENV": "test",
            "DEBUG": "false",
            "LOG_LEVEL": "INFO",
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.update(changes)
    return env


@dataclass
class Process:
    name: str
    args: list[str]
    env: dict[str, str]
    log: Path
    popen: subprocess.Popen | None = field(default=None, repr=False)
    # SIGTERM: db_worker finishes the task at hand, then exits.
    stop_signal: int = signal.SIGTERM

    def start(self) -> "Process":
        with self.log.open("ab") as log:
            self.popen = subprocess.Popen(  # noqa: S603 - our own fixed command line
                self.args,
                cwd=BASE_DIR,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        return self

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def running(self) -> bool:
        return self.popen is not None and self.popen.poll() is None

    def wait(self, timeout: float) -> int:
        assert self.popen is not None
        try:
            return self.popen.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            raise AssertionError(f"{self.name} did not finish:\n{self.output()[-3000:]}") from None

    def ask_to_stop(self) -> None:
        if self.running():
            self.popen.send_signal(self.stop_signal)

    def wait_until_stopped(self) -> None:
        if self.popen is None:
            return
        try:
            self.popen.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.popen.kill()
            self.popen.wait(timeout=10)

    def stop(self) -> None:
        self.ask_to_stop()
        self.wait_until_stopped()


class AppServer(Process):
    """gunicorn serving portal.wsgi on one loopback port, like one machine behind the
    load balancer."""

    def __init__(self, name: str, env: dict[str, str], log_dir: Path, port: int | None = None):
        self.port = port or free_port()
        super().__init__(
            name=name,
            args=[
                sys.executable,
                "-m",
                "gunicorn",
                "portal.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "1",
                "--no-control-socket",  # one per host by default; several servers here
                "--graceful-timeout",
                "3",
                "--timeout",
                "60",
            ],
            env=env,
            log=log_dir / f"{name}.log",
            # gunicorn's quick shutdown; its graceful one (SIGTERM) waits for the
            # graceful timeout while an idle sync worker sits in select().
            stop_signal=signal.SIGINT,
        )

    def start(self, *, wait: bool = True) -> "AppServer":
        super().start()
        return self.wait_until_ready() if wait else self

    def wait_until_ready(self) -> "AppServer":
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if not self.running():
                raise AssertionError(f"{self.name} exited:\n{self.output()[-3000:]}")
            try:
                status, _headers, _body = Visitor().get(self, "/healthz")
            except OSError:
                time.sleep(0.1)
                continue
            if status == 200:
                return self
            raise AssertionError(f"{self.name} is unhealthy ({status}):\n{self.output()[-3000:]}")
        raise AssertionError(f"{self.name} did not start:\n{self.output()[-3000:]}")

    def restart(self) -> "AppServer":
        self.stop()
        return self.start()


def db_worker(name: str, env: dict[str, str], log_dir: Path, *extra: str) -> Process:
    return Process(
        name=name,
        args=[sys.executable, "manage.py", "db_worker", "--no-startup-delay", *extra],
        env=env,
        log=log_dir / f"{name}.log",
    )


class RedisServer(Process):
    def __init__(self, log_dir: Path):
        self.port = free_port()
        super().__init__(
            name="redis",
            args=[
                shutil.which("redis-server") or "redis-server",
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--protected-mode",
                "yes",
            ],
            env=dict(os.environ),
            log=log_dir / "redis.log",
        )

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> "RedisServer":
        import redis

        super().start()
        client = redis.Redis.from_url(self.url)
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            try:
                if client.ping():
                    return self
            except redis.ConnectionError:
                time.sleep(0.05)
        raise AssertionError(f"Redis did not start:\n{self.output()[-2000:]}")


CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Visitor:
    """One browser: keeps its cookies across requests and across servers (they share
    the public host name behind a load balancer, so the browser sends the same cookies)."""

    def __init__(self, headers: dict[str, str] | None = None) -> None:
        self.cookies: dict[str, str] = {}
        # Sent with every request (e.g. the X-Forwarded-For a load balancer adds).
        self.headers = dict(headers or {})

    def request(
        self, server: AppServer, method: str, path: str, form: dict | None = None
    ) -> tuple[int, http.client.HTTPMessage, str]:
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        headers = {"Host": f"127.0.0.1:{server.port}", **self.headers}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", errors="replace")
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return response.status, response.headers, text

    def get(self, server: AppServer, path: str):
        return self.request(server, "GET", path)

    def post_form(self, server: AppServer, path: str, form: dict, *, token_from: str | None = None):
        """POST ``form`` with the CSRF token from the form page, as a browser would."""
        status, _headers, page = self.get(server, token_from or path)
        assert status == 200, f"GET {token_from or path} gave {status}"
        match = CSRF_FIELD.search(page)
        assert match, f"no CSRF token on {token_from or path}"
        return self.request(server, "POST", path, {"csrfmiddlewaretoken": match.group(1), **form})
