#!/usr/bin/python3
"""Client of the erde service (docs/PROTOCOL.md): requests over DEALER, and a Clone replica
that keeps the live state from a snapshot plus numbered updates on SUB.

Uses Debian's python3-zmq (run with /usr/bin/python3). Keys are the files `erde keygen` writes:
NAME.key_secret for this client, the server's NAME.key for its public key.

    python3 erde_client.py --request tcp://127.0.0.1:5555 --publish tcp://127.0.0.1:5556 \
        --cert duty.key_secret --server-key server.key  call incident.submit \
        '{"type": "fire", "location": {"lon": 113.27, "lat": 23.13}}'
"""
import argparse
import itertools
import json
import secrets
import sys
import time

import zmq
import zmq.auth

# The whole-state snapshot form of earlier servers: collection → update topic prefix.
COLLECTIONS = {"teams": "team.", "incidents": "incident.", "closures": "closure.",
               "shelters": "shelter.", "depots": "depot."}


class ErdeError(Exception):
    """A structured refusal: code, message and the offending field (or None)."""

    def __init__(self, error):
        super().__init__(f"{error.get('code')}: {error.get('message')} ({error.get('field')})")
        self.code = error.get("code")
        self.message = error.get("message")
        self.field = error.get("field")


def _secure(sock, cert, server_key):
    if cert is None:
        return
    public, secret = zmq.auth.load_certificate(cert)
    if secret is None:
        raise ValueError(f"{cert} holds no secret-key; pass the NAME.key_secret file")
    server_public, _ = zmq.auth.load_certificate(server_key)
    sock.curve_publickey = public
    sock.curve_secretkey = secret
    sock.curve_serverkey = server_public


class Client:
    """Requests and replies. `cert`/`server_key` None means an --insecure server."""

    def __init__(self, request_endpoint, cert=None, server_key=None, context=None):
        self.context = context or zmq.Context.instance()
        self.sock = self.context.socket(zmq.DEALER)
        self.sock.linger = 0
        _secure(self.sock, cert, server_key)
        self.sock.connect(request_endpoint)
        self._ids = itertools.count(1)

    def request(self, kind, args=None, timeout=5.0, idempotency_key=None):
        """The whole reply as a dict; raises TimeoutError when none comes in time. A command
        with an `idempotency_key` is applied at most once, however often it is sent."""
        rid = next(self._ids)
        message = {"id": rid, "kind": kind, "args": args or {}}
        if idempotency_key is not None:
            message["idempotency_key"] = idempotency_key
        self.sock.send(json.dumps(message).encode())
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not self.sock.poll(int(left * 1000)):
                raise TimeoutError(f"no reply to {kind} within {timeout} s")
            reply = json.loads(self.sock.recv_multipart()[-1])
            if reply.get("id") == rid:  # replies to earlier timed-out requests are skipped
                return reply

    def call(self, kind, args=None, timeout=5.0, idempotency_key=None):
        """The result of an accepted request; raises ErdeError on a refusal."""
        reply = self.request(kind, args, timeout, idempotency_key)
        if not reply.get("ok"):
            raise ErdeError(reply["error"])
        return reply["result"]

    def command(self, kind, args=None, timeout=5.0, attempts=3):
        """A command that is safe to retry: a fresh idempotency key, sent again with the same
        key after each timeout. The reply of a retry the server had already applied carries
        "duplicate": true and the first result. Raises TimeoutError after `attempts`."""
        key = secrets.token_hex(16)
        for attempt in range(attempts):
            try:
                return self.request(kind, args, timeout, key)
            except TimeoutError:
                if attempt + 1 == attempts:
                    raise

    def close(self):
        self.sock.close(0)


class Replica:
    """The Clone pattern: subscribe, take a snapshot, apply only newer updates; a gap in the
    sequence (an update or heartbeat ahead of us) means updates were dropped: resync."""

    def __init__(self, client, publish_endpoint, cert=None, server_key=None):
        self.client = client
        self.sub = client.context.socket(zmq.SUB)
        self.sub.linger = 0
        _secure(self.sub, cert, server_key)
        self.sub.setsockopt(zmq.SUBSCRIBE, b"")
        self.sub.connect(publish_endpoint)
        self.seq = 0
        self.entities = {}
        self.resyncs = 0
        self.pages = 0  # pages the last sync took
        self.synced = False
        self.last_heard = time.monotonic()

    def sync(self, timeout=5.0, max_bytes=None):
        """Takes a paged snapshot (docs/PROTOCOL.md, "Keeping a replica"): page after page,
        leaving the SUB queue alone meanwhile. The replica is then at the FIRST page's seq, and
        the queued updates after it, applied in order, bring every entity up to date.
        `max_bytes` asks for smaller (or larger) pages than the server's default."""
        self.synced = False
        entities, first_seq, last_seq, after, pages = {}, None, 0, None, 0
        while True:
            args = {} if after is None else {"after": after}
            if max_bytes:
                args["max_bytes"] = max_bytes
            result = self.client.call("snapshot", args, timeout=timeout)
            pages += 1
            if "state" in result:  # an earlier server: the whole state in one reply
                first_seq, entities = result["seq"], {}
                for name, prefix in COLLECTIONS.items():
                    for entity in result["state"].get(name, []):
                        entities[prefix + entity["id"]] = entity
                for incident_id, plan in result["state"].get("plans", {}).items():
                    entities["plan." + incident_id] = plan
                break
            if first_seq is not None and result["seq"] < last_seq:
                # the server went back (restarted from another journal): start again
                entities, first_seq, after = {}, None, None
                continue
            if first_seq is None:
                first_seq = result["seq"]
            last_seq = result["seq"]
            entities.update(result["entities"])
            after = result["next"]
            if after is None:
                break
        self.seq = first_seq
        self.entities = entities
        self.pages = pages
        self.synced = True
        self.last_heard = time.monotonic()

    def _on_message(self, topic, seq, body):
        self.last_heard = time.monotonic()
        if not self.synced:
            return
        if topic == "HUGZ":
            if seq > self.seq:
                self.synced = False
        elif seq <= self.seq:
            return
        elif seq != self.seq + 1:
            self.synced = False
        elif topic.startswith("drill."):
            self.seq = seq  # drill traffic takes live sequence numbers but is not live state
        else:
            value = json.loads(body)
            if value.get("removed"):
                self.entities.pop(topic, None)
            else:
                self.entities[topic] = value
            self.seq = seq
        if not self.synced:
            self.resyncs += 1
            self.sync()

    def pump(self, duration):
        deadline = time.monotonic() + duration
        while True:
            left = deadline - time.monotonic()
            if left < 0 or not self.sub.poll(max(0, int(left * 1000))):
                return
            frames = self.sub.recv_multipart()
            if len(frames) == 3:
                self._on_message(frames[0].decode(), int(frames[1]), frames[2])

    def wait_for(self, seq, timeout=5.0):
        deadline = time.monotonic() + timeout
        while self.seq < seq and time.monotonic() < deadline:
            self.pump(0.05)
        return self.seq >= seq

    def silence(self):
        """Seconds since the server was last heard (heartbeats come every second)."""
        return time.monotonic() - self.last_heard


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--request", required=True, help="request endpoint, e.g. tcp://127.0.0.1:5555")
    p.add_argument("--publish", help="update endpoint, e.g. tcp://127.0.0.1:5556 (for watch)")
    p.add_argument("--cert", help="this client's NAME.key_secret (omit for an --insecure server)")
    p.add_argument("--server-key", help="the server's public certificate NAME.key")
    sub = p.add_subparsers(dest="command", required=True)
    call = sub.add_parser("call", help="send one request and print its reply")
    call.add_argument("kind")
    call.add_argument("args", nargs="?", default="{}", help="JSON object")
    call.add_argument("--timeout", type=float, default=5.0, help="seconds to wait for the reply")
    call.add_argument("--attempts", type=int, default=1,
                      help="send again after a timeout, up to this many times in all, with one "
                           "idempotency key so that a command is applied at most once")
    watch = sub.add_parser("watch", help="follow the live state, printing each update")
    watch.add_argument("seconds", type=float)
    a = p.parse_args(argv)
    if (a.cert is None) != (a.server_key is None):
        p.error("--cert and --server-key go together")

    client = Client(a.request, a.cert, a.server_key)
    if a.command == "call":
        if a.attempts > 1:
            reply = client.command(a.kind, json.loads(a.args), a.timeout, a.attempts)
        else:
            reply = client.request(a.kind, json.loads(a.args), a.timeout)
        print(json.dumps(reply, ensure_ascii=False, indent=2))
        return 0 if reply.get("ok") else 1
    if not a.publish:
        p.error("watch needs --publish")
    replica = Replica(client, a.publish, a.cert, a.server_key)
    replica.sync()
    print(f"snapshot at seq {replica.seq}: {len(replica.entities)} entities")
    deadline = time.monotonic() + a.seconds
    seen = replica.seq
    while time.monotonic() < deadline:
        replica.pump(0.5)
        if replica.seq != seen:
            print(f"seq {replica.seq} (resyncs {replica.resyncs})")
            seen = replica.seq
        if replica.silence() > 3:
            print("server silent for over 3 s", file=sys.stderr)
            return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
