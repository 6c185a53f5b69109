"""CPU seconds per document, best of a few batches, for in-process checks and for schema-check.

CPU time, not wall time: the machine is shared, and CPU time is what stays steady when other
jobs take turns on the cores (every validator here is single-threaded)."""

import resource
import subprocess
import time


def per_call(check, data, budget=0.6, rounds=3):
    start = time.process_time()
    check(data)
    once = max(time.process_time() - start, 1e-7)
    n = max(1, int(budget / rounds / once))
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        for _ in range(n):
            check(data)
        best = min(best, (time.process_time() - start) / n)
    return best


def _children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def schema_check_run(binary, schema_path, doc_path, repeat):
    """(CPU seconds, exit status) of one `schema-check --repeat N SCHEMA DOC`."""
    before = _children_cpu()
    p = subprocess.run([binary, "--repeat", str(repeat), str(schema_path), str(doc_path)],
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = _children_cpu() - before
    if p.returncode not in (0, 1):
        raise RuntimeError(f"schema-check failed ({p.returncode}): {p.stderr.decode()}")
    return elapsed, p.returncode


def per_document_schema_check(binary, schema_path, doc_path, budget=0.6, rounds=3):
    """(T(--repeat N) - T(--repeat 1)) / (N - 1): process start, file reads and the schema
    compile cancel out, leaving parse + validate from bytes."""
    base = min(schema_check_run(binary, schema_path, doc_path, 1)[0] for _ in range(rounds))
    # Grow the repeat count until the work clearly outweighs process-start jitter.
    n = 2
    while True:
        t, _ = schema_check_run(binary, schema_path, doc_path, n)
        if t - base > 0.1 or n >= 1 << 24:
            break
        n *= 4
    n = max(n, int(n * budget / rounds / max(t - base, 1e-3)))
    best = min(schema_check_run(binary, schema_path, doc_path, n)[0] for _ in range(rounds))
    return max(best - base, 1e-9) / (n - 1)
