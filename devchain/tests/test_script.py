"""scripts/devchain.sh: start on a free port, status, info file, stop without leftovers, run."""

from __future__ import annotations

import json
import os
import subprocess
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "devchain.sh"


def env_for(tmp_path: Path) -> dict:
    env = dict(os.environ)
    env.update(
        DEVCHAIN_INFO=str(tmp_path / "devchain.json"),
        DEVCHAIN_PID=str(tmp_path / "devchain.pid"),
        DEVCHAIN_LOG=str(tmp_path / "devchain.log"),
    )
    return env


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}/cmdline").exists() and b"devchain.server" in Path(f"/proc/{pid}/cmdline").read_bytes()


@pytest.mark.skipif(not (REPO / ".venv" / "bin" / "python").exists(), reason="needs the repository's .venv")
def test_start_status_stop(tmp_path):
    env = env_for(tmp_path)
    subprocess.run([SCRIPT, "start", "--chain-id", "84532", "--dispute-window", "5"], env=env, check=True, timeout=120)
    try:
        info = json.loads((tmp_path / "devchain.json").read_text())
        assert info["chainId"] == 84532 and info["jobMarketplace"].startswith("0x") and len(info["accounts"]) == 10
        assert info["contracts"]["JobMarketplace"]["disputeWindow"] == 5
        pid = int((tmp_path / "devchain.pid").read_text())
        assert pid == info["pid"] and alive(pid)
        body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "eth_chainId", "params": []}).encode()
        request = urllib.request.Request(info["rpcUrl"], body, {"Content-Type": "application/json"})
        assert json.load(urllib.request.urlopen(request, timeout=5))["result"] == hex(84532)
        status = subprocess.run([SCRIPT, "status"], env=env, capture_output=True, text=True, timeout=30)
        assert status.returncode == 0 and json.loads(status.stdout)["rpcUrl"] == info["rpcUrl"]
    finally:
        subprocess.run([SCRIPT, "stop"], env=env, check=True, timeout=60)
    assert not alive(pid)
    assert not (tmp_path / "devchain.json").exists() and not (tmp_path / "devchain.pid").exists()
    assert subprocess.run([SCRIPT, "status"], env=env, capture_output=True, timeout=30).returncode == 1


@pytest.mark.skipif(not (REPO / ".venv" / "bin" / "python").exists(), reason="needs the repository's .venv")
def test_run_stops_the_chain_even_when_the_command_fails(tmp_path):
    env = env_for(tmp_path)
    result = subprocess.run(
        [SCRIPT, "run", "--", "bash", "-c", 'cat "$DEVCHAIN_INFO"; exit 3'],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 3
    pid = json.loads(result.stdout)["pid"]
    assert not alive(pid)
    assert not (tmp_path / "devchain.pid").exists()
