"""Broken and hostile HTTP on raw sockets against the real server (gunicorn): each gets a 4xx
from gunicorn or the app, names no server version, and the server keeps answering others.

Part of issue 5, "Hold up under load, hostile queries and bad data". Everything here talks
only to the test server on 127.0.0.1, with bounded counts and timeouts.
"""

from __future__ import annotations

import re
import socket
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from urllib.parse import quote, urlsplit

import pytest

from tests.server.conftest import running_server

pytestmark = pytest.mark.server

ASK = b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n"
POST_HEAD = (b"POST /sparql HTTP/1.1\r\nHost: test\r\nContent-Type: application/sparql-query\r\n"
             b"Content-Length: %d\r\n\r\n")
TIMEOUT = 10.0
# What must never be in an answer: a version of the server, Python or a library, a traceback.
VERSION = re.compile(rb"(gunicorn|werkzeug|python|flask)/?\s*\d", re.IGNORECASE)


def _address(server) -> tuple[str, int]:
    parts = urlsplit(server.url)
    return parts.hostname, parts.port


@contextmanager
def _connection(server, timeout: float = TIMEOUT) -> Iterator[socket.socket]:
    with socket.create_connection(_address(server), timeout=timeout) as sock:
        yield sock


def _read_all(sock: socket.socket) -> bytes:
    """Everything the server sends until it closes (bounded by the socket's timeout)."""
    received = b""
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        try:
            chunk = sock.recv(65536)
        except ConnectionResetError:
            break
        if not chunk:
            break
        received += chunk
    return received


def _exchange(server, data: bytes) -> bytes:
    """Send ``data``, say we are done writing, and read the whole answer."""
    with _connection(server) as sock:
        sock.sendall(data)
        sock.shutdown(socket.SHUT_WR)
        return _read_all(sock)


def _status(response: bytes) -> int:
    match = re.match(rb"HTTP/1\.[01] (\d{3}) ", response)
    assert match, response[:200]
    return int(match.group(1))


def _headers(response: bytes) -> dict[str, str]:
    head = response.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")[1:]
    return {name.strip().lower(): value.strip()
            for name, _, value in (line.partition(":") for line in head)}


def _assert_refused(response: bytes, *statuses: int) -> None:
    assert _status(response) in statuses, response[:300]
    assert b"Traceback" not in response
    assert not VERSION.search(response), response[:500]
    server_header = _headers(response).get("server", "")
    assert not any(character.isdigit() for character in server_header)


@pytest.fixture(autouse=True)
def still_serving(server):
    """After every hostile exchange an ordinary request still gets its answer."""
    yield
    response = _exchange(server, ASK)
    assert _status(response) == 200, response[:300]
    assert response.endswith(b'"boolean":true}')


def test_a_100_kb_header_is_refused_with_431(server):
    request = b"GET / HTTP/1.1\r\nHost: test\r\nX-Big: " + b"a" * 100_000 + b"\r\n\r\n"
    _assert_refused(_exchange(server, request), 431, 400)


def test_a_thousand_headers_are_refused_with_431(server):
    headers = b"".join(b"X-Header-%d: value\r\n" % number for number in range(1000))
    _assert_refused(_exchange(server, b"GET / HTTP/1.1\r\nHost: test\r\n" + headers + b"\r\n"),
                    431, 400)


def test_a_request_line_of_10_kb_is_refused_with_414(server):
    request = b"GET /sparql?query=" + b"a" * 10_000 + b" HTTP/1.1\r\nHost: test\r\n\r\n"
    _assert_refused(_exchange(server, request), 414, 400)


@pytest.mark.parametrize("request_bytes", [
    b"\x00\x01\x02\xff\xfe garbage\r\n\r\n",
    b"G@T / HTTP/1.1\r\nHost: test\r\n\r\n",
    b"GET / HTTP/9.9\r\nHost: test\r\n\r\n",
    b"GET / HTTX/1.1\r\nHost: test\r\n\r\n",
    b"GET\r\n\r\n",
    b"GET /a b HTTP/1.1\r\nHost: test\r\n\r\n",
    b"GET /municipality/\xff\xfe HTTP/1.1\r\nHost: test\r\n\r\n",
    b"GET /sparql?query=ASK%7B%7D&x=\x01 HTTP/1.1\r\nHost: test\r\n\r\n",
    b"GET / HTTP/1.1\r\nHost: test\r\nX-Nul: a\x00b\r\n\r\n",
    b"GET / HTTP/1.1\r\nHost: test\r\nno colon here\r\n\r\n",
    b"GET / HTTP/1.1\r\nHost: test\r\n folded: header\r\n\r\n",
], ids=["binary", "bad-method", "http-9.9", "bad-protocol", "no-target", "space-in-target",
        "raw-bytes-in-path", "control-in-query", "nul-in-header", "header-without-colon",
        "folded-header"])
def test_a_malformed_request_is_400(server, request_bytes):
    _assert_refused(_exchange(server, request_bytes), 400)


@pytest.mark.parametrize("framing", [
    b"Content-Length: abc\r\n",
    b"Content-Length: -5\r\n",
    b"Content-Length: 5\r\nContent-Length: 6\r\n",
    b"Content-Length: 5\r\nTransfer-Encoding: chunked\r\n",
    b"Transfer-Encoding: gzip, chunked, identity\r\n",
], ids=["not-a-number", "negative", "two-lengths", "length-and-chunked", "odd-coding"])
def test_an_ambiguous_body_length_is_400(server, framing):
    request = (b"POST /sparql HTTP/1.1\r\nHost: test\r\nContent-Type: application/sparql-query\r\n"
               + framing + b"\r\n0\r\n\r\n")
    _assert_refused(_exchange(server, request), 400, 501)


def test_a_malformed_chunk_is_400(server):
    request = (b"POST /sparql HTTP/1.1\r\nHost: test\r\nContent-Type: application/sparql-query\r\n"
               b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nZZ\r\nASK {}\r\n0\r\n\r\n")
    _assert_refused(_exchange(server, request), 400)


def test_a_huge_content_length_is_413_at_once(server):
    """The body cap is checked against the announced length: the answer comes while the
    connection stays open and the body is never sent."""
    with _connection(server) as sock:
        sock.sendall(POST_HEAD % 99_999_999_999 + b"ASK {}")
        response = b""
        while b"\r\n\r\n" not in response or len(response.split(b"\r\n\r\n", 1)[1]) < int(
                _headers(response).get("content-length", "0")):
            chunk = sock.recv(65536)
            assert chunk, response
            response += chunk
    _assert_refused(response, 413)
    body = response.split(b"\r\n\r\n", 1)[1]
    assert body.startswith(b"413 ") and b"Too Large" in body


def test_http_1_0_without_host_is_answered(server):
    response = _exchange(server, b"GET /sparql?query=ASK%7B%7D HTTP/1.0\r\n\r\n")
    assert response.startswith(b"HTTP/1.0 200 ")
    assert response.endswith(b'"boolean":true}')
    assert not VERSION.search(response)


@pytest.mark.parametrize("stall", [
    POST_HEAD % 1000 + b"ASK",  # the whole head, part of the body
    b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: te",  # part of the head
], ids=["mid-body", "mid-headers"])
def test_a_few_stalled_clients_do_not_block_others(server, stall):
    """Three clients that stop sending (fewer than the threads of one worker): others are
    answered meanwhile, and after the stalled ones give up."""
    with ExitStack() as stack:
        stalled = [stack.enter_context(_connection(server)) for _ in range(3)]
        for sock in stalled:
            sock.sendall(stall)
        time.sleep(0.3)
        started = time.monotonic()
        for _ in range(5):
            assert _status(_exchange(server, ASK)) == 200
        assert time.monotonic() - started < TIMEOUT


@pytest.mark.slow
def test_clients_that_send_too_slowly_are_let_go_and_others_answered(fixture_build):
    """Twice as many half-sent requests as the worker has threads: each is closed at the read
    timeout, so they cannot hold the server."""
    with running_server(fixture_build, workers=1,
                        extra_env={"COOPGRAPH_CLIENT_TIMEOUT": "1"}) as single, \
            ExitStack() as stack:
        stalled = [stack.enter_context(_connection(single, timeout=30)) for _ in range(8)]
        for sock in stalled:
            sock.sendall(b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: te")
        time.sleep(0.3)
        with _connection(single, timeout=30) as sock:
            sock.sendall(ASK)
            assert _status(sock.recv(65536)) == 200
        for sock in stalled:
            assert sock.recv(65536) == b""  # closed, without an answer to a request never sent
        log = single.log.read_text()
    assert "closed the connection of a client that stalled for 1 s" in log
    assert "Traceback" not in log


@pytest.mark.slow
def test_clients_that_stop_reading_are_let_go_and_others_answered(fixture_build):
    """Twice as many clients as threads ask for a large answer and never read it: each is
    closed once sending has stalled for the timeout, so they cannot hold the server."""
    big = quote("SELECT ?s ?p ?o ?x WHERE { ?s ?p ?o . ?x a ?type } LIMIT 90000")
    request = (f"GET /sparql?query={big} HTTP/1.1\r\nHost: test\r\n"
               "Accept: application/sparql-results+json\r\n\r\n").encode()
    with running_server(fixture_build, workers=1,
                        extra_env={"COOPGRAPH_CLIENT_TIMEOUT": "1"}) as single, \
            ExitStack() as stack:
        for _ in range(8):
            sock = stack.enter_context(_connection(single, timeout=60))
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            sock.sendall(request)
        time.sleep(0.5)
        with _connection(single, timeout=60) as sock:
            sock.sendall(ASK)
            assert _status(sock.recv(65536)) == 200
        log = single.log.read_text()
    assert "closed the connection of a client that stalled for 1 s" in log
    assert "Traceback" not in log


def test_a_client_that_disconnects_mid_body_gets_nothing_and_harms_nothing(server):
    with _connection(server) as sock:
        sock.sendall(POST_HEAD % 5000 + b"ASK { ?s ?p")
        sock.shutdown(socket.SHUT_WR)
        response = _read_all(sock)
    assert response == b"" or _status(response) == 400, response[:300]


def test_error_answers_of_the_app_name_no_version(server):
    for request_line in (b"GET /municipality/atlantis", b"PROPFIND /sparql",
                         b"GET /sparql?query=SELECT", b"GET /download/..%2fmanifest.json"):
        response = _exchange(server, request_line + b" HTTP/1.1\r\nHost: test\r\n"
                                                    b"Connection: close\r\n\r\n")
        _assert_refused(response, 400, 404, 405)
        assert _headers(response).get("content-type", "").startswith("text/plain")
