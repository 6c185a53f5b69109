"""The batch benchmark (scripts/bench.d/batch): a release bootstrap under the runtime emulator,
writing batches of bigsurvey answers to the local domain (--no-fsync), measured from outside.

  python3 -m bench_batch BOOTSTRAP [--rounds N]

Measures, in one run:
- the gateway's own time per document: (durationMs - domainMs) / items from the bootstrap's log
  line, for batches of 1, 10, 100 and 1000 documents (p50 over the rounds, warm-up skipped);
- documents per second end to end through the emulator's invoke endpoint, batch sizes 1, 100, 1000
  (Python emulator and Python domain included: context, not our cost);
- the bootstrap's peak RSS (VmHWM) for one batch of about 6 MB, in a fresh process, against the
  target 3 x the body + 8 MB.
"""

import argparse
import http.client
import json
import os
import sys
import tempfile
import time

from esproxy_stack import INVOKE_PATH, Stack, http as http_request
from runtime_emulator import events

TARGET_US_PER_DOC = 2.0
WARMUP = 3


def answer(i, pad=0):
    return {"agree": i % 2 == 0, "anumber": i, "textblob": "abc sdf " + "x" * pad, "ipaddr": f"10.0.{i % 256}.{i % 200}"}


def event(docs):
    headers = [("Host", "127.0.0.1"), ("Content-Type", "application/json"), ("User-Agent", "bench")]
    return events.build_event("2.0", "POST", "/", headers, json.dumps(docs).encode(), "127.0.0.1")


def invoke(conn, body):
    conn.request("POST", INVOKE_PATH, body, {"Content-Type": "application/json"})
    response = conn.getresponse()
    result = response.read()
    status = json.loads(result).get("statusCode")
    if response.status != 200 or status != 201:
        sys.exit(f"a batch failed: {response.status} {result[:300]!r}")


def pid_of(stack):
    status, _, body = http_request("GET", f"http://127.0.0.1:{stack.ports['invoke_port']}/_emulator/function")
    return json.loads(body)["pid"]


def vm_hwm_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def log_lines(stack):
    return [json.loads(t) for t in stack.function_log().splitlines()
            if t.startswith("{") and '"message":"invocation"' in t]


def median(values):
    ordered = sorted(values)
    return ordered[len(ordered) // 2] if ordered else float("nan")


def main(argv):
    p = argparse.ArgumentParser(prog="bench_batch")
    p.add_argument("bootstrap")
    p.add_argument("--rounds", type=int, default=30)
    args = p.parse_args(argv)
    env = {"MAX_BATCH_ITEMS": "10000", "MAX_BODY_BYTES": "6291456", "ES_TIMEOUT_MS": "60000"}
    print(f"bootstrap: {args.bootstrap} ({os.path.getsize(args.bootstrap) / 1e6:.1f} MB)", flush=True)

    per_doc, rate = {}, {}
    with Stack(args.bootstrap, domain_args=["--no-fsync"], timeout=120, function_env=env,
               data_dir=tempfile.mkdtemp(prefix="esproxy-bench-batch-")) as stack:
        conn = http.client.HTTPConnection("127.0.0.1", stack.ports["invoke_port"], timeout=120)
        for size in (1, 10, 100, 1000):
            body = event([answer(i) for i in range(size)])
            seen = len(log_lines(stack))
            for _ in range(WARMUP + args.rounds):
                invoke(conn, body)
            time.sleep(0.3)
            lines = log_lines(stack)[seen + WARMUP:]
            per_doc[size] = median([(l["durationMs"] - l.get("domainMs", 0.0)) * 1000 / l["items"] for l in lines])
        for size in (1, 100, 1000):
            body = event([answer(i) for i in range(size)])
            count = max(3, 3000 // size)
            started = time.perf_counter()
            for _ in range(count):
                invoke(conn, body)
            rate[size] = count * size / (time.perf_counter() - started)
        conn.close()

    # Peak RSS of a fresh process for one ~6 MB batch (10,000 answers of ~600 bytes).
    docs = [answer(i, pad=520) for i in range(10_000)]
    raw = json.dumps(docs).encode()
    while len(raw) > 6_000_000:
        docs.pop()
        raw = json.dumps(docs).encode()
    with Stack(args.bootstrap, domain_args=["--no-fsync"], timeout=120, function_env=env,
               data_dir=tempfile.mkdtemp(prefix="esproxy-bench-batch-")) as stack:
        conn = http.client.HTTPConnection("127.0.0.1", stack.ports["invoke_port"], timeout=120)
        invoke(conn, event([answer(0)]))
        pid = pid_of(stack)
        idle = vm_hwm_kb(pid)
        invoke(conn, event(docs))
        peak = vm_hwm_kb(pid)
        conn.close()
    target_kb = 3 * len(raw) / 1024 + 8 * 1024

    def row(name, value, target, met):
        print(f"| {name} | {value} | {target} | {'n/a' if met is None else ('met' if met else 'MISSED')} |")

    print()
    print("| measure | result | target | |")
    print("|---|---|---|---|")
    for size, us in per_doc.items():
        row(f"gateway time per document, batch of {size} (durationMs - domainMs) / items, p50",
            f"{us:.2f} µs", f"<= {TARGET_US_PER_DOC:g} µs at 1000" if size == 1000 else "",
            us <= TARGET_US_PER_DOC if size == 1000 else None)
    for size, r in rate.items():
        row(f"documents per second end to end (emulator + local domain), batch of {size}", f"{r:,.0f}", "(context)", None)
    row(f"peak RSS (VmHWM) for one batch of {len(docs)} documents, {len(raw) / 1e6:.2f} MB",
        f"{peak / 1024:.1f} MB (idle {idle / 1024:.1f} MB)", f"<= 3 x body + 8 MB = {target_kb / 1024:.1f} MB",
        peak <= target_kb)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
