"""Seeded generator of JSON Schema / instance pairs for drafts 4, 7 and 2020-12.

Schemas are drawn over each draft's own keywords; instances are built from the schema so that
they land on and next to its boundaries (lengths, bounds, counts, required names), then mutated.
Everything depends only on the seed, so a failing case is reproduced by its seed and index.

The generator avoids inputs where Python's `jsonschema` is not a faithful oracle; each such
restriction is listed with its reason in `known_differences.GENERATOR_RESTRICTIONS`.
"""

from decimal import Decimal

DRAFTS = ("4", "7", "2020-12")
SCHEMA_URI = {
    "4": "http://json-schema.org/draft-04/schema#",
    "7": "http://json-schema.org/draft-07/schema#",
    "2020-12": "https://json-schema.org/draft/2020-12/schema",
}
# Formats each draft defines that Python's FormatChecker can check without missing packages
# (hostname needs `fqdn`: see known_differences.GENERATOR_RESTRICTIONS).
FORMATS = {
    "4": ["ipv4", "ipv6", "date-time", "email"],
    "7": ["ipv4", "ipv6", "date-time", "email", "date"],
    "2020-12": ["ipv4", "ipv6", "date-time", "email", "date", "uuid"],
}
# Keywords each draft's schemas must exercise (the test asserts each occurs in many schemas).
KEYWORDS = {
    "4": ["type", "enum", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
          "minLength", "maxLength", "pattern", "format", "items", "additionalItems", "minItems", "maxItems",
          "uniqueItems", "properties", "patternProperties", "additionalProperties", "required",
          "minProperties", "maxProperties", "dependencies", "allOf", "anyOf", "oneOf", "not", "$ref",
          "definitions"],
}
KEYWORDS["7"] = KEYWORDS["4"] + ["const", "contains", "propertyNames", "if", "then", "else"]
KEYWORDS["2020-12"] = [k for k in KEYWORDS["7"] if k not in ("additionalItems", "dependencies", "definitions")] + [
    "prefixItems", "minContains", "maxContains", "dependentRequired", "dependentSchemas", "$defs",
    "unevaluatedProperties", "unevaluatedItems"]
TYPES = ["null", "boolean", "integer", "number", "string", "array", "object"]
# ECMA-262 and Python `re` agree on these for the strings generated here (no \d, \w, \s, no
# line terminators in instances, no lookbehind, no Unicode escapes).
PATTERNS = [
    "^a", "b$", "^[a-z]+$", "[0-9]{2,3}", "^(ab|cd)*$", "x?y", "[^0-9]", "é", "^.{2}$", "^$",
    "a.c", "^[A-Z][a-z]*$", "(foo|bar)", "^\\$", "\\.", "^[^a]*$", "z{2}", "^[\u00e0-\u00ff]+$",
    "^(?:[a-c]{1,2})+$", "😀",
]
# Strings to mutate: ASCII, accents, combining marks, astral characters, tabs; never '@' (see
# the email restriction), never line terminators (see the pattern restriction).
ALPHABET = ["a", "b", "c", "x", "y", "z", "A", "Z", "0", "5", "9", "-", ".", "_", " ", "é", "ü",
            "\u0301", "ß", "✓", "漢", "😀", "\t", "$", "/", ":"]
PROPERTY_NAMES = ["a", "b", "c", "foo", "bar", "x1", "é", "😀", "", "a-b", "Ab"]
FORMAT_SAMPLES = {
    "ipv4": ["1.2.3.4", "0.0.0.0", "255.255.255.255", "256.1.1.1", "1.2.3", "1.2.3.4.5", "01.2.3.4",
             "1.2.3.04", "a.b.c.d", "1.2.3.4 ", "192.168.000.1", "127.0.0.1", "1..2.3"],
    "ipv6": ["::", "::1", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7", "1::8", "fe80::1%eth0", "::ffff:1.2.3.4",
             "1:2:3:4:5:6:1.2.3.4", "12345::", "g::1", ":::", "1:2:3:4:5:6:7:8:9", "::1.2.3", "ABCD::ef",
             "1::2::3", " ::1", "0:0:0:0:0:0:0:0"],
    "date-time": ["2024-02-29T12:00:00Z", "2023-02-29T12:00:00Z", "1990-12-31T23:59:60Z",
                  "2024-01-01T00:00:00+01:00", "2024-01-01T00:00:00.123-05:30", "2024-01-01 00:00:00Z",
                  "2024-01-01T24:00:00Z", "2024-13-01T00:00:00Z", "2024-01-01t00:00:00z", "2024-01-01T00:00:00",
                  "2024-01-01T00:00:00+1:00", "2024-1-01T00:00:00Z", "2024-01-32T00:00:00Z",
                  "2024-04-31T10:00:00Z", "2024-01-01T00:60:00Z"],
    "date": ["2024-02-29", "2023-02-29", "2024-1-01", "2024-01-32", "2024-13-01", "2024-04-30",
             "2024-04-31", "20240101", "2024-01-01T00:00:00Z", "0000-01-01", "9999-12-31", "2024-00-10"],
    "email": ["a@b.com", "joe.bloggs@example.com", "x@y", "a.b.c@d-e.f", "\"quoted\"@example.com",
              "te~st@example.com", "first.last@sub.example.org", "no-at-sign", "example.com", "", "a b"],
    "uuid": ["2eb8aa08-aa98-11ea-b4aa-73b441d16380", "2EB8AA08-AA98-11EA-B4AA-73B441D16380",
             "00000000-0000-0000-0000-000000000000", "2eb8aa08-aa98-11ea-b4aa-73b441d1638",
             "2eb8aa08aa9811eab4aa73b441d16380", "2eb8aa08-aa98-11ea-b4aa-73b441d1638g",
             "2eb8aa08-aa98-11eab-4aa-73b441d16380", "{2eb8aa08-aa98-11ea-b4aa-73b441d16380}"],
}
DECIMALS = [Decimal(s) for s in ["0.1", "0.01", "0.5", "2.5", "0.0001", "1.5", "0.3", "7", "1E-3", "1e1"]]


def unique(values):
    """`values` without JSON-equal repeats (drafts require unique `enum` options)."""
    out, keys = [], set()
    for value in values:
        key = json_key(value)
        if key not in keys:
            keys.add(key)
            out.append(value)
    return out


def json_key(value):
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return (type(value).__name__, value)
    if isinstance(value, (int, Decimal)):
        return ("number", Decimal(value).normalize())
    if isinstance(value, list):
        return ("array", tuple(json_key(v) for v in value))
    return ("object", frozenset((k, json_key(v)) for k, v in value.items()))


class SchemaGenerator:
    """Draws schemas for one draft from a `random.Random`."""

    def __init__(self, rng, draft):
        self.rng = rng
        self.draft = draft
        self.defs = {}

    def root(self):
        self.defs = {}
        if self.rng.random() < 0.35:
            for name in self.rng.sample(["pos", "str", "node", "list"], self.rng.randint(1, 2)):
                self.defs[name] = self.schema(2)
            if self.rng.random() < 0.4:
                # A recursive definition: a tree whose kids are trees.
                prefix = "#/$defs/" if self.draft == "2020-12" else "#/definitions/"
                self.defs["tree"] = {"type": "object", "properties": {
                    "v": self.leaf(), "kids": {"type": "array", "items": {"$ref": prefix + "tree"}}}}
        schema = self.schema(0)
        if not isinstance(schema, dict):
            schema = {"allOf": [schema]}
        schema = {"$schema": SCHEMA_URI[self.draft], **schema}
        if self.defs:
            schema["$defs" if self.draft == "2020-12" else "definitions"] = self.defs
        return schema

    def schema(self, depth):
        r = self.rng
        if self.draft != "4" and depth > 0 and r.random() < 0.06:
            return r.choice([True, False])
        if depth >= 3:
            return self.leaf()
        family = r.choice(["leaf", "leaf", "number", "string", "array", "array", "object", "object",
                           "object", "combinator", "conditional", "ref"])
        build = getattr(self, family)
        schema = build(depth) if family != "leaf" else build()
        if isinstance(schema, dict) and r.random() < 0.15:
            schema.setdefault("type", r.choice(TYPES + [r.sample(TYPES, 2)]))
        return schema

    def leaf(self):
        r = self.rng
        kind = r.randrange(6)
        if kind == 0:
            return {"type": r.choice(TYPES)}
        if kind == 1:
            return {"type": r.sample(TYPES, r.randint(1, 3))}
        if kind == 2:
            return {"enum": unique([self.value(1) for _ in range(r.randint(1, 4))])}
        if kind == 3 and self.draft != "4":
            return {"const": self.value(1)}
        if kind == 4:
            return {"type": "string", "format": r.choice(FORMATS[self.draft])}
        return {"type": r.choice(["string", "number"]), **r.choice([self.number_keywords, self.string_keywords])()}

    def number(self, depth):
        return {"type": self.rng.choice(["number", "integer"]), **self.number_keywords()}

    def number_keywords(self):
        r = self.rng
        out = {}
        low = Decimal(r.randint(-20, 20)) / r.choice([1, 1, 2, 10])
        if r.random() < 0.6:
            out["minimum"] = low
            if r.random() < 0.4:
                self.exclusive(out, "minimum", "exclusiveMinimum")
        if r.random() < 0.6:
            out["maximum"] = low + Decimal(r.randint(0, 15)) / r.choice([1, 2, 4])
            if r.random() < 0.4:
                self.exclusive(out, "maximum", "exclusiveMaximum")
        if r.random() < 0.5:
            out["multipleOf"] = r.choice(DECIMALS + [Decimal(2), Decimal(3)])
        return out

    def exclusive(self, out, bound, keyword):
        if self.draft == "4":
            out[keyword] = self.rng.random() < 0.8
        else:
            out[keyword] = out.pop(bound)

    def string(self, depth):
        return {"type": "string", **self.string_keywords()}

    def string_keywords(self):
        r = self.rng
        out = {}
        if r.random() < 0.6:
            out["minLength"] = r.randint(0, 4)
        if r.random() < 0.6:
            out["maxLength"] = r.randint(0, 6)
        if r.random() < 0.5:
            out["pattern"] = r.choice(PATTERNS)
        if r.random() < 0.2:
            out["format"] = r.choice(FORMATS[self.draft])
        return out

    def array(self, depth):
        r = self.rng
        out = {"type": "array"} if r.random() < 0.7 else {}
        choice = r.randrange(3)
        if choice == 0:
            out["items"] = self.schema(depth + 1)
        elif choice == 1:
            prefix = [self.schema(depth + 1) for _ in range(r.randint(1, 3))]
            rest = self.schema(depth + 1) if r.random() < 0.6 else r.choice([True, False])
            if self.draft == "2020-12":
                out["prefixItems"] = prefix
                if r.random() < 0.7:
                    out["items"] = rest
            else:
                out["items"] = prefix
                if r.random() < 0.7:
                    out["additionalItems"] = rest
        if r.random() < 0.4:
            out["minItems"] = r.randint(0, 3)
        if r.random() < 0.4:
            out["maxItems"] = r.randint(0, 4)
        if r.random() < 0.3:
            out["uniqueItems"] = r.random() < 0.8
        if self.draft != "4" and r.random() < 0.3:
            out["contains"] = self.schema(depth + 1)
            if self.draft == "2020-12" and r.random() < 0.5:
                out["minContains"] = r.randint(0, 2)
                if r.random() < 0.5:
                    out["maxContains"] = r.randint(0, 3)
        if self.draft == "2020-12" and r.random() < 0.2:
            out["unevaluatedItems"] = self.schema(depth + 1) if r.random() < 0.5 else False
        return out

    def object(self, depth):
        r = self.rng
        out = {"type": "object"} if r.random() < 0.7 else {}
        names = r.sample(PROPERTY_NAMES, r.randint(0, 4))
        if names:
            out["properties"] = {n: self.schema(depth + 1) for n in names}
        if r.random() < 0.3:
            out["patternProperties"] = {r.choice(["^x", "^[a-c]$", "[0-9]", "é", "^$"]): self.schema(depth + 1)}
        if r.random() < 0.4:
            out["additionalProperties"] = r.choice([False, True]) if r.random() < 0.6 else self.schema(depth + 1)
        if r.random() < 0.5:
            pool = names + r.sample(PROPERTY_NAMES, 1)
            required = sorted(set(r.sample(pool, r.randint(0, min(3, len(pool))))))
            if required or self.draft != "4":  # draft-04 requires at least one name
                out["required"] = required
        if r.random() < 0.2:
            out["minProperties"] = r.randint(0, 3)
        if r.random() < 0.2:
            out["maxProperties"] = r.randint(0, 3)
        if r.random() < 0.25:
            trigger = r.choice(PROPERTY_NAMES)
            as_names = r.random() < 0.5
            value = sorted(set(r.sample(PROPERTY_NAMES, r.randint(1, 2)))) if as_names else self.schema(depth + 1)
            if self.draft == "2020-12":
                out["dependentRequired" if as_names else "dependentSchemas"] = {trigger: value}
            else:
                out["dependencies"] = {trigger: value}
        if self.draft != "4" and r.random() < 0.2:
            out["propertyNames"] = r.choice([{"maxLength": 2}, {"pattern": "^[a-z]+$"}, {"enum": ["a", "b", "foo"]},
                                             {"minLength": 1}, self.schema(depth + 1)])
        if self.draft == "2020-12" and r.random() < 0.2:
            out["unevaluatedProperties"] = self.schema(depth + 1) if r.random() < 0.4 else False
        return out

    def combinator(self, depth):
        r = self.rng
        keyword = r.choice(["allOf", "anyOf", "oneOf", "not"])
        if keyword == "not":
            return {"not": self.schema(depth + 1)}
        return {keyword: [self.schema(depth + 1) for _ in range(r.randint(1, 3))]}

    def conditional(self, depth):
        if self.draft == "4":
            return self.combinator(depth)
        r = self.rng
        out = {"if": self.schema(depth + 1)}
        if r.random() < 0.8:
            out["then"] = self.schema(depth + 1)
        if r.random() < 0.6:
            out["else"] = self.schema(depth + 1)
        if self.draft == "2020-12" and r.random() < 0.3:
            out["unevaluatedProperties"] = False
        return out

    def ref(self, depth):
        if not self.defs:
            return self.object(depth)
        r = self.rng
        name = r.choice(sorted(self.defs))
        prefix = "#/$defs/" if self.draft == "2020-12" else "#/definitions/"
        out = {"$ref": prefix + name}
        if r.random() < 0.3:
            # Siblings of $ref: ignored in drafts 4 and 7, applied in 2020-12.
            out.update(self.leaf())
        return out

    def value(self, depth):
        """A random JSON value (used for enum/const options and as instances)."""
        r = self.rng
        kind = r.randrange(9 if depth < 2 else 6)
        if kind == 0:
            return None
        if kind == 1:
            return r.choice([True, False])
        if kind == 2:
            return r.randint(-5, 10)
        if kind == 3:
            return r.choice([Decimal("1.0"), Decimal("-0.5"), Decimal("2.5"), Decimal("0.1"), Decimal("1e2"),
                             Decimal("3.0"), Decimal("-0.0"), Decimal("0.30000000000000004"), Decimal("1E-7"),
                             Decimal("2.50e1"), 12345678901234567890, -9223372036854775809, 9223372036854775807,
                             Decimal("-1.5E+3"), Decimal("0.0")])
        if kind in (4, 5):
            return self.text(r.randint(0, 5))
        if kind in (6, 7):
            return [self.value(depth + 1) for _ in range(r.randint(0, 3))]
        return {r.choice(PROPERTY_NAMES): self.value(depth + 1) for _ in range(r.randint(0, 3))}

    def text(self, length):
        return "".join(self.rng.choice(ALPHABET) for _ in range(length))
