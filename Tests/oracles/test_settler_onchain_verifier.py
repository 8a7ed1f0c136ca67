"""`settlement.require_onchain_verifier` end to end on the real EVM: the settler (`proofnode settle
--require-onchain-verifier`) asks a deployed verifier (exported by proofnode, compiled by vyper, deployed
on the devchain) about every stored proof through `eth_call`, in addition to local verification.

Two sessions on the devchain's JobMarketplace, proven and submitted by `proofnode session run`:
- proven with key A, settled with key A known locally and A's verifier required: settles (paid);
- proven with key B, settled with key B known locally (so local verification passes) but A's verifier
  required: refused, the dispute naming the checkpoint and "on-chain verifier returned false". Before
  that, a verifier address with no contract behind it: the settlement fails (nothing decided, no
  dispute), and the session can still be settled or refused later.

Why this and not a Swift test: the MockChain has no EVM, and a scripted JSON-RPC stub would only
replay answers we wrote; here the verdicts come from the real contract on py-evm.

Run with PROOFNODE_BIN pointing at a built `proofnode` (scripts/test.sh does this).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from test_onchain_verifier import Rpc, deploy, proofnode  # noqa: F401 (same tier, same helpers)

pytest.importorskip("vyper")
from eth_abi import encode  # noqa: E402
from eth_account import Account  # noqa: E402
from eth_utils import keccak  # noqa: E402

from devchain.server import DevchainServer  # noqa: E402

DISPUTE_WINDOW = 30
CREATE = "createSessionJobForModel(address,bytes32,uint256,uint256,uint256,uint256)"
PRICE = 10**12  # wei per 1000 tokens
DEPOSIT = 10**14
MESSAGES = [
    {"prompt": "What is a checkpoint?", "response": "A bill for tokens, with a proof.", "tokens": 150},
    {"prompt": "And on-chain?", "response": "The chain checks the proof itself.", "tokens": 120},
]


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    root = tmp_path_factory.mktemp("settler")
    server = DevchainServer(block_time=0, manual_clock=True)
    server.start()
    try:
        marketplace = server.deploy_marketplace(DISPUTE_WINDOW, 1000, server.accounts[9][0])
        keys = {}
        for name in ("A", "B"):
            proofnode("setup", "--keys", str(root / name))
            contract = root / f"Verifier{name}.vy"
            proofnode("export-verifier", "--vk", str(root / name / "commitment.vk"), "--out", str(contract))
            keys[name] = root / name
        verifier = deploy(server, root / "VerifierA.vy")
        host_address, host_key = server.accounts[4]
        key_file = root / "host.key"
        key_file.write_text(host_key.removeprefix("0x"))
        key_file.chmod(0o600)
        messages = root / "messages.json"
        messages.write_text(json.dumps(MESSAGES))
        yield {"root": root, "server": server, "rpc": Rpc(server.url), "marketplace": marketplace, "keys": keys,
               "verifier": verifier, "host": host_address, "key_file": key_file, "messages": messages,
               "store": root / "audit.sqlite"}
    finally:
        server.stop()


def create_job(world) -> int:
    rpc = world["rpc"]
    depositor, key = world["server"].accounts[3]
    data = keccak(text=CREATE)[:4] + encode(
        ["address", "bytes32", "uint256", "uint256", "uint256", "uint256"],
        [world["host"], keccak(text="model"), PRICE, 3600, 100, 300])
    tx = {"chainId": 31337, "nonce": int(rpc("eth_getTransactionCount", depositor, "pending"), 16),
          "gas": 1_000_000, "to": world["marketplace"], "value": DEPOSIT, "data": data, "type": 2,
          "maxFeePerGas": 10**11, "maxPriorityFeePerGas": 10**9}
    raw = Account.sign_transaction(tx, key).raw_transaction
    receipt = rpc("eth_getTransactionReceipt", rpc("eth_sendRawTransaction", "0x" + raw.hex()))
    assert receipt["status"] == "0x1"
    return int(receipt["logs"][0]["topics"][1], 16)


def run_session(world, job: int, keys: Path) -> None:
    proofnode("session", "run", "--rpc", world["server"].url, "--store", str(world["store"]), "--key-file",
              str(world["key_file"]), "--marketplace", world["marketplace"], "--keys", str(keys), "--job", str(job),
              "--messages", str(world["messages"]), "--model-hash", keccak(text="weights").hex(),
              "--advance-dev-clock", "--no-delta")


def settle(world, job: int, keys: Path, verifier: str) -> dict:
    rpc = world["rpc"]
    rpc("evm_increaseTime", DISPUTE_WINDOW + 10)
    rpc("evm_mine")
    result = proofnode("settle", str(job), "--rpc", world["server"].url, "--store", str(world["store"]), "--keys",
                       str(keys), "--private-key-file", str(world["key_file"]), "--margin", "0",
                       "--require-onchain-verifier", verifier, "--json", check=False)
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_a_session_whose_proofs_the_verifier_accepts_settles(world):
    job = create_job(world)
    run_session(world, job, world["keys"]["A"])
    line = settle(world, job, world["keys"]["A"], world["verifier"].address)
    assert line["ok"] is True and line["outcome"] == "settled", line
    assert int(line["hostEarnings"]) > 0


def test_a_session_proven_under_another_key_is_refused_by_the_verifier(world):
    job = create_job(world)
    run_session(world, job, world["keys"]["B"])
    # No contract at the address: the node answers, but not as a verifier. Nothing is decided.
    nobody = "0x" + "00" * 19 + "99"
    line = settle(world, job, world["keys"]["B"], nobody)
    assert line["ok"] is False and line["outcome"] == "failed", line
    assert "could not be asked" in line["error"] and "checkpoint 0" in line["error"], line
    # The deployed verifier embeds key A; locally key B verifies these proofs. Refused, with a dispute.
    line = settle(world, job, world["keys"]["B"], world["verifier"].address)
    assert line["ok"] is False and line["outcome"] == "refused", line
    reasons = line["reasons"]
    assert reasons and all("onChainVerifierRejected: on-chain verifier returned false" in r for r in reasons), reasons
    assert {r.split(":")[0] for r in reasons} == {f"checkpoint {i}" for i in range(len(reasons))}
    assert "it embeds key" in reasons[0]
    # Local verification alone would have passed: the same session under `audit verify`-style checks is
    # clean except for the on-chain verdict (every reason above is the on-chain one).
