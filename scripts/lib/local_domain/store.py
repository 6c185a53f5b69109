"""Documents of the local domain: OpenSearch-shaped answers and errors, persisted as JSON Lines.

Every index is `<data>/<index>.jsonl`; each write appends one line and is fsynced before the
caller answers (unless the store was made with `fsync=False`, for benchmarks and soaks: the line is
still written and flushed, only the wait for the disk is skipped), so a restart replays the file
and the latest line for an id wins. Index templates are `<data>/_index_template/<name>.json`; an
index made while one matches keeps that template's mappings in its first line (see mapping.py).
"""

import base64
import copy
import json
import os
import threading
import uuid

SHARDS = {"total": 2, "successful": 1, "failed": 0}
SEARCH_SHARDS = {"total": 1, "successful": 1, "skipped": 0, "failed": 0}
PRIMARY_TERM = 1
MAX_ID_BYTES = 512
TEMPLATE_DIR = "_index_template"
INVALID_INDEX_CHARS = ['\\', '/', '*', '?', '"', '<', '>', '|', ' ', ',', '#', ':']


# The error type OpenSearch names for each status that /_fault can inject.
FAULT_TYPES = {429: "es_rejected_execution_exception", 500: "exception",
               502: "bad_gateway_exception", 503: "unavailable_shards_exception",
               504: "process_cluster_event_timeout_exception"}


class OpenSearchError(Exception):
    """An error answered with OpenSearch's body: {"error": {"root_cause": [...], ...}, "status": N}."""

    def __init__(self, status, type_, reason, caused_by=None, **fields):
        super().__init__(f"{type_}: {reason}")
        self.status = status
        self.type = type_
        self.reason = reason
        self.caused_by = caused_by
        self.fields = fields

    def cause(self):
        """The inner error object (also what a bulk item carries as "error")."""
        inner = {"type": self.type, "reason": self.reason, **self.fields}
        if self.caused_by:
            inner["caused_by"] = self.caused_by
        return inner

    def body(self):
        root = {"type": self.type, "reason": self.reason, **self.fields}
        return {"error": {"root_cause": [root], **self.cause()}, "status": self.status}


def index_not_found(name):
    return OpenSearchError(404, "index_not_found_exception", f"no such index [{name}]",
                           index=name, **{"resource.type": "index_or_alias", "resource.id": name},
                           index_uuid="_na_")


def validate_index_name(name):
    """Raises invalid_index_name_exception with OpenSearch's reasons for a name it would refuse."""
    def bad(why):
        return OpenSearchError(400, "invalid_index_name_exception", f"Invalid index name [{name}], {why}",
                               index=name, index_uuid="_na_")
    if not name:
        raise bad("must not be empty")
    if any(ord(c) < 0x20 for c in name):
        raise bad("must not contain control characters")
    if ':' in name:
        raise bad("must not contain ':'")
    if any(c in name for c in INVALID_INDEX_CHARS):
        listed = ", ".join(c for c in INVALID_INDEX_CHARS if c not in (' ', ':'))
        raise bad(f"must not contain the following characters [ , {listed}]")
    if name[0] in "_-+":
        raise bad("must not start with '_', '-', or '+'")
    if name != name.lower():
        raise bad("must be lowercase")
    if name in (".", ".."):
        raise bad("must not be '.' or '..'")
    if len(name.encode()) > 255:
        raise bad(f"index name is too long, ({len(name.encode())} > 255)")


def parse_document(body, doc_id):
    """The JSON object of an index request body, or OpenSearch's 400 for an empty or broken one."""
    if not body or not body.strip():
        raise OpenSearchError(400, "parse_exception", "request body is required")
    try:
        source = json.loads(body)
    except (ValueError, UnicodeDecodeError) as e:
        raise OpenSearchError(400, "mapper_parsing_exception", "failed to parse",
                              caused_by={"type": "json_parse_exception", "reason": str(e)}) from None
    if not isinstance(source, dict):
        raise OpenSearchError(400, "mapper_parsing_exception", "failed to parse",
                              caused_by={"type": "not_x_content_exception",
                                         "reason": "Compressor detection can only be called on some "
                                                   "xcontent bytes or compressed xcontent bytes"})
    return source


def field_type(value):
    """The dynamic-mapping type OpenSearch would give a JSON value; None maps nothing (null, [])."""
    if isinstance(value, list):
        return next((t for t in map(field_type, value) if t is not None), None)
    if value is None:
        return None
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "float"
    if isinstance(value, str):
        return "text"
    return "object"


def same_family(a, b):
    numbers = ("long", "float")
    return a == b or (a in numbers and b in numbers)


class Doc:
    __slots__ = ("version", "seq_no", "source")

    def __init__(self, version, seq_no, source):
        self.version, self.seq_no, self.source = version, seq_no, source


class Index:
    """One index: live documents, tombstone versions, the learned top-level field types."""

    def __init__(self, name, path, index_uuid, mappings=None):
        self.name, self.path, self.uuid = name, path, index_uuid
        self.docs = {}      # id -> Doc; source None marks a deleted document (its version lives on)
        self.mapping = {}   # top-level field -> type, learned from documents (dynamic mapping)
        self.explicit = (mappings or {}).get("properties", {})  # from a template, checked on every write
        self.seq_no = -1
        self.file = None

    def check_mapping(self, source, doc_id):
        if self.explicit:
            mapping.check_document(self.explicit, source, doc_id)
        for field, value in source.items():
            if field in self.explicit:
                continue
            new, old = field_type(value), self.mapping.get(field)
            if new is None or old is None or same_family(old, new):
                continue
            preview = json.dumps(value) if not isinstance(value, str) else value
            if old == "object":
                reason = (f"object mapping for [{field}] tried to parse field [{field}] as object, "
                          f"but found a concrete value")
                raise OpenSearchError(400, "mapper_parsing_exception", reason)
            reason = (f"failed to parse field [{field}] of type [{old}] in document with id "
                      f"'{doc_id}'. Preview of field's value: '{preview}'")
            raise OpenSearchError(400, "mapper_parsing_exception", reason,
                                  caused_by={"type": "illegal_argument_exception",
                                             "reason": f"field [{field}] of type [{old}] cannot take a "
                                                       f"[{new}] value"})

    def learn_mapping(self, source):
        for field, value in source.items():
            t = field_type(value)
            if t is not None and field not in self.mapping and field not in self.explicit:
                self.mapping[field] = t

    def apply(self, record):
        """Replays one persisted line (also used for live writes, after the line is on disk)."""
        self.seq_no = max(self.seq_no, record["_seq_no"])
        source = record.get("_source") if record["op"] == "index" else None
        if source is not None:
            self.learn_mapping(source)
        self.docs[record["_id"]] = Doc(record["_version"], record["_seq_no"], source)

    def live(self):
        return [(i, d) for i, d in self.docs.items() if d.source is not None]


class Store:
    """All indices of the domain, one lock for all of them (a test double, not a database)."""

    def __init__(self, data_dir, log=lambda msg: None, fsync=True):
        self.dir = data_dir
        self.log = log
        self.fsync = fsync
        self.lock = threading.RLock()
        self.indices = {}
        self.templates = {}  # name -> body as stored
        self.template_dir = os.path.join(data_dir, TEMPLATE_DIR)
        os.makedirs(data_dir, exist_ok=True)
        for entry in sorted(os.listdir(data_dir)):
            if entry.endswith(".jsonl"):
                self._load(entry[: -len(".jsonl")])
        if os.path.isdir(self.template_dir):
            for entry in sorted(os.listdir(self.template_dir)):
                if entry.endswith(".json"):
                    with open(os.path.join(self.template_dir, entry), encoding="utf-8") as f:
                        self.templates[entry[: -len(".json")]] = json.load(f)

    def _load(self, name):
        path = os.path.join(self.dir, name + ".jsonl")
        index = None
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                try:
                    record = json.loads(line)
                except ValueError:
                    self.log(f"{path}:{n}: skipping a line that is not JSON (torn write?)")
                    continue
                if record.get("op") == "create_index":
                    index = Index(name, path, record["uuid"], record.get("mappings"))
                elif index is not None:
                    index.apply(record)
        if index is None:
            index = Index(name, path, uuid.uuid4().hex[:22])
        self.indices[name] = index

    def close(self):
        with self.lock:
            for index in self.indices.values():
                if index.file:
                    index.file.close()
                    index.file = None

    # -- reading -------------------------------------------------------------------------------

    def existing(self, name):
        index = self.indices.get(name)
        if index is None:
            raise index_not_found(name)
        return index

    def get(self, name, doc_id):
        with self.lock:
            index = self.existing(name)
            doc = index.docs.get(doc_id)
            if doc is None or doc.source is None:
                return 404, {"_index": name, "_id": doc_id, "found": False}
            return 200, {"_index": name, "_id": doc_id, "_version": doc.version, "_seq_no": doc.seq_no,
                         "_primary_term": PRIMARY_TERM, "found": True, "_source": doc.source}

    def search(self, names, start, size):
        """Every live document of the named indices (all when names is None), newest write first."""
        with self.lock:
            indices = list(self.indices.values()) if names is None else [self.existing(n) for n in names]
            hits = [(d.seq_no, ix.name, i, d.source) for ix in indices for i, d in ix.live()]
        hits.sort(key=lambda h: (h[0], h[1]), reverse=True)
        page = hits[start:start + size]
        return {"took": 1, "timed_out": False, "_shards": dict(SEARCH_SHARDS),
                "hits": {"total": {"value": len(hits), "relation": "eq"},
                         "max_score": 1.0 if page else None,
                         "hits": [{"_index": n, "_id": i, "_score": 1.0, "_source": s}
                                  for _, n, i, s in page]}}

    def count(self, names):
        with self.lock:
            indices = list(self.indices.values()) if names is None else [self.existing(n) for n in names]
            total = sum(len(ix.live()) for ix in indices)
        return {"count": total, "_shards": dict(SEARCH_SHARDS)}

    def mappings(self, name):
        """The index's mappings as OpenSearch shows them: the template's fields, then the learned ones."""
        with self.lock:
            index = self.existing(name)
            props = copy.deepcopy(index.explicit)
            for f, t in sorted(index.mapping.items()):
                props[f] = ({"type": "text", "fields": {"keyword": {"type": "keyword", "ignore_above": 256}}}
                            if t == "text" else {"type": t})
            return {"properties": props} if props else {}

    def describe(self, name):
        with self.lock:
            index = self.existing(name)
            return {name: {"aliases": {}, "mappings": self.mappings(name),
                           "settings": {"index": {"uuid": index.uuid, "provided_name": name,
                                                  "number_of_shards": "1", "number_of_replicas": "1"}}}}

    # -- writing -------------------------------------------------------------------------------

    def create_index(self, name, must_be_new=True):
        """The index, made (and its file started) when missing; 400 when must_be_new and it exists."""
        with self.lock:
            index = self.indices.get(name)
            if index is not None:
                if must_be_new:
                    raise OpenSearchError(400, "resource_already_exists_exception",
                                          f"index [{name}/{index.uuid}] already exists",
                                          index=name, index_uuid=index.uuid)
                return index
            validate_index_name(name)
            template = mapping.best_template(self.templates, name)
            mappings = copy.deepcopy(template[1].get("template", {}).get("mappings")) if template else None
            index = Index(name, os.path.join(self.dir, name + ".jsonl"), uuid.uuid4().hex[:22], mappings)
            first = {"op": "create_index", "uuid": index.uuid}
            if mappings:
                first.update(template=template[0], mappings=mappings)
            self._append(index, [first])
            self.indices[name] = index
            return index

    # -- index templates -----------------------------------------------------------------------

    def put_template(self, name, body, create=False):
        mapping.validate_template_name(name)
        body = mapping.validate_template(body)
        with self.lock:
            if create and name in self.templates:
                raise OpenSearchError(400, "illegal_argument_exception", f"index template [{name}] already exists")
            mapping.same_priority_conflict(self.templates, name, body)
            os.makedirs(self.template_dir, exist_ok=True)
            path = os.path.join(self.template_dir, name + ".json")
            with open(path + ".tmp", "w", encoding="utf-8") as f:
                json.dump(body, f)
                f.flush()
                if self.fsync:
                    os.fsync(f.fileno())
            os.replace(path + ".tmp", path)
            self.templates[name] = body
        return {"acknowledged": True}

    def get_templates(self, name=None):
        """Templates whose name matches `name` (`*` wildcards, commas; all when None)."""
        with self.lock:
            wanted = [n for n in (name or "*").split(",") if n]
            found = [{"name": n, "index_template": {"composed_of": [], **copy.deepcopy(b)}}
                     for n, b in sorted(self.templates.items())
                     if any(mapping.pattern_matches(w, n) for w in wanted)]
        if name is not None and "*" not in name and not found:
            raise OpenSearchError(404, "resource_not_found_exception", f"index template matching [{name}] not found")
        return {"index_templates": found}

    def delete_template(self, name):
        with self.lock:
            if name not in self.templates:
                raise OpenSearchError(404, "index_template_missing_exception", f"index_template [{name}] missing")
            os.remove(os.path.join(self.template_dir, name + ".json"))
            del self.templates[name]
        return {"acknowledged": True}

    def delete_index(self, name):
        with self.lock:
            index = self.existing(name)
            if index.file:
                index.file.close()
            os.remove(index.path)
            del self.indices[name]
        return {"acknowledged": True}

    def write(self, name, doc_id, source, create_only=False, batch=None, raw=None):
        """Indexes one document. Returns (status, answer). With a batch list the line is only
        collected there (the caller appends and fsyncs the batch) and applied right away. `raw`, the
        body as sent, is kept beside the parsed source (as OpenSearch keeps `_source` byte for byte),
        so tests can check that every number and string arrived exactly."""
        if doc_id is None:
            doc_id = base64.urlsafe_b64encode(os.urandom(15)).decode()
        validate_id(doc_id)
        with self.lock:
            index = self.create_index(name, must_be_new=False)
            old = index.docs.get(doc_id)
            if create_only and old is not None and old.source is not None:
                raise OpenSearchError(409, "version_conflict_engine_exception",
                                      f"[{doc_id}]: version conflict, document already exists "
                                      f"(current version [{old.version}])",
                                      index=name, shard="0", index_uuid=index.uuid)
            index.check_mapping(source, doc_id)
            version = old.version + 1 if old else 1
            created = old is None or old.source is None
            record = {"op": "index", "_id": doc_id, "_version": version, "_seq_no": index.seq_no + 1,
                      "_source": source}
            if raw is not None:
                record["_raw"] = raw.decode("utf-8") if isinstance(raw, bytes) else raw
            self._commit(index, record, batch)
        return (201 if created else 200), self._answer(index, record, "created" if created else "updated")

    def delete(self, name, doc_id, batch=None):
        validate_id(doc_id)
        with self.lock:
            index = self.existing(name)
            old = index.docs.get(doc_id)
            found = old is not None and old.source is not None
            version = old.version + 1 if old else 1
            record = {"op": "delete", "_id": doc_id, "_version": version, "_seq_no": index.seq_no + 1}
            self._commit(index, record, batch)
        return (200 if found else 404), self._answer(index, record, "deleted" if found else "not_found")

    def flush(self, batch):
        """Appends and fsyncs the lines a bulk request collected, grouped per index."""
        with self.lock:
            per_index = {}
            for index, record in batch:
                per_index.setdefault(index.name, (index, []))[1].append(record)
            for index, records in per_index.values():
                self._append(index, records)

    def _commit(self, index, record, batch):
        if batch is None:
            self._append(index, [record])
        else:
            batch.append((index, record))
        index.apply(record)

    def _append(self, index, records):
        if index.file is None:
            index.file = open(index.path, "a", encoding="utf-8")
        index.file.write("".join(json.dumps(r, separators=(",", ":")) + "\n" for r in records))
        index.file.flush()
        if self.fsync:
            os.fsync(index.file.fileno())

    @staticmethod
    def _answer(index, record, result):
        return {"_index": index.name, "_id": record["_id"], "_version": record["_version"],
                "result": result, "_shards": dict(SHARDS), "_seq_no": record["_seq_no"],
                "_primary_term": PRIMARY_TERM}


def validate_id(doc_id):
    size = len(doc_id.encode())
    if size == 0 or size > MAX_ID_BYTES:
        reason = ("Validation Failed: 1: id is missing;" if size == 0 else
                  f"Validation Failed: 1: id [{doc_id}] is too long, must be no longer than "
                  f"{MAX_ID_BYTES} bytes but was: {size};")
        raise OpenSearchError(400, "action_request_validation_exception", reason)


# Last, because mapping.py takes OpenSearchError from this module.
from . import mapping  # noqa: E402
