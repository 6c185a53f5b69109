"""Instances for a generated schema: values built from the schema's own keywords so they sit on
and beside its boundaries, then mutated, so that valid and invalid verdicts both occur often."""

import json
from decimal import Decimal

from .schema_gen import ALPHABET, FORMAT_SAMPLES, PROPERTY_NAMES, TYPES

# Strings that match each generated pattern (random strings rarely do).
PATTERN_EXAMPLES = {
    "^a": ["a", "abc"], "b$": ["b", "ab"], "^[a-z]+$": ["abc", "z"], "[0-9]{2,3}": ["x12", "999"],
    "^(ab|cd)*$": ["", "abcd", "abab"], "x?y": ["y", "xy"], "[^0-9]": ["a1"], "é": ["café"],
    "^.{2}$": ["ab", "😀é"], "^$": [""], "a.c": ["abc", "a✓c"], "^[A-Z][a-z]*$": ["Abc", "Z"],
    "(foo|bar)": ["foobar", "xbar"], "^\\$": ["$1"], "\\.": ["a.b"], "^[^a]*$": ["bcd", ""], "z{2}": ["zz"],
    "^[\u00e0-\u00ff]+$": ["éü", "ß"], "^(?:[a-c]{1,2})+$": ["abc", "cc"], "😀": ["😀"],
}


def dumps(value):
    """Compact JSON text; Decimals keep their digits."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bool) or value is None or isinstance(value, (int, str)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ",".join(dumps(v) for v in value) + "]"
    return "{" + ",".join(json.dumps(k, ensure_ascii=False) + ":" + dumps(v) for k, v in value.items()) + "}"


def loads(text):
    return json.loads(text, parse_float=Decimal)


class InstanceGenerator:
    def __init__(self, rng, schemas):
        self.rng = rng
        self.schemas = schemas  # a SchemaGenerator, for random values and its $defs

    def instances(self, root, count):
        seen, out = set(), []
        for attempt in range(count * 3):
            if len(out) >= count:
                break
            value = self.sample(root, 0) if attempt % 5 else self.schemas.value(0)
            if self.rng.random() < 0.5:
                value = self.mutate(value, 0)
            text = dumps(value)
            if text not in seen:
                seen.add(text)
                out.append(value)
        return out

    def sample(self, schema, depth):
        r = self.rng
        if not isinstance(schema, dict) or depth > 4:
            return self.schemas.value(2)
        if "$ref" in schema:
            name = schema["$ref"].rsplit("/", 1)[1]
            target = self.schemas.defs.get(name)
            if target is not None and r.random() < 0.8:
                return self.sample(target, depth + 1)
        for keyword in ("allOf", "anyOf", "oneOf"):
            if keyword in schema and r.random() < 0.7:
                return self.sample(r.choice(schema[keyword]), depth + 1)
        if "if" in schema and r.random() < 0.5:
            branch = r.choice([k for k in ("if", "then", "else") if k in schema])
            return self.sample(schema[branch], depth + 1)
        if "enum" in schema and r.random() < 0.8:
            return r.choice(schema["enum"])
        if "const" in schema and r.random() < 0.8:
            return schema["const"]
        kind = self.kind(schema)
        return getattr(self, "sample_" + kind)(schema, depth)

    def kind(self, schema):
        t = schema.get("type")
        if isinstance(t, list) and t:
            t = self.rng.choice(t)
        if isinstance(t, str):
            return t
        keys = set(schema)
        if keys & {"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"}:
            return "number"
        if keys & {"minLength", "maxLength", "pattern", "format"}:
            return "string"
        if keys & {"items", "prefixItems", "contains", "minItems", "maxItems", "uniqueItems", "unevaluatedItems"}:
            return "array"
        if keys & {"properties", "required", "patternProperties", "additionalProperties", "dependencies",
                   "dependentRequired", "dependentSchemas", "propertyNames", "unevaluatedProperties"}:
            return "object"
        return self.rng.choice(TYPES)

    def sample_null(self, schema, depth):
        return None

    def sample_boolean(self, schema, depth):
        return self.rng.choice([True, False])

    def sample_integer(self, schema, depth):
        value = self.sample_number(schema, depth)
        return int(value.to_integral_value()) if isinstance(value, Decimal) and self.rng.random() < 0.7 else value

    def sample_number(self, schema, depth):
        r = self.rng
        anchors = [schema[k] for k in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")
                   if isinstance(schema.get(k), (int, Decimal)) and not isinstance(schema.get(k), bool)]
        base = Decimal(r.choice(anchors)) if anchors else Decimal(r.randint(-10, 10))
        step = schema.get("multipleOf")
        if isinstance(step, (int, Decimal)) and r.random() < 0.7:
            base = (base / Decimal(step)).to_integral_value() * Decimal(step)
        delta = r.choice([Decimal(0), Decimal(0), Decimal(1), Decimal(-1), Decimal("0.5"), Decimal("-0.01"),
                          Decimal(step) if step else Decimal("0.1")])
        value = base + delta
        if r.random() < 0.2:
            return Decimal(str(value) + ".0") if value == value.to_integral_value() and "." not in str(value) \
                and "E" not in str(value) else value
        return int(value) if value == value.to_integral_value() and r.random() < 0.6 else value

    def sample_string(self, schema, depth):
        r = self.rng
        fmt = schema.get("format")
        if fmt in FORMAT_SAMPLES and r.random() < 0.8:
            return r.choice(FORMAT_SAMPLES[fmt])
        pattern = schema.get("pattern")
        if pattern in PATTERN_EXAMPLES and r.random() < 0.6:
            return r.choice(PATTERN_EXAMPLES[pattern])
        lengths = [schema[k] for k in ("minLength", "maxLength") if k in schema] or [r.randint(0, 4)]
        length = max(0, r.choice(lengths) + r.choice([0, 0, 1, -1]))
        return self.schemas.text(length)

    def sample_array(self, schema, depth):
        r = self.rng
        bounds = [schema[k] for k in ("minItems", "maxItems") if k in schema]
        prefix = schema.get("prefixItems") or (schema.get("items") if isinstance(schema.get("items"), list) else [])
        rest = schema.get("items") if isinstance(schema.get("items"), (dict, bool)) else schema.get("additionalItems")
        length = max(0, r.choice(bounds) + r.choice([0, 0, 1, -1])) if bounds else r.randint(0, len(prefix) + 2)
        out = []
        for index in range(length):
            sub = prefix[index] if index < len(prefix) else rest
            out.append(self.sample(sub, depth + 1) if sub is not None else self.schemas.value(2))
        if "contains" in schema and r.random() < 0.7:
            for _ in range(r.choice([1, 1, 2, 3])):
                out.insert(r.randint(0, len(out)), self.sample(schema["contains"], depth + 1))
        if out and schema.get("uniqueItems") and r.random() < 0.4:
            out.append(self.twin(r.choice(out)))
        return out

    def sample_object(self, schema, depth):
        r = self.rng
        out = {}
        properties = schema.get("properties", {})
        for name in schema.get("required", []):
            out[name] = self.sample(properties.get(name), depth + 1)
        for name, sub in properties.items():
            if r.random() < 0.6:
                out[name] = self.sample(sub, depth + 1)
        for pattern, sub in schema.get("patternProperties", {}).items():
            if r.random() < 0.5:
                key = {"^x": "xy", "^[a-c]$": "b", "[0-9]": "a1", "é": "é", "^$": ""}.get(pattern, "x")
                out[key] = self.sample(sub, depth + 1)
        for keyword in ("dependencies", "dependentRequired", "dependentSchemas"):
            for trigger, dependency in schema.get(keyword, {}).items():
                if r.random() < 0.5:
                    out[trigger] = self.schemas.value(2)
                    if isinstance(dependency, list) and r.random() < 0.7:
                        for name in dependency:
                            out[name] = self.schemas.value(2)
        if r.random() < 0.3:
            out[r.choice(PROPERTY_NAMES)] = self.schemas.value(2)
        return out

    def twin(self, value):
        """An equal value, sometimes spelled differently (1 vs 1.0, reordered members)."""
        if isinstance(value, int) and not isinstance(value, bool):
            return Decimal(str(value) + ".0")
        if isinstance(value, dict):
            return dict(reversed(list(value.items())))
        return value

    def mutate(self, value, depth):
        r = self.rng
        choice = r.random()
        if choice < 0.1 or depth > 3:
            return self.schemas.value(1)
        if isinstance(value, bool) or value is None:
            return r.choice([0, "", [], {}, not value if isinstance(value, bool) else False])
        if isinstance(value, (int, Decimal)):
            return value + r.choice([1, -1, Decimal("0.5"), Decimal("-0.1"), Decimal("0.01")])
        if isinstance(value, str):
            if value and r.random() < 0.5:
                cut = r.randrange(len(value))
                return value[:cut] + value[cut + 1:]
            at = r.randint(0, len(value))
            return value[:at] + r.choice(ALPHABET) + value[at:]
        if isinstance(value, list):
            if value and r.random() < 0.4:
                index = r.randrange(len(value))
                return value[:index] + [self.mutate(value[index], depth + 1)] + value[index + 1:]
            if value and r.random() < 0.5:
                return value[:-1] if r.random() < 0.5 else value + [self.twin(r.choice(value))]
            return value + [self.schemas.value(2)]
        if isinstance(value, dict):
            out = dict(value)
            if out and r.random() < 0.4:
                key = r.choice(list(out))
                out[key] = self.mutate(out[key], depth + 1)
            elif out and r.random() < 0.5:
                del out[r.choice(list(out))]
            else:
                out[r.choice(PROPERTY_NAMES + ["xz", "q"])] = self.schemas.value(2)
            return out
        return value
