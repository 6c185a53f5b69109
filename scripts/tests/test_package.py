"""scripts/package: the zip runs in an otherwise empty root (no glibc, no libraries, no shell).

Builds the real release package once (a few minutes the first time: libcurl from Debian's source,
then the Swift release build), unpacks it into a root that holds only /proc and, for the loader
mode, a static busybox as /bin/sh, and starts /var/task/bootstrap there with chroot.
"""
import os
import json
import shutil
import stat
import subprocess
import sys
import urllib.error
import urllib.request
import zipfile
from contextlib import contextmanager
from pathlib import Path

import pytest
from esproxy_stack import stop_process

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "scripts" / "package"
EMULATOR = ROOT / "scripts" / "runtime-emulator"
LOCAL_DOMAIN = ROOT / "scripts" / "local-domain"
FIVE_MB = 5_000_000
# Fake credentials shared by the local domain (which verifies SigV4 with them) and the function.
ACCESS_KEY, SECRET_KEY, REGION = "AKIDPACKAGETEST", "package/test/secret/not/a/real/key", "us-east-1"
DOCUMENT = {"agree": True, "anumber": 1, "textblob": "abc sdf", "ipaddr": "192.168.10.10"}


def _need_root_tools():
    if os.geteuid() != 0:
        pytest.fail("test_package needs root (chroot, mount); the project's CI runs as root")
    for tool in ("chroot", "mount", "umount", "readelf", "gcc"):
        if shutil.which(tool) is None:
            pytest.fail(f"{tool} is not installed")
    if not Path("/bin/busybox").exists():
        pytest.fail("/bin/busybox is missing: apt-get install busybox-static")


def _run_package(*args):
    proc = subprocess.run([str(PACKAGE), *args], cwd=ROOT, capture_output=True, text=True, timeout=1800)
    assert proc.returncode == 0, f"package failed:\n{proc.stdout}\n{proc.stderr[-4000:]}"
    return proc.stdout, proc.stderr


@pytest.fixture(scope="module")
def static_zip(tmp_path_factory):
    _need_root_tools()
    out = tmp_path_factory.mktemp("pkg") / "esproxy-lambda.zip"
    stdout, stderr = _run_package("--output", str(out))
    return out, stdout, stderr


@pytest.fixture
def empty_root(tmp_path):
    """A root with only /proc mounted (and whatever the test unpacks); unmounted afterwards."""
    root = tmp_path / "root"
    (root / "proc").mkdir(parents=True)
    subprocess.run(["mount", "-t", "proc", "proc", str(root / "proc")], check=True)
    try:
        yield root
    finally:
        subprocess.run(["umount", "-l", str(root / "proc")], check=False)


def _unpack(zip_path, root):
    task = root / "var" / "task"
    task.mkdir(parents=True)
    with zipfile.ZipFile(zip_path) as z:
        for info in z.infolist():
            z.extract(info, task)
            mode = (info.external_attr >> 16) & 0o777
            if mode:
                os.chmod(task / info.filename, mode)
    return task


def _chroot(root, *argv, env=None, timeout=60):
    base = {"LAMBDA_TASK_ROOT": "/var/task", "PATH": "/bin", "AWS_LAMBDA_FUNCTION_NAME": "esproxy"}
    base.update(env or {})
    chroot = shutil.which("chroot")  # looked up here: the child's PATH is the root's /bin
    return subprocess.run([chroot, str(root), *argv], env=base, capture_output=True, text=True, timeout=timeout)


def _assert_started(proc):
    """The executable ran: neither exec nor the loader nor a library lookup failed."""
    out = proc.stdout + proc.stderr
    assert proc.returncode not in (126, 127), f"could not start (exit {proc.returncode}): {out}"
    assert "error while loading shared libraries" not in out, out
    assert "No such file or directory" not in out, out
    assert out.strip(), "the executable printed nothing"


def test_package_prints_path_size_and_contents(static_zip):
    out, stdout, _ = static_zip
    assert f"zip: {out}" in stdout
    assert f"size: {out.stat().st_size} bytes" in stdout
    for name in ("bootstrap", "ca-bundle.crt", "schemas/bigsurvey.json"):
        assert name in stdout


def test_zip_layout_and_size(static_zip):
    out = static_zip[0]
    with zipfile.ZipFile(out) as z:
        names = set(z.namelist())
        assert {"bootstrap", "ca-bundle.crt", "schemas/bigsurvey.json"} <= names
        mode = (z.getinfo("bootstrap").external_attr >> 16) & 0o777
        assert mode & stat.S_IXUSR and mode & stat.S_IXOTH, oct(mode)
        assert z.read("schemas/bigsurvey.json") == (ROOT / "schemas" / "bigsurvey.json").read_bytes()
        # The fallback bundle: exactly the Amazon Trust Services roots, as Debian ships them.
        mozilla = Path("/usr/share/ca-certificates/mozilla")
        roots = [f"Amazon_Root_CA_{n}" for n in (1, 2, 3, 4)] + ["Starfield_Services_Root_Certificate_Authority_-_G2"]
        assert z.read("ca-bundle.crt") == b"".join((mozilla / f"{r}.crt").read_bytes() for r in roots)
        assert not any(n.startswith("lib/") for n in names), "static mode ships no libraries"
    size = out.stat().st_size
    assert size <= FIVE_MB, f"zip is {size} bytes, over the 5 MB target"


def test_bootstrap_is_static_and_stripped(static_zip, tmp_path):
    out = static_zip[0]
    with zipfile.ZipFile(out) as z:
        z.extract("bootstrap", tmp_path)
    binary = tmp_path / "bootstrap"
    headers = subprocess.run(["readelf", "-lS", str(binary)], capture_output=True, text=True, check=True).stdout
    assert "INTERP" not in headers, "a static executable names no loader"
    assert ".symtab" not in headers and ".debug_info" not in headers, "bootstrap is not stripped"
    dyn = subprocess.run(["readelf", "-d", str(binary)], capture_output=True, text=True).stdout
    assert "NEEDED" not in dyn


def test_static_bootstrap_starts_in_empty_root(static_zip, empty_root):
    out = static_zip[0]
    _unpack(out, empty_root)
    assert sorted(p.name for p in empty_root.iterdir()) == ["proc", "var"]
    # No Runtime API listens on this port: the placeholder prints and exits, the real loop
    # reports that it cannot reach the Runtime API. Either way it must have started.
    proc = _chroot(empty_root, "/var/task/bootstrap", env={"AWS_LAMBDA_RUNTIME_API": "127.0.0.1:9"})
    _assert_started(proc)


def test_loader_mode_starts_through_shipped_glibc(tmp_path, empty_root):
    """--mode loader: bootstrap is a /bin/sh script (busybox here) that runs lib/ld-linux."""
    _need_root_tools()
    probe_c = tmp_path / "probe.c"
    probe_c.write_text(
        "#include <stdio.h>\n#include <curl/curl.h>\n#include <openssl/sha.h>\n"
        "int main(void) { unsigned char d[32]; SHA256((const unsigned char *)\"abc\", 3, d);\n"
        "  printf(\"%s sha256(abc)=%02x%02x\\n\", curl_version(), d[0], d[1]); return 0; }\n")
    probe = tmp_path / "probe"
    subprocess.run(["gcc", "-O2", str(probe_c), "-lcurl", "-lcrypto", "-o", str(probe)], check=True)
    out = tmp_path / "loader.zip"
    stdout, _ = _run_package("--mode", "loader", "--binary", str(probe), "--output", str(out))
    assert "lib/ld-linux-x86-64.so.2" in stdout and "lib/libcurl.so.4" in stdout
    _unpack(out, empty_root)
    (empty_root / "bin").mkdir()
    shutil.copy2("/bin/busybox", empty_root / "bin" / "sh")
    proc = _chroot(empty_root, "/var/task/bootstrap")
    _assert_started(proc)
    assert proc.returncode == 0, proc.stderr
    assert "libcurl/" in proc.stdout and "sha256(abc)=ba78" in proc.stdout


def test_loader_bootstrap_needs_the_shipped_loader(tmp_path, empty_root):
    """Negative control: without lib/ the wrapper cannot start anything (so the test above means something)."""
    _need_root_tools()
    probe = tmp_path / "probe"
    subprocess.run(["gcc", "-x", "c", "-", "-o", str(probe)], input="int main(void){return 0;}", text=True, check=True)
    out = tmp_path / "loader.zip"
    _run_package("--mode", "loader", "--binary", str(probe), "--output", str(out))
    task = _unpack(out, empty_root)
    shutil.rmtree(task / "lib")
    (empty_root / "bin").mkdir()
    shutil.copy2("/bin/busybox", empty_root / "bin" / "sh")
    proc = _chroot(empty_root, "/var/task/bootstrap")
    assert proc.returncode != 0


@pytest.mark.parametrize("args, message", [
    (["--mode", "dynamic"], "--mode must be static or loader"),
    (["--libcurl", "gnutls"], "--libcurl must be minimal or debian"),
    (["--libcurl", "debian"], "--libcurl debian needs --mode loader"),
    (["--frobnicate"], "unknown argument"),
    (["--binary", "/nonexistent/esproxy"], "no executable at /nonexistent/esproxy"),
])
def test_bad_arguments_are_refused_clearly(args, message):
    proc = subprocess.run([str(PACKAGE), *args], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode != 0
    assert message in proc.stderr


# --- end to end: the packaged bootstrap in the empty root, against the runtime emulator and the
# --- local domain over HTTPS -----------------------------------------------------------------

@contextmanager
def _server(argv):
    """A helper server that prints one JSON line when ready; stopped afterwards."""
    proc = subprocess.Popen([sys.executable, *map(str, argv)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        line = proc.stdout.readline()
        assert line, f"{argv[0]} did not start: {proc.stderr.read().decode()}"
        yield json.loads(line)
    finally:
        stop_process(proc)


@contextmanager
def _bootstrap_in_root(root, runtime_port, endpoint, ca=None, runtime_host="127.0.0.1"):
    """Starts /var/task/bootstrap in the root, pointed at the emulator's Runtime API."""
    env = {"LAMBDA_TASK_ROOT": "/var/task", "PATH": "/bin", "AWS_REGION": REGION,
           "AWS_LAMBDA_FUNCTION_NAME": "esproxy", "AWS_LAMBDA_RUNTIME_API": f"{runtime_host}:{runtime_port}",
           "AWS_ACCESS_KEY_ID": ACCESS_KEY, "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
           "ES_ENDPOINT": endpoint, "ES_SIGNING": "es"}
    if ca:
        env["SSL_CERT_FILE"] = ca
    proc = subprocess.Popen([shutil.which("chroot"), str(root), "/var/task/bootstrap"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        yield proc
    finally:
        proc.kill()
        proc.wait()


def _post(port, body, content_type="application/json"):
    req = urllib.request.Request(f"http://127.0.0.1:{port}/", data=body, method="POST",
                                 headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())


def _stored(data_dir, index):
    path = data_dir / f"{index}.jsonl"
    if not path.exists():
        return []
    records = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    return [r for r in records if r.get("op") == "index"]  # not the index's own creation line


@pytest.fixture
def e2e_root(static_zip, empty_root, tmp_path):
    for script in (EMULATOR, LOCAL_DOMAIN):
        if not script.exists():
            pytest.fail(f"{script.relative_to(ROOT)} is missing: merge the runtime and domain branches")
    out = static_zip[0]
    _unpack(out, empty_root)
    (empty_root / "bin").mkdir()
    shutil.copy2("/bin/busybox", empty_root / "bin" / "sh")
    return empty_root


def test_packaged_bootstrap_stores_a_document_over_https(e2e_root, tmp_path):
    data = tmp_path / "data"
    domain_argv = [LOCAL_DOMAIN, "--port", "0", "--data", data, "--tls", "--region", REGION,
                   "--access-key", ACCESS_KEY, "--secret-key", SECRET_KEY]
    with _server(domain_argv) as domain, \
            _server([EMULATOR, "--no-spawn", "--runtime-port", "0", "--invoke-port", "0", "--http-port", "0",
                     "--payload", "1.0", "--timeout", "20"]) as emu:
        (e2e_root / "etc").mkdir()
        shutil.copy2(domain["ca"], e2e_root / "etc" / "test-ca.pem")
        # The Runtime API by name: a static glibc must resolve it through /etc/hosts with no NSS
        # module to load (Lambda's images list `files dns` too).
        (e2e_root / "etc" / "hosts").write_text("127.0.0.1 runtime-api.test\n")
        (e2e_root / "etc" / "nsswitch.conf").write_text("hosts: files dns\n")
        assert domain["url"].startswith("https://")
        with _bootstrap_in_root(e2e_root, emu["runtime_port"], domain["url"], ca="/etc/test-ca.pem",
                                runtime_host="runtime-api.test") as fn:
            status, answer = _post(emu["http_port"], json.dumps(DOCUMENT).encode())
            assert status == 201, (answer, fn.poll())
            assert answer["index"] == "bigsurvey" and answer["result"] == "created"
            [record] = _stored(data, "bigsurvey")
            assert record["_id"] == answer["id"]
            source = dict(record["_source"])
            assert source.pop("@timestamp").endswith("Z")
            assert source == DOCUMENT

            # Refused before the domain: nothing more is stored.
            status, answer = _post(emu["http_port"], b'{"anumber": "one", "textblob": "x", "ipaddr": "1.2.3.4"}')
            assert (status, answer["error"]) == (400, "validation_failed")
            assert len(_stored(data, "bigsurvey")) == 1


def test_packaged_bootstrap_verifies_the_domain_certificate(e2e_root, tmp_path):
    """Without the test CA (only the zip's Debian bundle and no system bundle in the root) the
    gateway must refuse the local domain's certificate: TLS is verified, not just used."""
    data = tmp_path / "data"
    domain_argv = [LOCAL_DOMAIN, "--port", "0", "--data", data, "--tls", "--region", REGION,
                   "--access-key", ACCESS_KEY, "--secret-key", SECRET_KEY]
    with _server(domain_argv) as domain, \
            _server([EMULATOR, "--no-spawn", "--runtime-port", "0", "--invoke-port", "0", "--http-port", "0",
                     "--payload", "2.0", "--timeout", "20"]) as emu:
        with _bootstrap_in_root(e2e_root, emu["runtime_port"], domain["url"]):
            status, answer = _post(emu["http_port"], json.dumps(DOCUMENT).encode())
            assert (status, answer["error"]) == (502, "domain_unavailable"), answer
            assert _stored(data, "bigsurvey") == []
