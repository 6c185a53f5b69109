"""The OpenSearch REST routes the local domain answers, as a pure function of the request.

`Api.handle(method, path, query, body)` returns (status, JSON-able body, extra headers); the HTTP
layer only moves bytes. Routing follows OpenSearch's: a path that matches no route is 400 "no
handler found", a path that matches with another method is 405 with the allowed methods.
"""

import hashlib
import json
import time
from urllib.parse import unquote

from .store import FAULT_TYPES, OpenSearchError, parse_document, validate_index_name

VERSION = {
    "distribution": "opensearch",
    "number": "2.11.0",
    "build_type": "tar",
    "build_hash": "local-domain",
    "build_date": "2023-10-13T00:00:00.000000Z",
    "build_snapshot": False,
    "lucene_version": "9.7.0",
    "minimum_wire_compatibility_version": "7.10.0",
    "minimum_index_compatibility_version": "7.0.0",
}
MAX_RESULT_WINDOW = 10000
BULK_ACTIONS = ("index", "create", "delete", "update")


class Api:
    """Routes requests to the store. Built once; the route table never changes."""

    def __init__(self, store, cluster_name="123456789012:local-domain"):
        self.store = store
        self.cluster_name = cluster_name
        self.cluster_uuid = hashlib.sha256(store.dir.encode()).hexdigest()[:22]
        # (methods, pattern, handler): "{x}" segments capture, the others must match exactly.
        self.routes = [
            (("GET", "HEAD"), "/", self.info),
            (("GET", "POST"), "/_search", self.search),
            (("GET", "POST"), "/{index}/_search", self.search),
            (("GET", "POST"), "/_count", self.count),
            (("GET", "POST"), "/{index}/_count", self.count),
            (("POST", "PUT"), "/_bulk", self.bulk),
            (("POST", "PUT"), "/{index}/_bulk", self.bulk),
            (("POST",), "/{index}/_doc", self.index_doc),
            (("PUT", "POST"), "/{index}/_doc/{id}", self.index_doc),
            (("GET", "HEAD"), "/{index}/_doc/{id}", self.get_doc),
            (("DELETE",), "/{index}/_doc/{id}", self.delete_doc),
            (("PUT", "POST"), "/{index}/_create/{id}", self.create_doc),
            (("PUT", "POST"), "/_index_template/{name}", self.put_template),
            (("GET",), "/_index_template/{name}", self.get_template),
            (("GET",), "/_index_template", self.get_template),
            (("DELETE",), "/_index_template/{name}", self.delete_template),
            (("GET",), "/{index}/_mapping", self.get_mapping),
            (("GET", "HEAD"), "/{index}", self.get_index),
            (("PUT",), "/{index}", self.create_index),
            (("DELETE",), "/{index}", self.delete_index),
        ]

    def handle(self, method, path, query, body, item_faults=None):
        segments = [unquote(s) for s in path.strip("/").split("/")] if path.strip("/") else []
        matches = []
        for methods, pattern, handler in self.routes:
            captured = _match(pattern, segments)
            if captured is not None:
                literals = sum(1 for s in pattern.strip("/").split("/") if s and s[0] != "{")
                matches.append((literals, methods, handler, captured))
        if not matches:
            return 400, {"error": f"no handler found for uri [{path}] and method [{method}]",
                         "status": 400}, {}
        matches.sort(key=lambda m: -m[0])
        for _, methods, handler, captured in matches:
            if method in methods:
                extra = {"item_faults": item_faults} if item_faults and handler == self.bulk else {}
                status, answer = handler(method=method, query=query, body=body, **captured, **extra)
                return status, answer, {}
        allowed = sorted({m for _, methods, _, _ in matches for m in methods})
        return 405, {"error": f"Incorrect HTTP method for uri [{path}] and method [{method}], "
                              f"allowed: [{', '.join(allowed)}]", "status": 405}, \
            {"Allow": ",".join(allowed)}

    # -- routes ----------------------------------------------------------------------------------

    def info(self, **_):
        return 200, {"name": "local-domain", "cluster_name": self.cluster_name,
                     "cluster_uuid": self.cluster_uuid, "version": dict(VERSION),
                     "tagline": "The OpenSearch Project: https://opensearch.org/"}

    def index_doc(self, index, query, body, id=None, **_):
        if query.get("op_type") == "create":
            return self.create_doc(index=index, id=id, query=query, body=body)
        return self._write(index, id, body, create_only=False)

    def create_doc(self, index, id, body, **_):
        return self._write(index, id, body, create_only=True)

    def _write(self, index, doc_id, body, create_only):
        validate_index_name(index)
        source = parse_document(body, doc_id)
        return self.store.write(index, doc_id, source, create_only=create_only, raw=body)

    def get_doc(self, index, id, **_):
        return self.store.get(index, id)

    def delete_doc(self, index, id, **_):
        return self.store.delete(index, id)

    def get_index(self, index, **_):
        return 200, self.store.describe(index)

    def put_template(self, name, query, body, **_):
        request = _json_object(body, "parse_exception") if body and body.strip() else None
        if request is None:
            raise OpenSearchError(400, "parse_exception", "request body is required")
        return 200, self.store.put_template(name, request, create=query.get("create") == "true")

    def get_template(self, name=None, **_):
        return 200, self.store.get_templates(name)

    def delete_template(self, name, **_):
        return 200, self.store.delete_template(name)

    def get_mapping(self, index, **_):
        return 200, {index: {"mappings": self.store.mappings(index)}}

    def create_index(self, index, **_):
        self.store.create_index(index)
        return 200, {"acknowledged": True, "shards_acknowledged": True, "index": index}

    def delete_index(self, index, **_):
        return 200, self.store.delete_index(index)

    def search(self, query, body, index=None, **_):
        request = _json_object(body, "parse_exception") if body and body.strip() else {}
        start = _int_param(query, request, "from", 0)
        size = _int_param(query, request, "size", 10)
        if start + size > MAX_RESULT_WINDOW:
            raise OpenSearchError(400, "illegal_argument_exception",
                                  f"Result window is too large, from + size must be less than or "
                                  f"equal to: [{MAX_RESULT_WINDOW}] but was [{start + size}].")
        return 200, self.store.search(_names(index), start, size)

    def count(self, body, index=None, **_):
        if body and body.strip():
            _json_object(body, "parse_exception")
        return 200, self.store.count(_names(index))

    def bulk(self, body, index=None, item_faults=None, **_):
        started = time.monotonic()
        if not body or not body.strip():
            raise OpenSearchError(400, "action_request_validation_exception",
                                  "Validation Failed: 1: no requests added;")
        if not body.endswith(b"\n"):
            raise OpenSearchError(400, "illegal_argument_exception",
                                  "The bulk request must be terminated by a newline [\\n]")
        lines = body.split(b"\n")[:-1]
        batch, items, n = [], [], 0
        try:
            while n < len(lines):
                if not lines[n].strip():
                    n += 1
                    continue
                action, meta = _bulk_action(lines[n], n + 1)
                target = meta.get("_index", index)
                doc_id = meta.get("_id")
                source = None
                if action != "delete":
                    if n + 1 >= len(lines):
                        raise OpenSearchError(400, "illegal_argument_exception",
                                              f"Validation Failed: 1: source is missing for action "
                                              f"[{action}] on line [{n + 1}];")
                    source = lines[n + 1]
                    n += 1
                n += 1
                if item_faults and len(items) in item_faults:
                    status = item_faults[len(items)]
                    items.append({action: {"_index": target, "_id": None if doc_id is None else str(doc_id), "status": status,
                                           "error": OpenSearchError(status, FAULT_TYPES.get(status, "exception"),
                                                                    "injected by local-domain /_fault").cause()}})
                    continue
                items.append({action: self._bulk_item(action, target, doc_id, source, batch)})
        finally:
            self.store.flush(batch)
        took = int((time.monotonic() - started) * 1000)
        return 200, {"took": took, "errors": any("error" in next(iter(i.values())) for i in items),
                     "items": items}

    def _bulk_item(self, action, target, doc_id, source, batch):
        if target is None:
            raise OpenSearchError(400, "action_request_validation_exception",
                                  "Validation Failed: 1: index is missing;")
        try:
            if action == "update":
                raise OpenSearchError(400, "illegal_argument_exception",
                                      "local-domain does not implement bulk [update]")
            if action == "delete":
                if doc_id is None:
                    raise OpenSearchError(400, "action_request_validation_exception",
                                          "Validation Failed: 1: id is missing;")
                status, answer = self.store.delete(target, str(doc_id), batch=batch)
            else:
                validate_index_name(target)
                document = parse_document(source, doc_id)
                status, answer = self.store.write(target, None if doc_id is None else str(doc_id),
                                                  document, create_only=(action == "create"),
                                                  batch=batch)
            return {**answer, "status": status}
        except OpenSearchError as e:
            return {"_index": target, "_id": None if doc_id is None else str(doc_id),
                    "status": e.status, "error": e.cause()}


def _match(pattern, segments):
    parts = [p for p in pattern.strip("/").split("/") if p]
    if len(parts) != len(segments):
        return None
    captured = {}
    for part, segment in zip(parts, segments):
        if part.startswith("{"):
            if not segment:
                return None
            captured[part[1:-1]] = segment
        elif part != segment:
            return None
    return captured


def _names(index):
    if index is None or index in ("_all", "*"):
        return None
    return [n for n in index.split(",") if n]


def _json_object(body, error_type):
    try:
        value = json.loads(body)
    except (ValueError, UnicodeDecodeError) as e:
        raise OpenSearchError(400, error_type, f"Failed to parse request body: {e}") from None
    if not isinstance(value, dict):
        raise OpenSearchError(400, error_type, "request body must be a JSON object")
    return value


def _int_param(query, request, name, default):
    raw = query.get(name, request.get(name, default))
    if isinstance(raw, bool):
        raw = "invalid"
    try:
        value = int(raw)
    except (TypeError, ValueError):
        raise OpenSearchError(400, "illegal_argument_exception",
                              f"Failed to parse int parameter [{name}] with value [{raw}]") from None
    if value < 0:
        raise OpenSearchError(400, "illegal_argument_exception",
                              f"[{name}] parameter cannot be negative, found [{value}]")
    return value


def _bulk_action(line, number):
    try:
        action = json.loads(line)
    except (ValueError, UnicodeDecodeError):
        raise OpenSearchError(400, "illegal_argument_exception",
                              f"Malformed action/metadata line [{number}], expected START_OBJECT "
                              f"but found [VALUE_STRING]") from None
    if not isinstance(action, dict) or len(action) != 1:
        raise OpenSearchError(400, "illegal_argument_exception",
                              f"Malformed action/metadata line [{number}], expected START_OBJECT "
                              f"but found [{type(action).__name__.upper()}]")
    name, meta = next(iter(action.items()))
    if name not in BULK_ACTIONS:
        raise OpenSearchError(400, "illegal_argument_exception",
                              f"Malformed action/metadata line [{number}], expected field [create], "
                              f"[delete], [index] or [update] but found [{name}]")
    if not isinstance(meta, dict):
        raise OpenSearchError(400, "illegal_argument_exception",
                              f"Malformed action/metadata line [{number}], expected START_OBJECT")
    return name, meta

