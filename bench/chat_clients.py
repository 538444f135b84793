"""The live-room benchmark's load generator, run as a process of its own (`chat_bench.py` starts
it), so that the clients do not share an interpreter, a GIL or an event loop with the server
they measure.

The clients are a minimal WebSocket client on asyncio (uvloop when installed): a hand-written
handshake and a frame parser that reads a delivery's number and send time straight from the
frame's bytes, without decoding its JSON. With 500 sockets receiving 10 messages a second that
is 5,000 frames a second to read; a general-purpose client (the `websockets` package) spends
much of a core on that, which would show up as delivery delay that is the client's, not the
server's.

Protocol (JSON lines): the parent writes one line with the parameters on stdin; this process
answers on stdout with `{"event": "open", ...}` once its sockets are open, then for a delivery
run `{"event": "start"}` and `{"event": "end"}` around the measured window (the parent reads
the server's CPU time there) and a final `{"event": "result", ...}`; for idle sockets it waits
for a line on stdin before closing them.

Every bench message's body is `bench:<number>:<monotonic send time>`; the delay is measured in
this one process (sender and receivers share the clock), and every socket's deliveries are
checked: each number exactly once, in order.
"""

import asyncio
import base64
import contextlib
import json
import os
import re
import resource
import struct
import sys
import time
import zlib

BENCH = re.compile(rb"bench:(\d+):([0-9.]+)")
SEQ = re.compile(rb'"seq":(\d+)')
# What a browser offers (Chromium's words): the server may compress each frame, with a zlib
# stream per socket; the figures then include what that costs the server, as in production.
DEFLATE_OFFER = "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n"


class Socket(asyncio.Protocol):
    """One client WebSocket: handshake, text frames in and out, pings answered."""

    def __init__(
        self, host: str, port: int, path: str, origin: str, cookie: str | None, sink, deflate: bool
    ):
        self.request = (
            f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\n"
            "Connection: Upgrade\r\n"
            f"Sec-WebSocket-Key: {base64.b64encode(os.urandom(16)).decode()}\r\n"
            f"Sec-WebSocket-Version: 13\r\nOrigin: {origin}\r\n"
            + (f"Cookie: sessionid={cookie}\r\n" if cookie else "")
            + (DEFLATE_OFFER if deflate else "")
            + "\r\n"
        ).encode()
        self.inflate = None  # set when the server accepts compression
        self.sink = sink  # called with each text frame's bytes
        self.buffer = bytearray()
        self.open = asyncio.get_running_loop().create_future()
        self.closed = asyncio.get_running_loop().create_future()
        self.transport = None
        self.upgraded = False
        self.fragments: list[bytes] = []
        self.compressed = False

    def connection_made(self, transport):
        self.transport = transport
        transport.write(self.request)

    def connection_lost(self, exc):
        if not self.open.done():
            self.open.set_exception(ConnectionError("closed during the handshake"))
        if not self.closed.done():
            self.closed.set_result(None)

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        if not self.upgraded:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            status_head = bytes(self.buffer[:end]).lower()
            status = status_head.split(b"\r\n", 1)[0]
            del self.buffer[: end + 4]
            if b" 101 " not in status:
                self.open.set_exception(ConnectionError(status.decode("latin-1")))
                self.transport.close()
                return
            if b"permessage-deflate" in status_head:
                self.inflate = zlib.decompressobj(wbits=-15)
            self.upgraded = True
            self.open.set_result(None)
        buffer = self.buffer
        while len(buffer) >= 2:
            first, second = buffer[0], buffer[1]
            length, at = second & 0x7F, 2
            if length == 126:
                if len(buffer) < 4:
                    return
                length, at = struct.unpack_from("!H", buffer, 2)[0], 4
            elif length == 127:
                if len(buffer) < 10:
                    return
                length, at = struct.unpack_from("!Q", buffer, 2)[0], 10
            if len(buffer) < at + length:
                return
            payload = bytes(buffer[at : at + length])
            del buffer[: at + length]
            opcode = first & 0x0F
            if opcode == 0x9:  # ping
                self._write(0xA, payload)
            elif opcode == 0x8:  # close: answer and go
                self._write(0x8, payload[:2])
                self.transport.close()
                return
            elif opcode in (0x1, 0x2, 0x0):
                if opcode:
                    self.compressed = bool(first & 0x40)  # RSV1 on the first fragment
                if not first & 0x80:  # a fragment: wait for the rest
                    self.fragments.append(payload)
                    continue
                if self.fragments:
                    payload = b"".join([*self.fragments, payload])
                    self.fragments = []
                if self.compressed:
                    payload = self.inflate.decompress(payload + b"\0\0\xff\xff")
                self.sink(payload)

    def _write(self, opcode: int, payload: bytes) -> None:
        """A masked client frame. The mask key is zero (allowed: the masking is for proxies
        that a loopback benchmark does not have), so the payload goes as it is."""
        length = len(payload)
        if length < 126:
            head = struct.pack("!BB", 0x80 | opcode, 0x80 | length)
        elif length < 65536:
            head = struct.pack("!BBH", 0x80 | opcode, 0x80 | 126, length)
        else:
            head = struct.pack("!BBQ", 0x80 | opcode, 0x80 | 127, length)
        self.transport.write(head + b"\0\0\0\0" + payload)

    def send_text(self, text: str) -> None:
        self._write(0x1, text.encode())

    async def close(self) -> None:
        if self.transport is not None and not self.transport.is_closing():
            self._write(0x8, struct.pack("!H", 1000))
            try:
                await asyncio.wait_for(asyncio.shield(self.closed), 5)
            except TimeoutError:
                self.transport.close()


async def open_sockets(params: dict, cookies: list, sink_for, offset: int = 0) -> list[Socket]:
    """Open a socket per cookie, 50 at a time (as people arrive), spread over `params["paths"]`
    (one room of a few hundred each for idle sockets)."""
    loop = asyncio.get_running_loop()
    host, port, origin = params["host"], params["port"], params["origin"]
    paths = params["paths"]
    deflate = params.get("deflate", True)
    sockets: list[Socket] = []
    for start in range(0, len(cookies), 50):
        batch = []
        for n, cookie in enumerate(cookies[start : start + 50], start + offset):
            path = paths[(n // params.get("per_path", len(cookies) or 1)) % len(paths)]
            batch.append(
                loop.create_connection(
                    lambda path=path, cookie=cookie, n=n: Socket(
                        host, port, path, origin, cookie, sink_for(n), deflate
                    ),
                    host,
                    port,
                )
            )
        made = await asyncio.gather(*batch)
        for _transport, protocol in made:
            await asyncio.wait_for(protocol.open, 120)
            sockets.append(protocol)
    return sockets


def say(event: str, **fields) -> None:
    sys.stdout.write(json.dumps({"event": event, **fields}) + "\n")
    sys.stdout.flush()


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def keep_alive(sockets: list[Socket], params: dict) -> None:
    """Each socket sends `params["ping"]` every `ping_seconds`, as the room's script does
    (every 25 s), spread evenly: 500 sockets make 20 pings a second."""
    every = params.get("ping_seconds", 25) / max(len(sockets), 1)
    while True:
        for sock in sockets:
            await asyncio.sleep(every)
            sock.send_text(params["ping"])


async def deliveries(params: dict) -> None:
    rate, seconds = params["rate"], params["seconds"]
    expected = int(rate * seconds)
    listeners = params["listeners"]
    delays: list[float] = []
    seen = [bytearray(expected) for _ in listeners]  # each message once per socket
    last_seq = [0] * len(listeners)  # the room's numbers only go up on a socket
    counts = [0] * len(listeners)
    problems = {"duplicates": 0, "out_of_order": 0}
    done = asyncio.Event()
    remaining = [len(listeners)]
    detail: dict | None = {} if params.get("detail") else None  # the slowest delivery of each

    def sink_for(n: int):
        def sink(payload: bytes) -> None:
            found = BENCH.search(payload)
            if found is None:
                return
            now = time.monotonic()
            number = int(found.group(1))
            if number < 0:  # warm-up
                return
            numbered = SEQ.search(payload)
            if numbered is not None:
                seq = int(numbered.group(1))
                if seq <= last_seq[n]:
                    problems["out_of_order"] += 1
                last_seq[n] = seq
            if seen[n][number]:
                problems["duplicates"] += 1
                return
            seen[n][number] = 1
            delays.append((now - float(found.group(2))) * 1000)
            if detail is not None:
                detail[number] = max(detail.get(number, 0.0), delays[-1])
            counts[n] += 1
            if counts[n] == expected:
                remaining[0] -= 1
                if not remaining[0]:
                    done.set()

        return sink

    listening = await open_sockets(params, listeners, sink_for)
    senders = await open_sockets(params, params["senders"], lambda n: lambda payload: None)
    say("open", sockets=len(listening) + len(senders))
    pinging = asyncio.create_task(keep_alive(listening, params)) if params.get("ping") else None
    frame = params["frame"]  # a template with {body}
    # Warm the server up (templates, the safety net's model) and let the arrivals settle.
    for n, sender in enumerate(senders[:5]):
        sender.send_text(frame.replace("{body}", f"warm-up bench:-{n + 1}:0"))
        await asyncio.sleep(0.5)
    await asyncio.sleep(3)
    client_cpu = cpu_seconds()
    say("start")
    began = time.monotonic()
    for n in range(expected):
        wait = began + n / rate - time.monotonic()  # a steady 10 a second, not drifting
        if wait > 0:
            await asyncio.sleep(wait)
        now = time.monotonic()
        senders[n % len(senders)].send_text(frame.replace("{body}", f"bench:{n}:{now!r}"))
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(done.wait(), timeout=params.get("timeout", 30))
    window = time.monotonic() - began
    client_cpu = cpu_seconds() - client_cpu
    say("end")
    if pinging is not None:
        pinging.cancel()
    for sock in listening + senders:
        await sock.close()
    say(
        "result",
        delays=[round(d, 2) for d in delays],
        wanted=expected * len(listening),
        sockets_complete=sum(1 for c in counts if c == expected),
        window_s=window,
        client_cpu_s=client_cpu,
        slowest=[round(detail.get(n, -1), 1) for n in range(expected)] if detail else None,
        **problems,
    )


async def idle(params: dict) -> None:
    """Open half the sockets, wait for a line, open the other half: the parent reads the
    server's memory in between, so what it finds is what one more socket costs a warm process,
    not the process's first use of each code path."""
    loop = asyncio.get_running_loop()
    listeners = params["listeners"]
    half = len(listeners) // 2
    ignore = lambda n: lambda payload: None  # noqa: E731
    sockets = await open_sockets(params, listeners[:half], ignore)
    say("half", sockets=len(sockets))
    await loop.run_in_executor(None, sys.stdin.readline)
    sockets += await open_sockets(params, listeners[half:], ignore, offset=half)
    say("open", sockets=len(sockets))
    await loop.run_in_executor(None, sys.stdin.readline)
    for sock in sockets:
        await sock.close()
    say("result")


def main() -> None:
    params = json.loads(sys.stdin.readline())
    try:
        import uvloop

        runner = uvloop.run
    except ImportError:
        runner = asyncio.run
    runner(deliveries(params) if params["mode"] == "deliveries" else idle(params))


if __name__ == "__main__":
    main()
