"""WebSocket fan-out of the food service, for scripts/bench-food: connect CLIENTS staff clients to /food/ws (each with
its own moderator session, each following one restaurant), then REPS times advance an order of that restaurant
(POST /food/orders/{id}/advance, as staff) and time, per client, the request's start to the event's arrival.

The client is plain asyncio with the WebSocket framing written out (no library), so it costs as little as possible
while the event is in flight: the receive callback only appends (time.monotonic(), bytes); frames are decoded after
each repetition. The request goes out from the same process, so both times come from one clock.

Usage: food-ws-bench.py URL STAFF_TOKENS_FILE CLIENTS RESTAURANT_ID ORDER_IDS_FILE REPS OUT_JSON
Writes {"clients", "events", "missed", "latencies_ms": [...], "request_ms": [...]} to OUT_JSON."""
import asyncio
import base64
import json
import os
import sys
import time
import urllib.parse

url, tokens_file, clients, restaurant, orders_file, reps, out = sys.argv[1:8]
clients, reps = int(clients), int(reps)
parsed = urllib.parse.urlparse(url)
host, port = parsed.hostname, parsed.port
tokens = [line.strip() for line in open(tokens_file) if line.strip()][:clients]
assert len(tokens) == clients, f"need {clients} staff tokens, {tokens_file} has {len(tokens)}"
order_ids = [line.strip() for line in open(orders_file) if line.strip()]
assert len(order_ids) >= reps, f"need {reps} orders, {orders_file} has {len(order_ids)}"


def mask_frame(text):
    """A masked text frame (clients must mask)."""
    payload = text.encode()
    key = os.urandom(4)
    masked = bytes(b ^ key[i % 4] for i, b in enumerate(payload))
    n = len(payload)
    header = bytes([0x81, 0x80 | n]) if n < 126 else bytes([0x81, 0x80 | 126]) + n.to_bytes(2, "big")
    return header + key + masked


class FrameReader:
    """Server frames (unmasked) from a byte stream fed in timed chunks: yields (time of the completing chunk, opcode, payload)."""

    def __init__(self):
        self.buf = bytearray()

    def feed(self, t, data):
        self.buf += data
        frames = []
        while len(self.buf) >= 2:
            opcode, n, at = self.buf[0] & 0x0F, self.buf[1] & 0x7F, 2
            if n == 126:
                if len(self.buf) < 4:
                    break
                n, at = int.from_bytes(self.buf[2:4], "big"), 4
            elif n == 127:
                if len(self.buf) < 10:
                    break
                n, at = int.from_bytes(self.buf[2:10], "big"), 10
            if len(self.buf) < at + n:
                break
            frames.append((t, opcode, bytes(self.buf[at:at + n])))
            del self.buf[:at + n]
        return frames


class Recorder:
    """Counts the clients that received anything since the start of a repetition."""

    def __init__(self):
        self.recording = False
        self.heard = 0
        self.all_heard = asyncio.Event()


class Client(asyncio.Protocol):
    def __init__(self, token, recorder):
        self.token = token
        self.recorder = recorder
        self.head = bytearray()
        self.upgraded = False
        self.reader = FrameReader()
        self.chunks = []
        self.heard = False
        self.subscribed = asyncio.get_running_loop().create_future()
        self.transport = None

    def connection_made(self, transport):
        self.transport = transport
        key = base64.b64encode(os.urandom(16)).decode()
        transport.write((
            f"GET /food/ws HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\nCookie: access_token={self.token}\r\n\r\n").encode())

    def data_received(self, data):
        t = time.monotonic()
        if self.recorder.recording:
            # the measured path: remember when, decode later
            self.chunks.append((t, data))
            if not self.heard:
                self.heard = True
                self.recorder.heard += 1
                if self.recorder.heard == clients:
                    self.recorder.all_heard.set()
            return
        if not self.upgraded:
            self.head += data
            end = self.head.find(b"\r\n\r\n")
            if end < 0:
                return
            status = self.head.split(b"\r\n", 1)[0]
            if b" 101 " not in status + b" ":
                self.fail(f"upgrade refused: {status.decode(errors='replace')}")
                return
            self.upgraded = True
            data, self.head = bytes(self.head[end + 4:]), bytearray()
            self.transport.write(mask_frame(json.dumps({"action": "subscribe", "restaurant_id": restaurant})))
        for _, opcode, payload in self.reader.feed(t, data):
            if opcode == 1 and b'"subscribed"' in payload and not self.subscribed.done():
                self.subscribed.set_result(True)
            elif opcode == 1 and b'"error"' in payload:
                self.fail(payload.decode(errors="replace"))

    def fail(self, reason):
        if not self.subscribed.done():
            self.subscribed.set_exception(RuntimeError(reason))

    def connection_lost(self, exc):
        self.fail(f"connection lost: {exc}")


async def advance(order_id, cookie):
    """POST /food/orders/{id}/advance over a fresh keep-alive-less connection; returns (start, end, status)."""
    reader, writer = await asyncio.open_connection(host, port)
    request = (f"POST /food/orders/{order_id}/advance HTTP/1.1\r\nHost: {host}:{port}\r\nCookie: access_token={cookie}\r\n"
               "Content-Length: 0\r\nConnection: close\r\n\r\n").encode()
    start = time.monotonic()
    writer.write(request)
    status_line = await reader.readline()
    end = time.monotonic()
    await reader.read()
    writer.close()
    return start, end, int(status_line.split()[1])


async def main():
    loop = asyncio.get_running_loop()
    recorder = Recorder()
    connected = []
    for first in range(0, clients, 100):
        batch = await asyncio.gather(*[
            loop.create_connection(lambda token=token: Client(token, recorder), host, port) for token in tokens[first:first + 100]])
        connected += [protocol for _, protocol in batch]
    await asyncio.wait_for(asyncio.gather(*[c.subscribed for c in connected]), 60)
    await asyncio.sleep(0.5)
    latencies, request_ms, missed = [], [], 0
    for rep in range(reps):
        order_id = order_ids[rep]
        for c in connected:
            c.chunks, c.heard = [], False
        recorder.heard, recorder.all_heard = 0, asyncio.Event()
        recorder.recording = True
        start, end, status = await advance(order_id, tokens[0])
        assert status == 200, f"advance answered {status}"
        try:
            await asyncio.wait_for(recorder.all_heard.wait(), 5)
        except asyncio.TimeoutError:
            pass
        await asyncio.sleep(0.05)  # anything else in flight
        recorder.recording = False
        request_ms.append((end - start) * 1000)
        needle = f'"order_id":"{order_id}"'.encode()
        for c in connected:
            arrival = None
            for t, data in c.chunks:
                for ft, opcode, payload in c.reader.feed(t, data):
                    if arrival is None and opcode == 1 and needle in payload and b'"order.status"' in payload:
                        arrival = ft
            if arrival is None:
                missed += 1
            else:
                latencies.append((arrival - start) * 1000)
        await asyncio.sleep(0.3)
    for c in connected:
        c.transport.close()
    json.dump({"clients": clients, "events": len(latencies), "missed": missed, "latencies_ms": latencies,
               "request_ms": request_ms}, open(out, "w"))


asyncio.run(main())
