"""A small threaded TCP proxy the fault tests and fault scripts put between the app and
PostgreSQL or Redis, so they can make a shared server hang or vanish for the app alone (the
shared servers are never stopped or reconfigured).

    with TCPProxy("127.0.0.1", 5432) as proxy:      # listens on 127.0.0.1:<proxy.port>
        url = proxy.url("postgres://postgres@127.0.0.1:5432/mydb")  # same URL, via the proxy
        proxy.hang()       # connections stay open, nothing is forwarded either way
        proxy.close()      # open connections are reset; new ones are accepted and reset
        proxy.pass_through()   # forward again (bytes held while hung are delivered)

Modes: "pass" (default), "hang" (accept but stop forwarding: a server that is stuck, or a
network that eats packets while the kernel still acknowledges them), "close" (a server that
is down: every connection is reset at once).
"""

import contextlib
import select
import socket
import struct
import threading
import urllib.parse

MODES = ("pass", "hang", "close")
POLL_SECONDS = 0.05


class TCPProxy:
    def __init__(self, target_host, target_port, listen_host="127.0.0.1", listen_port=0):
        self.target = (target_host, int(target_port))
        self._mode = "pass"
        self._changed = threading.Condition()
        self._stopping = threading.Event()
        self._connections = set()  # (client socket, upstream socket or None)
        self._lock = threading.Lock()
        self.accepted = 0  # connections accepted so far, in any mode
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind((listen_host, listen_port))
        self._listener.listen(128)
        self.host, self.port = self._listener.getsockname()[:2]
        self._thread = threading.Thread(target=self._accept_loop, name="tcp-proxy", daemon=True)

    # --- Control ------------------------------------------------------------------------

    def start(self):
        self._thread.start()
        return self

    @property
    def mode(self):
        return self._mode

    def set_mode(self, mode):
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
        with self._changed:
            self._mode = mode
            self._changed.notify_all()
        if mode == "close":
            self._reset_all()

    def pass_through(self):
        self.set_mode("pass")

    def hang(self):
        self.set_mode("hang")

    def close(self):
        self.set_mode("close")

    def url(self, url):
        """`url` (postgres://..., redis://...) with its host and port replaced by the proxy's."""
        parts = urllib.parse.urlsplit(url)
        userinfo = parts.netloc.rpartition("@")[0]
        netloc = f"{userinfo}@{self.host}:{self.port}" if userinfo else f"{self.host}:{self.port}"
        return urllib.parse.urlunsplit(parts._replace(netloc=netloc))

    def open_connections(self):
        with self._lock:
            return len(self._connections)

    def stop(self):
        self._stopping.set()
        with self._changed:
            self._changed.notify_all()
        with contextlib.suppress(OSError):
            self._listener.close()
        self._reset_all()
        if self._thread.is_alive():
            self._thread.join(timeout=5)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    # --- Work ---------------------------------------------------------------------------

    def _accept_loop(self):
        while not self._stopping.is_set():
            try:
                # stop() closes the listener under select() or accept(): either then fails.
                readable, _, _ = select.select([self._listener], [], [], POLL_SECONDS)
                if not readable:
                    continue
                client, _address = self._listener.accept()
            except (OSError, ValueError):
                return
            self.accepted += 1
            if self._mode == "close":
                _reset(client)
                continue
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _wait_while_hung(self):
        """Block while hung; False once the connection must end (stopping or closed)."""
        with self._changed:
            while self._mode == "hang" and not self._stopping.is_set():
                self._changed.wait(POLL_SECONDS)
        return self._mode == "pass" and not self._stopping.is_set()

    def _serve(self, client):
        pair = [client, None]
        with self._lock:
            self._connections.add(tuple(pair))
        try:
            # A hung server accepts the connection and then says nothing at all.
            if not self._wait_while_hung():
                return
            upstream = socket.create_connection(self.target, timeout=5)
            upstream.settimeout(None)
            with self._lock:
                self._connections.discard((client, None))
                self._connections.add((client, upstream))
            pair[1] = upstream
            pump = threading.Thread(target=self._pump, args=(upstream, client), daemon=True)
            pump.start()
            self._pump(client, upstream)
            pump.join()
        except OSError:
            pass
        finally:
            with self._lock:
                self._connections.discard((client, pair[1]))
            for sock in pair:
                if sock is not None:
                    with contextlib.suppress(OSError):
                        sock.close()

    def _pump(self, source, target):
        while True:
            if not self._wait_while_hung():
                return
            try:
                readable, _, _ = select.select([source], [], [], POLL_SECONDS)
            except (OSError, ValueError):
                return
            if not readable:
                continue
            try:
                data = source.recv(65536)
            except OSError:
                data = b""
            if not data:
                with contextlib.suppress(OSError):
                    target.shutdown(socket.SHUT_WR)
                return
            if not self._wait_while_hung():
                return
            try:
                target.sendall(data)
            except OSError:
                return

    def _reset_all(self):
        with self._lock:
            connections = list(self._connections)
        for pair in connections:
            for sock in pair:
                if sock is not None:
                    _reset(sock)


def _reset(sock):
    """Close with a TCP reset, as a crashed server's kernel would."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    with contextlib.suppress(OSError):
        sock.close()
