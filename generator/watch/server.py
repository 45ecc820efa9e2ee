"""The preview's small web server: the standard library's ThreadingHTTPServer.

It listens on 127.0.0.1 unless told otherwise (--host), and answers only requests
addressed to the name it listens under (`Host: 127.0.0.1:8000` or `localhost:8000`),
so a web page elsewhere cannot read the briefs through a DNS-rebinding name.

    GET /                       the page
    GET /main                   its <main> contents now (X-Generation: the state's)
    GET /events                 server-sent events: `update` with the generation, each
                                time it changes (and once on connecting)
    GET /file/<name>            an output file of the output folder (.pdf or .docx)
    GET /page/<name>/<n>.png    page n of that output as an image

Everything served comes from the output folder: a <name> is one file name of it,
decoded once; a name with a slash or backslash in it (`..%2f`), `.` or `..`, a
leading dot, or another suffix, and any path with a `..` segment (`/../`,
`/%2e%2e/`), is refused (403) before the disk is touched.
"""

from __future__ import annotations

import contextlib
import hashlib
import ipaddress
import socket
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from generator.watch.page_images import PageImages
from generator.watch.preview_page import CONTENT_SECURITY_POLICY, PreviewPage
from generator.watch.state import PreviewState

KEEPALIVE_SECONDS = 15.0
SERVED_SUFFIXES = {".pdf": "application/pdf",
                   ".docx": "application/vnd.openxmlformats-officedocument."
                            "wordprocessingml.document"}
LOCAL_NAMES = ("127.0.0.1", "localhost", "[::1]")  # how a browser here names it


def is_loopback(host: str) -> bool:
    """Whether `host` is an address of this machine only (127.0.0.0/8, ::1)."""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


class Refused(Exception):
    """A request for something outside the output folder."""


def output_name(encoded: str) -> str:
    """The output file name an encoded path segment names; Refused when it could name
    anything but one .pdf or .docx file directly in the output folder."""
    try:
        name = unquote(encoded, errors="strict")
    except UnicodeDecodeError:
        raise Refused(encoded) from None
    if (not name or "/" in name or "\\" in name or "\0" in name or name.startswith(".")
            or Path(name).suffix not in SERVED_SUFFIXES):
        raise Refused(encoded)
    return name


def route(raw_path: str) -> tuple[str, list[str]]:
    """(route, encoded segments) of a request path (the origin form a browser sends:
    `/page/x.pdf/1.png?v=…`); Refused for any other form, and for a path that climbs."""
    path = raw_path.split("?", 1)[0].split("#", 1)[0]
    if not path.startswith("/") or "//" in path or "\\" in unquote(path):
        raise Refused(raw_path)
    segments = path.split("/")[1:]
    if any(unquote(segment) in (".", "..") for segment in segments):
        raise Refused(raw_path)
    return (segments[0] if segments else ""), segments[1:]


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], out: Path, state: PreviewState,
                 page: PreviewPage, images: PageImages) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, PreviewRequestHandler)
        self.out = out
        self.state = state
        self.page = page
        self.images = images
        # On this machine only, a request must name it; on another interface (--host),
        # whatever name the network knows it by is taken.
        shown = f"[{address[0]}]" if ":" in address[0] else address[0]
        self.names: set[str] | None = {
            f"{name}:{self.port}" for name in (*LOCAL_NAMES, shown)
        } if is_loopback(address[0]) else None

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    @property
    def url(self) -> str:
        host = str(self.server_address[0])
        return f"http://{f'[{host}]' if ':' in host else host}:{self.port}/"

    def serve_in_background(self) -> threading.Thread:
        thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.1},
                                  name="preview-server", daemon=True)
        thread.start()
        return thread

    def stop(self) -> None:
        self.state.close()
        self.shutdown()
        self.server_close()


class PreviewRequestHandler(BaseHTTPRequestHandler):
    server: PreviewServer
    protocol_version = "HTTP/1.1"
    server_version = "kinu-brief-watch"
    sys_version = ""

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the terminal shows one line per rebuild, not one per request."""

    def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
        names = self.server.names
        if names is not None and self.headers.get("Host", "").lower() not in names:
            self._send_text(HTTPStatus.FORBIDDEN, "unknown host name\n")
            return
        try:
            name, segments = route(self.path)
            self._answer(name, segments)
        except Refused:
            self._send_text(HTTPStatus.FORBIDDEN, "only the output folder's files are served\n")
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _answer(self, name: str, segments: list[str]) -> None:
        if name == "" and not segments:
            snapshot = self.server.state.snapshot()
            self._send(HTTPStatus.OK, "text/html; charset=utf-8",
                       self.server.page.document(snapshot).encode())
        elif name == "main" and not segments:
            snapshot = self.server.state.snapshot()
            self._send(HTTPStatus.OK, "text/html; charset=utf-8",
                       self.server.page.main(snapshot).encode(),
                       {"X-Generation": str(snapshot.generation)})
        elif name == "events" and not segments:
            self._stream_events()
        elif name == "file" and len(segments) == 1:
            self._send_file(output_name(segments[0]))
        elif name == "page" and len(segments) == 2:
            self._send_page(output_name(segments[0]), segments[1])
        else:
            self._send_text(HTTPStatus.NOT_FOUND, "not found\n")

    def _send_file(self, name: str) -> None:
        data = self._read(name)
        if data is not None:
            disposition = "inline" if name.endswith(".pdf") else "attachment"
            self._send(HTTPStatus.OK, SERVED_SUFFIXES[Path(name).suffix], data,
                       {"Content-Disposition": f"{disposition}; filename=\"{name}\""})

    def _send_page(self, name: str, image: str) -> None:
        number = image.removesuffix(".png")
        if not image.endswith(".png") or not number.isdigit():
            self._send_text(HTTPStatus.NOT_FOUND, "not found\n")
            return
        pdf = self._read(name) if name.endswith(".pdf") else self._docx_drawing(name)
        if pdf is None:
            return
        png = self.server.images.image(pdf, int(number))
        if png is None:
            self._send_text(HTTPStatus.NOT_FOUND, "no such page\n")
            return
        # Kept by the browser only under the address of the very bytes drawn (?v=):
        # a file changed since the page was written is drawn, but not kept as that one.
        asked = parse_qs(urlsplit(self.path).query).get("v", [""])[0]
        drawn = hashlib.sha256(pdf).hexdigest()[:len(asked)] if asked else None
        cache = "max-age=3600" if asked and drawn == asked else "no-store"
        self._send(HTTPStatus.OK, "image/png", png, {"Cache-Control": cache})

    def _docx_drawing(self, name: str) -> bytes | None:
        drawn = self.server.page.docx.drawn(name)
        if drawn is None:
            self._send_text(HTTPStatus.NOT_FOUND, "not drawn yet\n")
            return None
        return drawn.pdf

    def _read(self, name: str) -> bytes | None:
        try:
            return (self.server.out / name).read_bytes()
        except OSError:
            self._send_text(HTTPStatus.NOT_FOUND, "no such output\n")
            return None

    def _stream_events(self) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        self.close_connection = True
        state = self.server.state
        generation = state.generation
        self._event(generation)
        while True:
            now = state.wait_past(generation, KEEPALIVE_SECONDS)
            if now is None:
                return
            if now == generation:
                self.wfile.write(b": still here\n\n")
            else:
                self._event(now)
            self.wfile.flush()
            generation = now

    def _event(self, generation: int) -> None:
        self.wfile.write(f"event: update\ndata: {generation}\n\n".encode())
        self.wfile.flush()

    def _send_text(self, status: HTTPStatus, text: str) -> None:
        self._send(status, "text/plain; charset=utf-8", text.encode())

    def _send(self, status: HTTPStatus, content_type: str, body: bytes,
              headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        for key, value in {"Cache-Control": "no-store", **(headers or {})}.items():
            self.send_header(key, value)
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)
