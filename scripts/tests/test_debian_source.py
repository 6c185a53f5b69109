"""scripts/lib/deploy/debian-source.sh refuses clearly where the Lambda package cannot be built
(the README's "Two commands" requirements): a system other than Debian 12, or a user other than
root who would need to add the deb-src entry. The successful path (entry added, sources fetched)
is test_package.py's."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = (ROOT / "scripts" / "lib" / "deploy" / "debian-source.sh").read_text()
UBUNTU = 'PRETTY_NAME="Ubuntu 24.04.1 LTS"\nNAME="Ubuntu"\nVERSION_ID="24.04"\nVERSION_CODENAME=noble\nID=ubuntu\nID_LIKE=debian\n'
BOOKWORM = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\nID=debian\n'


def ensure_deb_src(os_release, list_path, as_user=None):
    env = {"PATH": os.environ["PATH"], "ESP_OS_RELEASE": str(os_release), "ESP_DEB_SRC_LIST": str(list_path)}
    # The script's text is passed in, so another user need not be able to read the worktree.
    cmd = ["bash", "-c", SCRIPT + "\nesp_ensure_deb_src"]
    if as_user:
        cmd = [shutil.which("runuser"), "-u", as_user, "--", "env", *(f"{k}={v}" for k, v in env.items()), *cmd]
    return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=60)


def test_ubuntu_is_refused_before_apt_is_touched(tmp_path):
    (tmp_path / "os-release").write_text(UBUNTU)
    listed = tmp_path / "esproxy-deb-src.sources"
    r = ensure_deb_src(tmp_path / "os-release", listed)
    assert r.returncode == 1, r
    assert "built from Debian 12 (bookworm) source packages; this is Ubuntu 24.04.1 LTS" in r.stderr
    assert not listed.exists()


def test_a_missing_os_release_is_refused(tmp_path):
    r = ensure_deb_src(tmp_path / "absent", tmp_path / "list.sources")
    assert r.returncode == 1 and "this is an unknown system" in r.stderr, r


def test_a_normal_user_is_told_that_adding_the_entry_needs_root(tmp_path):
    listed = Path("/nonexistent-esproxy-test") / "esproxy-deb-src.sources"
    if os.geteuid() != 0:
        (tmp_path / "os-release").write_text(BOOKWORM)
        r = ensure_deb_src(tmp_path / "os-release", listed)
    else:
        # As root (the project's CI): the check runs as nobody, with the machine's own os-release,
        # which nobody can read (tmp_path is root's alone).
        if shutil.which("runuser") is None:
            pytest.fail("runuser is missing (util-linux): cannot run the check as a normal user")
        if "VERSION_CODENAME=bookworm" not in Path("/etc/os-release").read_text():
            pytest.fail("this machine is not Debian 12, which the project's tests need (README, Two commands)")
        r = ensure_deb_src("/etc/os-release", listed, as_user="nobody")
    assert r.returncode == 1, r
    assert f"adding {listed} (a bookworm deb-src entry for apt-get source) needs root" in r.stderr
