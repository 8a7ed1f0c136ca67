"""The exported verifier contract on a real EVM: `proofnode export-verifier --format vyper` compiled
with vyper 0.4.3 (PyPI), deployed on the devchain (py-evm, Cancun; BN254 precompiles by revm) with an
eth-account-signed transaction, and called over JSON-RPC with checkpoint proofs made by the proofnode
CLI (`setup`, `prove`). Also drives `proofnode verify --onchain` against the same chain.

What is independent of proofnode here: the compiler (vyper), the EVM and its precompiles (py-evm,
revm), the ABI encoder (eth-abi), and py_ecc's curve check of the proof layout. The gas figures are
printed (`pytest -s`) and recorded in docs/ONCHAIN.md.

Run with PROOFNODE_BIN pointing at a built `proofnode` (scripts/test.sh does this).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))  # for `import devchain`

vyper = pytest.importorskip("vyper")
from eth_abi import decode, encode  # noqa: E402
from eth_account import Account  # noqa: E402
from eth_utils import keccak, to_checksum_address  # noqa: E402
from py_ecc.fields import bn128_FQ2 as FQ2  # noqa: E402
from py_ecc.fields import bn128_FQ as FQ  # noqa: E402
from py_ecc.bn128 import b2, is_on_curve, b  # noqa: E402

from devchain.server import DevchainServer  # noqa: E402

R = 21888242871839275222246405745257275088548364400416034343698204186575808495617
Q = 21888242871839275222246405745257275088696311157297823662689037894645226208583
HOST = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"
CHECKPOINT = "verifyCheckpoint(bytes,uint256[5])"
SNARKJS = "verifyProof(uint256[2],uint256[2][2],uint256[2],uint256[5])"
NOT_ON_CURVE = "proof point is not on the curve (or B not in the subgroup)"
GAS_FILE = REPO / ".build" / "onchain-verifier-gas.json"
# Execution gas (gasUsed - 21,000 - call data) as measured with vyper 0.4.3; see test_gas_and_code_size.
REGRESSION_BOUND = {"verifyCheckpoint": 214_674, "verifyProof": 214_396}


def proofnode(*args: str, check: bool = True, cwd: Path | None = None) -> subprocess.CompletedProcess:
    binary = os.environ.get("PROOFNODE_BIN")
    if not binary or not Path(binary).exists():
        pytest.skip("PROOFNODE_BIN is not set to a built proofnode executable")
    result = subprocess.run([binary, *args], capture_output=True, text=True, timeout=600, cwd=cwd)
    if check and result.returncode != 0:
        raise AssertionError(f"proofnode {' '.join(args)} failed ({result.returncode}): {result.stderr[-2000:]}")
    return result


class Reverted(Exception):
    def __init__(self, error: dict) -> None:
        super().__init__(error.get("message"))
        self.message = error.get("message", "")
        self.data = error.get("data")


class Rpc:
    def __init__(self, url: str) -> None:
        self.url = url

    def __call__(self, method: str, *params):
        body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": method, "params": list(params)}).encode()
        request = urllib.request.Request(self.url, body, {"Content-Type": "application/json"})
        reply = json.load(urllib.request.urlopen(request, timeout=60))
        if "error" in reply:
            raise Reverted(reply["error"])
        return reply["result"]


def calldata_gas(data: bytes) -> int:
    return sum(16 if byte else 4 for byte in data)


def words(proof: bytes) -> list[int]:
    return [int.from_bytes(proof[i : i + 32], "big") for i in range(0, 256, 32)]


def checkpoint_call(proof: bytes, inputs: list[int]) -> bytes:
    return keccak(text=CHECKPOINT)[:4] + encode(["bytes", "uint256[5]"], [proof, inputs])


def snarkjs_call(proof: bytes, inputs: list[int]) -> bytes:
    w = words(proof)
    args = [[w[0], w[1]], [[w[2], w[3]], [w[4], w[5]]], [w[6], w[7]], inputs]
    return keccak(text=SNARKJS)[:4] + encode(["uint256[2]", "uint256[2][2]", "uint256[2]", "uint256[5]"], args)


class Deployment:
    def __init__(self, rpc: Rpc, account: tuple[str, str], address: str, runtime_size: int) -> None:
        self.rpc, self.account, self.address, self.runtime_size = rpc, account, address, runtime_size

    def call(self, data: bytes) -> bytes:
        return bytes.fromhex(self.rpc("eth_call", {"to": self.address, "input": "0x" + data.hex()}, "latest")[2:])

    def verdict(self, data: bytes):
        """True/False, or the revert reason."""
        try:
            (ok,) = decode(["bool"], self.call(data))
            return ok
        except Reverted as revert:
            assert revert.message.startswith("execution reverted"), revert.message
            return revert.message.removeprefix("execution reverted").removeprefix(": ") or "<no reason>"

    def estimate(self, data: bytes) -> int:
        return int(self.rpc("eth_estimateGas", {"to": self.address, "input": "0x" + data.hex()}), 16)

    def transact(self, data: bytes) -> dict:
        sender, key = self.account
        nonce = int(self.rpc("eth_getTransactionCount", sender, "pending"), 16)
        gas = self.estimate(data)
        base = int(self.rpc("eth_getBlockByNumber", "latest", False)["baseFeePerGas"], 16)
        tx = {"chainId": 31337, "nonce": nonce, "gas": gas, "to": self.address, "value": 0, "data": data,
              "type": 2, "maxFeePerGas": 2 * base + 10**9, "maxPriorityFeePerGas": 10**9}
        raw = Account.sign_transaction(tx, key).raw_transaction
        receipt = self.rpc("eth_getTransactionReceipt", self.rpc("eth_sendRawTransaction", "0x" + raw.hex()))
        assert receipt["status"] == "0x1"
        return receipt


@pytest.fixture(scope="module")
def keys(tmp_path_factory):
    """Two independent key sets (single-party setups) and, for each, three proven checkpoints."""
    root = tmp_path_factory.mktemp("onchain")
    sets = {}
    for name in ("main", "other"):
        directory = root / name
        proofnode("setup", "--keys", str(directory))
        envelopes = []
        for job, checkpoint, tokens in ((1, 0, 1000), (42, 3, 4000), (2**64 - 1, 2**64 - 2, 2**63)):
            result = proofnode("prove", "--keys", str(directory), "--job", str(job), "--host", HOST,
                               "--checkpoint", str(checkpoint), "--tokens", str(tokens), "--prompt", f"p{job}",
                               "--response", f"r{checkpoint}", "--model-id", "model")
            path = directory / f"envelope-{job}.json"
            path.write_text(result.stdout)
            envelopes.append((path, json.loads(result.stdout)))
        contract = directory / "Verifier.vy"
        proofnode("export-verifier", "--format", "vyper", "--vk", str(directory / "commitment.vk"),
                  "--out", str(contract))
        sets[name] = {"dir": directory, "envelopes": envelopes, "contract": contract}
    return sets


@pytest.fixture(scope="module")
def chain():
    server = DevchainServer(block_time=0)
    server.start()
    yield server
    server.stop()


def deploy(chain, contract: Path) -> Deployment:
    out = vyper.compile_code(contract.read_text(), output_formats=["bytecode", "bytecode_runtime"])
    rpc = Rpc(chain.url)
    sender, key = chain.accounts[0]
    nonce = int(rpc("eth_getTransactionCount", sender, "pending"), 16)
    tx = {"chainId": 31337, "nonce": nonce, "gas": 3_000_000, "to": b"", "value": 0,
          "data": bytes.fromhex(out["bytecode"][2:]), "type": 2, "maxFeePerGas": 10**11, "maxPriorityFeePerGas": 10**9}
    raw = Account.sign_transaction(tx, key).raw_transaction
    receipt = rpc("eth_getTransactionReceipt", rpc("eth_sendRawTransaction", "0x" + raw.hex()))
    assert receipt["status"] == "0x1"
    code = rpc("eth_getCode", receipt["contractAddress"], "latest")
    return Deployment(rpc, chain.accounts[1], to_checksum_address(receipt["contractAddress"]), len(code) // 2 - 1)


@pytest.fixture(scope="module")
def verifier(chain, keys) -> Deployment:
    return deploy(chain, keys["main"]["contract"])


def proof_and_inputs(envelope: dict) -> tuple[bytes, list[int]]:
    return bytes.fromhex(envelope["proof_data"].removeprefix("0x")), [int(x) for x in envelope["public_inputs"]]


def test_contract_header_names_the_key(keys, verifier):
    _, envelope = keys["main"]["envelopes"][0]
    source = keys["main"]["contract"].read_text()
    assert envelope["key_fingerprint"] in source.split('"""')[1]
    fingerprint = verifier.call(keccak(text="KEY_FINGERPRINT()")[:4])
    assert fingerprint.hex() == envelope["key_fingerprint"]
    assert decode(["uint256"], verifier.call(keccak(text="PUBLIC_INPUT_COUNT()")[:4])) == (5,)
    digest = verifier.call(keccak(text="CIRCUIT_DIGEST()")[:4])
    assert digest.hex() in source and digest != bytes(32)


def test_proof_layout_is_eip197(keys):
    """py_ecc's curve equations confirm the 256-byte layout: B's words are x1, x0, y1, y0."""
    for _, envelope in keys["main"]["envelopes"]:
        proof, _ = proof_and_inputs(envelope)
        w = words(proof)
        assert is_on_curve((FQ(w[0]), FQ(w[1])), b) and is_on_curve((FQ(w[6]), FQ(w[7])), b)
        assert is_on_curve((FQ2([w[3], w[2]]), FQ2([w[5], w[4]])), b2)


def test_real_proofs_verify_through_both_entry_points(keys, verifier):
    for _, envelope in keys["main"]["envelopes"]:
        proof, inputs = proof_and_inputs(envelope)
        assert verifier.verdict(checkpoint_call(proof, inputs)) is True
        assert verifier.verdict(snarkjs_call(proof, inputs)) is True


def test_each_public_input_changed_is_false(keys, verifier):
    proof, inputs = proof_and_inputs(keys["main"]["envelopes"][1][1])
    for index in range(5):
        changed = list(inputs)
        changed[index] = (changed[index] + 1) % R
        assert verifier.verdict(checkpoint_call(proof, changed)) is False
        assert verifier.verdict(snarkjs_call(proof, changed)) is False


def test_each_proof_coordinate_changed_is_refused(keys, verifier):
    """A changed coordinate leaves its curve: the pairing precompile fails and the contract says so."""
    proof, inputs = proof_and_inputs(keys["main"]["envelopes"][1][1])
    for index in range(8):
        w = words(proof)
        w[index] = (w[index] + 1) % Q
        changed = b"".join(v.to_bytes(32, "big") for v in w)
        assert verifier.verdict(checkpoint_call(changed, inputs)) in (False, NOT_ON_CURVE)
        assert verifier.verdict(snarkjs_call(changed, inputs)) in (False, NOT_ON_CURVE)


def test_valid_points_wrong_proof_is_false(keys, verifier):
    proof, inputs = proof_and_inputs(keys["main"]["envelopes"][0][1])
    other, _ = proof_and_inputs(keys["main"]["envelopes"][1][1])
    swapped = proof[192:256] + proof[64:192] + proof[0:64]  # C as A and A as C
    mixed = proof[0:64] + other[64:192] + proof[192:256]  # B of another proof
    w = words(proof)
    negated_a = w[0].to_bytes(32, "big") + ((Q - w[1]) % Q).to_bytes(32, "big") + proof[64:]
    for candidate in (swapped, mixed, negated_a):
        assert verifier.verdict(checkpoint_call(candidate, inputs)) is False
    assert verifier.verdict(checkpoint_call(bytes(256), inputs)) is False  # all three points at infinity


def test_non_canonical_values_revert_with_the_reason(keys, verifier):
    proof, inputs = proof_and_inputs(keys["main"]["envelopes"][1][1])
    for index in range(5):
        changed = list(inputs)
        changed[index] += R
        assert verifier.verdict(checkpoint_call(proof, changed)) == "public input is not below r"
        assert verifier.verdict(snarkjs_call(proof, changed)) == "public input is not below r"
    for index in range(8):
        w = words(proof)
        w[index] += Q
        if w[index] >= 2**256:
            continue
        changed = b"".join(v.to_bytes(32, "big") for v in w)
        assert verifier.verdict(checkpoint_call(changed, inputs)) == "proof coordinate is not below q", index
        assert verifier.verdict(snarkjs_call(changed, inputs)) == "proof coordinate is not below q", index
    assert verifier.verdict(checkpoint_call(proof[:255], inputs)) == "proof must be 256 bytes"
    assert verifier.verdict(checkpoint_call(proof + b"\0", inputs)) == "<no reason>"  # Bytes[256] bound


def test_a_proof_for_another_key_is_false(keys, verifier):
    for _, envelope in keys["other"]["envelopes"]:
        proof, inputs = proof_and_inputs(envelope)
        assert verifier.verdict(checkpoint_call(proof, inputs)) is False


def test_another_keys_verifier_accepts_its_own_proofs(chain, keys):
    other = deploy(chain, keys["other"]["contract"])
    for _, envelope in keys["other"]["envelopes"]:
        assert other.verdict(checkpoint_call(*proof_and_inputs(envelope))) is True
    for _, envelope in keys["main"]["envelopes"]:
        assert other.verdict(checkpoint_call(*proof_and_inputs(envelope))) is False


BEACON = "a1" * 32  # a fixed beacon: the test needs a ceremony, not an unpredictable one


@pytest.fixture(scope="module")
def ceremony(tmp_path_factory):
    """A two-party ceremony run through the CLI (phase 1 at power 11, the checkpoint circuit's domain;
    phase 2 on that circuit), each phase closed by a beacon, its keys finalized, two checkpoints proven
    with them and the verifier exported from them. ~30 s of CPU with the -O crypto modules."""
    root = tmp_path_factory.mktemp("ceremony")
    step = lambda *args: proofnode("ceremony", *args, cwd=root)  # noqa: E731
    step("phase1", "new", "--power", "11", "pot_0000.ptau")
    step("phase1", "contribute", "pot_0000.ptau", "pot_0001.ptau", "--name", "alice")
    step("phase1", "beacon", "pot_0001.ptau", "phase1.ptau", "--beacon", BEACON, "--iterations", "4")
    step("phase2", "new", "--phase1", "phase1.ptau", "circuit_0000.p2")
    step("phase2", "contribute", "circuit_0000.p2", "circuit_0001.p2", "--name", "bob")
    step("phase2", "beacon", "circuit_0001.p2", "circuit_final.p2", "--beacon", BEACON, "--iterations", "4")
    step("phase2", "finalize", "circuit_final.p2", "--phase1", "phase1.ptau", "--keys", "keys")
    keys = root / "keys"
    envelopes = []
    for job, checkpoint, tokens in ((7, 0, 1000), (2**64 - 1, 5, 2**63)):
        result = proofnode("prove", "--keys", str(keys), "--job", str(job), "--host", HOST, "--checkpoint",
                           str(checkpoint), "--tokens", str(tokens), "--prompt", f"c{job}", "--response",
                           f"d{checkpoint}", "--model-id", "model")
        envelopes.append(json.loads(result.stdout))
    contract = root / "CeremonyVerifier.vy"
    proofnode("export-verifier", "--format", "vyper", "--vk", str(keys / "commitment.vk"), "--out", str(contract))
    return {"keys": keys, "envelopes": envelopes, "contract": contract}


def test_a_ceremony_keys_verifier_verifies_proofs_made_with_that_key(chain, keys, verifier, ceremony):
    fingerprint = ceremony["envelopes"][0]["key_fingerprint"]
    assert fingerprint != keys["main"]["envelopes"][0][1]["key_fingerprint"]
    deployed = deploy(chain, ceremony["contract"])
    assert deployed.call(keccak(text="KEY_FINGERPRINT()")[:4]).hex() == fingerprint
    for envelope in ceremony["envelopes"]:
        assert envelope["key_fingerprint"] == fingerprint
        proof, inputs = proof_and_inputs(envelope)
        assert deployed.verdict(checkpoint_call(proof, inputs)) is True
        assert deployed.verdict(snarkjs_call(proof, inputs)) is True
        changed = list(inputs)
        changed[3] = (changed[3] + 1) % R
        assert deployed.verdict(checkpoint_call(proof, changed)) is False
        # …and the default single-party key's verifier does not accept them.
        assert verifier.verdict(checkpoint_call(proof, inputs)) is False
    # Proofs from the default (single-party `proofnode setup`) key are false on the ceremony's verifier.
    for _, envelope in keys["main"]["envelopes"]:
        assert deployed.verdict(checkpoint_call(*proof_and_inputs(envelope))) is False


def test_gas_and_code_size(keys, verifier):
    """Estimate and actual transactions; execution gas = gasUsed - 21,000 - calldata (Cancun pricing)."""
    figures = {"deployedCodeBytes": verifier.runtime_size}
    for label, build in (("verifyCheckpoint", checkpoint_call), ("verifyProof", snarkjs_call)):
        executions = []
        for _, envelope in keys["main"]["envelopes"]:
            data = build(*proof_and_inputs(envelope))
            receipt = verifier.transact(data)
            used = int(receipt["gasUsed"], 16)
            executions.append(used - 21000 - calldata_gas(data))
            figures[label] = {"estimateGas": verifier.estimate(data), "gasUsed": used,
                              "calldataGas": calldata_gas(data), "executionGas": used - 21000 - calldata_gas(data)}
        assert len(set(executions)) == 1  # data-independent: the same precompile calls every time
        # Precompiles 211,750; measured 214,674 (verifyCheckpoint) and 214,396 (verifyProof): a regression
        # guard at the measured values, not the 214,000 target, which no Vyper release reaches
        # without inline assembly (docs/ONCHAIN.md, "Gas (measured)").
        assert executions[0] <= REGRESSION_BOUND[label]
    print("\non-chain verifier gas:", json.dumps(figures, indent=1))
    GAS_FILE.parent.mkdir(exist_ok=True)
    GAS_FILE.write_text(json.dumps(figures, indent=1))
    assert verifier.runtime_size <= 3 * 1024


def test_cli_verify_onchain(chain, keys, verifier, tmp_path):
    path, envelope = keys["main"]["envelopes"][0]
    result = proofnode("verify", "--onchain", "--rpc", chain.url, "--verifier", verifier.address, str(path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("accepted on-chain")
    gas = int(result.stdout.split("gas: ")[1].split()[0])
    assert gas == verifier.estimate(checkpoint_call(*proof_and_inputs(envelope)))
    as_json = json.loads(proofnode("verify", "--onchain", "--json", "--rpc", chain.url, "--verifier",
                                   verifier.address, str(path)).stdout)
    assert as_json["accepted"] is True and as_json["gas_estimate"] == gas

    tampered = dict(envelope)
    tampered["tokens_claimed"] = str(int(envelope["tokens_claimed"]) + 1)
    tampered["public_inputs"] = list(envelope["public_inputs"])
    tampered["public_inputs"][3] = tampered["tokens_claimed"]
    (tmp_path / "tampered.json").write_text(json.dumps(tampered))
    result = proofnode("verify", "--onchain", "--rpc", chain.url, "--verifier", verifier.address,
                       str(tmp_path / "tampered.json"), check=False)
    assert result.returncode == 1 and "rejected on-chain" in result.stdout and "returned false" in result.stdout

    other_path, _ = keys["other"]["envelopes"][0]
    result = proofnode("verify", "--onchain", "--rpc", chain.url, "--verifier", verifier.address, str(other_path),
                       check=False)
    assert result.returncode == 1 and "embeds key" in result.stdout

    result = proofnode("verify", "--onchain", "--rpc", "http://127.0.0.1:9", "--verifier", verifier.address,
                       str(path), check=False)
    assert result.returncode not in (0, 1) and "could not be made" in result.stderr
