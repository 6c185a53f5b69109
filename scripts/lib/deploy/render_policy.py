#!/usr/bin/env python3
"""Fills the ${...} placeholders of a policy template in policy/ and prints the JSON document.

Usage: render_policy.py TEMPLATE Key=Value... [Index=a,b,...] [PostPath=_bulk[,_doc]]

Every placeholder in the template must be given, and every given key must be used, so a typo in
the deploy script fails here instead of producing a policy that silently allows the wrong thing.
A string that mentions ${Index} becomes one string per index (the policies list each index's
`_create` path), so `Resource` turns into a list when more than one index is configured.
PostPath is a list too: the paths under each index the gateway POSTs to (`_bulk` for batches, and
`_doc` when the domain assigns the ids, DOC_ID=none); a string naming both lists every pair.
An index that is a date pattern arrives here as its fixed prefix and `*` (`surveys-*`).
"""
import json
import re
import sys

PLACEHOLDER = re.compile(r"\$\{([A-Za-z]+)\}")
LIST_KEYS = {"Index", "PostPath"}
POST_PATHS = {"_bulk", "_doc"}
# What a value may contain: ARN-safe characters only, so no value can break out of its string.
VALUE = re.compile(r"^[A-Za-z0-9_.:/*+=,@-]+$")


class RenderError(Exception):
    pass


def _strings(text, params, used):
    """One string per combination of list values (Index and PostPath are lists)."""
    names = PLACEHOLDER.findall(text)
    for name in names:
        if name not in params:
            raise RenderError(f"no value for ${{{name}}}")
        used.add(name)
    results = [text]
    for name in dict.fromkeys(n for n in names if n in LIST_KEYS):
        results = [r.replace("${" + name + "}", item) for r in results for item in params[name]]
    return [PLACEHOLDER.sub(lambda m: params[m.group(1)], r) for r in results]


def _fill(value, params, used):
    if isinstance(value, str):
        strings = _strings(value, params, used)
        return strings[0] if len(strings) == 1 else strings
    if isinstance(value, list):
        out = []
        for item in value:
            filled = _fill(item, params, used)
            out.extend(filled if isinstance(item, str) and isinstance(filled, list) else [filled])
        return out
    if isinstance(value, dict):
        return {key: _fill(item, params, used) for key, item in value.items()}
    return value


def render(template, params):
    """Returns the filled-in document; raises RenderError on a missing, unused or unsafe value."""
    clean = {}
    for key, value in params.items():
        items = [v for v in value.split(",")] if key in LIST_KEYS else [value]
        for item in items:
            if not VALUE.match(item):
                raise RenderError(f"unsafe or empty value for {key}: {item!r}")
            if key == "PostPath" and item not in POST_PATHS:
                raise RenderError(f"PostPath may only be _bulk or _doc, not {item!r}")
        clean[key] = items if key in LIST_KEYS else value
    used = set()
    document = _fill(template, clean, used)
    unused = set(clean) - used
    if unused:
        raise RenderError(f"template does not use: {', '.join(sorted(unused))}")
    return document


def main(argv):
    if len(argv) < 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        template = json.load(f)
    params = {}
    for arg in argv[2:]:
        key, sep, value = arg.partition("=")
        if not sep:
            print(f"render_policy: expected Key=Value, got {arg!r}", file=sys.stderr)
            return 2
        params[key] = value
    try:
        document = render(template, params)
    except RenderError as error:
        print(f"render_policy: {argv[1]}: {error}", file=sys.stderr)
        return 1
    json.dump(document, sys.stdout, separators=(",", ":"))
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
