"""Deterministic benchmark documents: (name, schema, valid bytes, invalid bytes) triples.

small   the gateway's bigsurvey document (~100 B, draft 4, ipv4 format)
medium  an order (~2 KB, 2020-12: $ref, formats, oneOf, unevaluatedProperties, patterns)
large   ~1 MB array of records (draft 7, $ref per item, formats); the invalid variant breaks
        only the last record, so a validator that stops early still reads everything
event   an event batch (~30 KB, 2020-12): several $refs, a pattern on most strings, oneOf per
        event, unevaluatedProperties, uuid / date-time / email / ipv4 formats; the invalid variant
        breaks a pattern, a format, a oneOf and adds an unevaluated member in the last event
"""

import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


ORDER = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://bench.example.test/order.json",
    "$defs": {
        "address": {
            "type": "object",
            "properties": {
                "street": {"type": "string", "minLength": 1},
                "city": {"type": "string", "minLength": 1},
                "zip": {"type": "string", "pattern": "^[0-9]{5}$"},
                "country": {"enum": ["DE", "FR", "NL", "US"]},
            },
            "required": ["street", "city", "country"],
            "additionalProperties": False,
        },
        "money": {
            "type": "object",
            "properties": {"amount": {"type": "number", "minimum": 0}, "currency": {"enum": ["EUR", "USD"]}},
            "required": ["amount", "currency"],
        },
        "item": {
            "type": "object",
            "properties": {
                "sku": {"type": "string", "pattern": "^[A-Z]{3}-[0-9]{4}$"},
                "qty": {"type": "integer", "minimum": 1, "maximum": 1000},
                "price": {"$ref": "#/$defs/money"},
                "tags": {"type": "array", "items": {"type": "string"}, "uniqueItems": True},
            },
            "required": ["sku", "qty", "price"],
        },
        "card": {
            "properties": {"method": {"const": "card"}, "last4": {"type": "string", "pattern": "^[0-9]{4}$"}},
            "required": ["method", "last4"],
        },
        "transfer": {
            "properties": {"method": {"const": "transfer"}, "iban": {"type": "string", "minLength": 15, "maxLength": 34}},
            "required": ["method", "iban"],
        },
    },
    "type": "object",
    "properties": {
        "id": {"type": "string", "format": "uuid"},
        "created": {"type": "string", "format": "date-time"},
        "delivery": {"type": "string", "format": "date"},
        "customer": {
            "type": "object",
            "properties": {
                "name": {"type": "string"},
                "email": {"type": "string", "format": "email"},
                "ip": {"type": "string", "format": "ipv4"},
                "ip6": {"type": "string", "format": "ipv6"},
            },
            "required": ["name", "email"],
        },
        "shipping": {"$ref": "#/$defs/address"},
        "billing": {"$ref": "#/$defs/address"},
        "items": {"type": "array", "items": {"$ref": "#/$defs/item"}, "minItems": 1},
        "payment": {"oneOf": [{"$ref": "#/$defs/card"}, {"$ref": "#/$defs/transfer"}]},
    },
    "allOf": [{"properties": {"note": {"type": "string", "maxLength": 200}}}],
    "required": ["id", "created", "customer", "shipping", "items", "payment"],
    "unevaluatedProperties": False,
}

RECORDS = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "definitions": {
        "record": {
            "type": "object",
            "properties": {
                "id": {"type": "integer", "minimum": 0},
                "name": {"type": "string", "minLength": 1, "maxLength": 64},
                "email": {"type": "string", "format": "email"},
                "ip": {"type": "string", "format": "ipv4"},
                "seen": {"type": "string", "format": "date-time"},
                "score": {"type": "number", "minimum": 0, "maximum": 100},
                "active": {"type": "boolean"},
                "tags": {"type": "array", "items": {"enum": ["red", "green", "blue", "cyan"]}, "maxItems": 4},
            },
            "required": ["id", "name", "email", "active"],
            "additionalProperties": False,
        }
    },
    "type": "array",
    "items": {"$ref": "#/definitions/record"},
}


STR = {"type": "string"}

EVENT = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://bench.example.test/events.json",
    "$defs": {
        "uuid": {"type": "string", "format": "uuid"},
        "timestamp": {"type": "string", "format": "date-time"},
        "slug": {"type": "string", "pattern": "^[a-z][a-z0-9-]{1,62}$"},
        "actor": {
            "type": "object",
            "properties": {
                "id": {"$ref": "#/$defs/uuid"},
                "email": {"type": "string", "format": "email"},
                "ip": {"type": "string", "format": "ipv4"},
                "name": {"type": "string", "pattern": "^[A-Za-z][A-Za-z .'-]*$", "maxLength": 80},
                "role": {"$ref": "#/$defs/slug"},
            },
            "required": ["id", "email", "ip"],
            "unevaluatedProperties": False,
        },
        "page_view": {
            "properties": {
                "kind": {"const": "page_view"},
                "url": {"type": "string", "pattern": "^https://[a-z0-9.-]+(/[A-Za-z0-9._~-]*)*$"},
                "referrer": {"type": "string", "pattern": "^(https?://.*)?$"},
                "duration_ms": {"type": "integer", "minimum": 0},
            },
            "required": ["kind", "url"],
        },
        "purchase": {
            "properties": {
                "kind": {"const": "purchase"},
                "order": {"type": "string", "pattern": "^ORD-[0-9]{8}$"},
                "amount": {"type": "number", "exclusiveMinimum": 0},
                "currency": {"type": "string", "pattern": "^[A-Z]{3}$"},
            },
            "required": ["kind", "order", "amount", "currency"],
        },
        "login": {
            "properties": {
                "kind": {"const": "login"},
                "method": {"enum": ["password", "sso", "token"]},
                "success": {"type": "boolean"},
            },
            "required": ["kind", "method", "success"],
        },
        "event": {
            "type": "object",
            "properties": {
                "id": {"$ref": "#/$defs/uuid"},
                "at": {"$ref": "#/$defs/timestamp"},
                "source": {"$ref": "#/$defs/slug"},
                "session": {"type": "string", "pattern": "^s_[0-9a-f]{16}$"},
                "actor": {"$ref": "#/$defs/actor"},
                "labels": {"type": "array", "items": {"$ref": "#/$defs/slug"}, "maxItems": 8},
            },
            "required": ["id", "at", "source", "actor", "kind"],
            "oneOf": [{"$ref": "#/$defs/page_view"}, {"$ref": "#/$defs/purchase"}, {"$ref": "#/$defs/login"}],
            "unevaluatedProperties": False,
        },
    },
    "type": "object",
    "properties": {
        "batch": {"$ref": "#/$defs/uuid"},
        "sent": {"$ref": "#/$defs/timestamp"},
        "producer": {"$ref": "#/$defs/slug"},
        "events": {"type": "array", "items": {"$ref": "#/$defs/event"}, "minItems": 1},
    },
    "required": ["batch", "sent", "producer", "events"],
    "unevaluatedProperties": False,
}


def bigsurvey_schema():
    """The gateway's schema as it ships."""
    return json.loads((ROOT / "schemas" / "bigsurvey.json").read_text())


def encode(doc):
    return json.dumps(doc, separators=(",", ":")).encode()


def small():
    good = {"agree": True, "anumber": 42.5, "textblob": "The quick brown fox jumps", "ipaddr": "192.168.10.1"}
    return bigsurvey_schema(), encode(good), encode({**good, "ipaddr": "300.1.1.1"})


def medium():
    rng = random.Random(2)
    items = [{
        "sku": f"ABC-{rng.randrange(10000):04d}",
        "qty": rng.randrange(1, 20),
        "price": {"amount": round(rng.uniform(1, 500), 2), "currency": "EUR"},
        "tags": [f"tag{j}" for j in range(rng.randrange(1, 4))],
    } for _ in range(16)]
    good = {
        "id": "2c8a3a54-3f1e-4c3b-9d8e-1b2a3c4d5e6f",
        "created": "2026-11-30T23:04:16.123Z",
        "delivery": "2026-12-03",
        "customer": {"name": "Ada Lovelace", "email": "ada@example.org", "ip": "203.0.113.7", "ip6": "2001:db8::7"},
        "shipping": {"street": "1 Analytical Way", "city": "London", "zip": "12345", "country": "NL"},
        "billing": {"street": "2 Engine Road", "city": "Paris", "country": "FR"},
        "items": items,
        "payment": {"method": "transfer", "iban": "NL91ABNA0417164300"},
        "note": "Leave at the door, please.",
    }
    bad = json.loads(json.dumps(good))
    bad["customer"]["ip"] = "203.0.113.700"
    bad["items"][5]["qty"] = 0
    bad["payment"] = {"method": "card", "last4": "12345"}
    bad["coupon"] = "FREE"
    return ORDER, encode(good), encode(bad)


def large(target=1_000_000):
    rng = random.Random(3)
    colors = ["red", "green", "blue", "cyan"]
    records = []
    size = 2
    while size < target:
        i = len(records)
        r = {
            "id": i,
            "name": f"user {i} " + "x" * rng.randrange(0, 30),
            "email": f"user{i}@example.{rng.choice(['org', 'com', 'net'])}",
            "ip": f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}",
            "seen": f"2026-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}T{rng.randrange(24):02d}:{rng.randrange(60):02d}:00Z",
            "score": round(rng.uniform(0, 100), 3),
            "active": rng.random() < 0.5,
            "tags": rng.sample(colors, rng.randrange(0, 4)),
        }
        records.append(r)
        size += len(encode(r)) + 1
    bad = json.loads(json.dumps(records))
    bad[-1]["ip"] = "10.0.0.256"
    return RECORDS, encode(records), encode(bad)


def _uuid(rng):
    h = f"{rng.getrandbits(128):032x}"
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:]}"


def event(count=80):
    rng = random.Random(4)
    names = ["Ada Lovelace", "Grace Hopper", "Alan Turing", "Barbara Liskov", "Ken Thompson"]
    events = []
    for i in range(count):
        actor = {
            "id": _uuid(rng),
            "email": f"user{rng.randrange(1000)}@example.{rng.choice(['org', 'com', 'net'])}",
            "ip": f"198.51.{rng.randrange(256)}.{rng.randrange(1, 255)}",
            "name": rng.choice(names),
            "role": rng.choice(["admin", "editor", "viewer"]),
        }
        e = {
            "id": _uuid(rng),
            "at": f"2026-12-01T{rng.randrange(24):02d}:{rng.randrange(60):02d}:{rng.randrange(60):02d}.{rng.randrange(1000):03d}Z",
            "source": rng.choice(["web-frontend", "mobile-app", "checkout-api"]),
            "session": f"s_{rng.getrandbits(64):016x}",
            "actor": actor,
            "labels": [rng.choice(["beta", "eu-west", "ab-test-7", "returning"]) for _ in range(rng.randrange(0, 4))],
        }
        kind = i % 3
        if kind == 0:
            e.update(kind="page_view", url=f"https://shop.example.org/products/item-{rng.randrange(10000)}",
                     referrer=rng.choice(["", "https://search.example.com/?q=shoes"]),
                     duration_ms=rng.randrange(50, 60000))
        elif kind == 1:
            e.update(kind="purchase", order=f"ORD-{rng.randrange(10 ** 8):08d}",
                     amount=round(rng.uniform(1, 900), 2), currency=rng.choice(["EUR", "USD", "GBP"]))
        else:
            e.update(kind="login", method=rng.choice(["password", "sso", "token"]), success=rng.random() < 0.9)
        events.append(e)
    good = {"batch": _uuid(rng), "sent": "2026-12-01T23:59:59Z", "producer": "edge-collector", "events": events}
    bad = json.loads(json.dumps(good))
    last = bad["events"][-1]
    last["session"] = "s_XYZ"
    last["actor"]["ip"] = "198.51.100.300"
    last["kind"] = "refund"
    last["extra"] = True
    return EVENT, encode(good), encode(bad)


CASES = [("small", small), ("medium", medium), ("large", large), ("event", event)]


def _mutated(data, change):
    doc = json.loads(data)
    change(doc)
    return encode(doc)


def probes():
    """(case, label, bytes, expected validity): one broken feature per document, so the bench can
    check that every validator really asserts each format and keyword it is timed on."""
    _, medium_good, _ = medium()
    _, small_good, _ = small()
    changes = {
        "uuid": lambda d: d.__setitem__("id", "not-a-uuid"),
        "date-time": lambda d: d.__setitem__("created", "2026-13-30T23:04:16Z"),
        "date": lambda d: d.__setitem__("delivery", "2026-02-30"),
        "email": lambda d: d["customer"].__setitem__("email", "no-at-sign"),
        "ipv4": lambda d: d["customer"].__setitem__("ip", "1.2.3.4.5"),
        "ipv6": lambda d: d["customer"].__setitem__("ip6", "2001:db8:::7"),
        "unevaluatedProperties": lambda d: d.__setitem__("coupon", "x"),
        "oneOf": lambda d: d.__setitem__("payment", {"method": "cash"}),
        "pattern": lambda d: d["items"][0].__setitem__("sku", "abc-1"),
        "$ref": lambda d: d["items"][0]["price"].__setitem__("currency", "GBP"),
    }
    out = [("small", "ipv4", _mutated(small_good, lambda d: d.__setitem__("ipaddr", "1.2.3")), False)]
    out += [("medium", label, _mutated(medium_good, change), False) for label, change in changes.items()]
    out.append(("medium", "allOf note", _mutated(medium_good, lambda d: d.__setitem__("note", "ok")), True))
    _, event_good, _ = event(count=6)
    event_changes = {
        "uuid": lambda d: d["events"][1].__setitem__("id", "2c8a3a54-3f1e-4c3b-9d8e"),
        "date-time": lambda d: d["events"][1].__setitem__("at", "2026-12-01T25:00:00Z"),
        "email": lambda d: d["events"][2]["actor"].__setitem__("email", "user.example.org"),
        "ipv4": lambda d: d["events"][2]["actor"].__setitem__("ip", "198.51.100"),
        "pattern": lambda d: d["events"][3].__setitem__("session", "s_0123"),
        "$ref pattern": lambda d: d["events"][3]["actor"].__setitem__("role", "Admin"),
        "oneOf": lambda d: d["events"][4].__setitem__("kind", "logout"),
        "unevaluatedProperties": lambda d: d["events"][5].__setitem__("extra", 1),
        "nested unevaluatedProperties": lambda d: d["events"][5]["actor"].__setitem__("extra", 1),
    }
    out += [("event", label, _mutated(event_good, change), False) for label, change in event_changes.items()]
    return out
