"""A TCP proxy on a random localhost port, run in threads of the test process: put
between the app and PostgreSQL, it can play a database restart as the app sees one
(every open connection cut, new ones refused for a while) without touching the real
server, which other test runs share."""

import contextlib
import socket
import threading


class RestartableProxy:
    def __init__(self, target_host: str, target_port: int):
        self.target = (target_host, target_port)
        self.port = 0
        self.accepted = 0
        self._sockets: set[socket.socket] = set()
        self._lock = threading.Lock()
        self._stop: threading.Event | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> "RestartableProxy":
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))  # the same port again after an outage
        listener.listen(64)
        listener.settimeout(0.05)
        self.port = listener.getsockname()[1]
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._accept, args=(listener, self._stop), daemon=True
        )
        self._thread.start()
        return self

    def outage(self) -> None:
        """The database goes down: stop listening (connecting is refused) and cut every
        open connection in both directions."""
        self._stop.set()
        self._thread.join()
        with self._lock:
            sockets = list(self._sockets)
        for sock in sockets:
            self._close(sock)

    def restore(self) -> None:
        """The database is back on the same address."""
        self.start()

    close = outage

    def _accept(self, listener: socket.socket, stop: threading.Event) -> None:
        with listener:
            while not stop.is_set():
                try:
                    client, _ = listener.accept()
                except TimeoutError:
                    continue
                except OSError:
                    return
                client.setblocking(True)
                try:
                    upstream = socket.create_connection(self.target, timeout=5)
                except OSError:
                    client.close()
                    continue
                upstream.settimeout(None)
                with self._lock:
                    self.accepted += 1
                    self._sockets.update((client, upstream))
                for source, destination in ((client, upstream), (upstream, client)):
                    threading.Thread(
                        target=self._pump, args=(source, destination), daemon=True
                    ).start()

    def _pump(self, source: socket.socket, destination: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                destination.sendall(data)
        except OSError:
            pass
        finally:
            self._close(source)
            self._close(destination)

    def _close(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.discard(sock)
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)  # wakes a thread blocked in recv()
        sock.close()
