"""scripts/demo, run the way a new user runs it (with ESPROXY_BOOTSTRAP set to a debug build so the
tests skip the release build): the test drive's output and exit status, and --serve until SIGINT."""

import json
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path


SCRIPTS = Path(__file__).resolve().parents[1]
DEMO = SCRIPTS / "demo"

GOOD = {"agree": True, "anumber": 1, "textblob": "abc sdf", "ipaddr": "192.168.10.10"}


def run_demo(bootstrap, *args):
    return subprocess.run([str(DEMO), *args], env={**os.environ, "ESPROXY_BOOTSTRAP": bootstrap},
                          capture_output=True, text=True, timeout=300)


def ports_in(text):
    return {int(p) for p in re.findall(r"127\.0\.0\.1:(\d+)", text)}


def is_open(port):
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex(("127.0.0.1", port)) == 0


def descendants(pid):
    """Every live process below `pid`, from the ppid field of /proc/*/stat."""
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    stat = f.read()
            except OSError:
                continue
            parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_test_drive_shows_both_requests_and_the_stored_document(bootstrap):
    r = run_demo(bootstrap)
    out = r.stdout
    assert r.returncode == 0, out + r.stderr
    assert f"using ESPROXY_BOOTSTRAP={bootstrap}" in out
    # The good request as a curl command, its 201 and the document read back, stamped.
    assert "$ curl -s -X POST http://127.0.0.1:" in out and "192.168.10.10" in out
    assert "201 Created" in out
    assert "(signed with SigV4 by botocore)" in out and "200 OK" in out
    assert re.search(r'"@timestamp": "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"', out)
    # The bad request: 400 with both errors, and the domain never saw it.
    assert "400 Bad Request" in out
    assert '"instanceLocation": "/anumber"' in out and '"instanceLocation": "/ipaddr"' in out
    assert "is not a valid ipv4 address" in out
    assert "requests the domain received for it: 0" in out
    assert "OK: 201" in out
    # No log noise on the terminal: the function's lines are in the file the demo names.
    assert '"message":"invocation"' not in out and "local-domain" not in out
    log = re.search(r"function logs\s+(\S+)", out).group(1)
    lines = [json.loads(line) for line in Path(log).read_text().splitlines() if line.startswith("{")]
    assert [line["status"] for line in lines if line.get("message") == "invocation"] == [201, 400]
    # Everything it started is gone.
    assert not any(is_open(p) for p in ports_in(out))
    shutil.rmtree(Path(log).parent)


def test_a_function_that_does_not_answer_fails_the_demo(tmp_path):
    # A "bootstrap" that exits at once: every request gets the front's 502, so the demo must fail.
    r = run_demo("/bin/true")
    assert r.returncode == 1, r.stdout
    assert "FAILED" in r.stdout
    assert "the good request got 502, not 201 with an id" in r.stdout
    assert "the bad request got 502 without both errors" in r.stdout
    shutil.rmtree(Path(re.search(r"function logs\s+(\S+)", r.stdout).group(1)).parent)


def test_a_bootstrap_that_is_not_executable_is_refused(tmp_path):
    r = run_demo(str(tmp_path / "missing"))
    assert r.returncode != 0
    assert "is not an executable file" in r.stderr


def test_serve_answers_until_sigint_then_stops_everything(bootstrap):
    proc = subprocess.Popen([str(DEMO), "--serve"], env={**os.environ, "ESPROXY_BOOTSTRAP": bootstrap},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        out = []
        for line in proc.stdout:
            out.append(line)
            if "stored documents:" in line:
                break
        text = "".join(out)
        url = re.search(r"Serving on (http://127\.0\.0\.1:\d+)", text).group(1)
        printed = next(line.strip() for line in out if line.strip().startswith("curl -s -X POST")
                       and "192.168.10.10" in line)
        if shutil.which("curl"):
            answer = subprocess.run(shlex.split(printed), capture_output=True, text=True, timeout=60).stdout
        else:  # the same request the printed command sends
            body = shlex.split(printed)[-1].encode()
            request = urllib.request.Request(url + "/", data=body, headers={"Content-Type": "application/json"})
            answer = urllib.request.urlopen(request, timeout=60).read().decode()
        created = json.loads(answer)
        assert created["result"] == "created" and created["index"] == "bigsurvey"
        stored = Path(re.search(r"stored documents: (\S+)", text).group(1))
        assert created["id"] in stored.read_text()
        assert "http POST " + url + "/ agree:=true anumber:=1 'textblob=abc sdf' ipaddr=192.168.10.10" in text

        started = descendants(proc.pid)
        assert len(started) >= 3, "domain, emulator and bootstrap"
        ports = ports_in(text)
        assert all(is_open(p) for p in ports)
        proc.send_signal(signal.SIGINT)
        rest = proc.communicate(timeout=60)[0]
        assert proc.returncode == 0, rest
        assert "Stopped the local domain, the runtime emulator and the bootstrap" in rest
        deadline = time.monotonic() + 10
        while any(alive(p) for p in started) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [p for p in started if alive(p)], "stray processes"
        assert not [p for p in ports if is_open(p)], "ports still open"
        shutil.rmtree(stored.parent.parent)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
