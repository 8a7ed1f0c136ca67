"""Groth16 proofs made by proofnode, checked through the EVM's BN254 precompiles as implemented by
revm (Rust, via pyrevm) — the arithmetic behind the devchain's 0x06/0x07/0x08 and an EIP-196/197
implementation independent of both proofnode and py_ecc.

The proof is read from proof.bin (proofnode's 256-byte EVM layout: A.x, A.y, B.x.c1, B.x.c0, B.y.c1,
B.y.c0, C.x, C.y), the key and inputs from the snarkjs JSON; vk_x = IC_0 + sum x_i * IC_i is formed
with ecMul (0x07) and ecAdd (0x06); then ecPairing (0x08) on (-A, B), (alpha, beta), (vk_x, gamma),
(C, delta) must return 1 — what a Solidity Groth16 verifier does on chain.
"""

import json
import os
import subprocess
from pathlib import Path

import pytest

pyrevm = pytest.importorskip("pyrevm")

Q = 21888242871839275222246405745257275088696311157297823662689037894645226208583
CALLER = "0x" + "de" * 20


def precompile(evm, address: int, data: bytes) -> bytes:
    return bytes(evm.message_call(caller=CALLER, to="0x" + address.to_bytes(20, "big").hex(), calldata=data,
                                  gas=10_000_000))


def word(value) -> bytes:
    return int(value, 10).to_bytes(32, "big") if isinstance(value, str) else value.to_bytes(32, "big")


def g1_bytes(point: list) -> bytes:
    assert point[2] == "1"
    return word(point[0]) + word(point[1])


def g2_bytes(point: list) -> bytes:
    """snarkjs [[x.c0, x.c1], [y.c0, y.c1], [1, 0]] in EIP-197 order: x.c1, x.c0, y.c1, y.c0."""
    (x0, x1), (y0, y1), _ = point
    return word(x1) + word(x0) + word(y1) + word(y0)


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    binary = os.environ.get("PROOFNODE_BIN")
    if not binary or not Path(binary).exists():
        pytest.skip("PROOFNODE_BIN is not set to a built proofnode executable")
    out = tmp_path_factory.mktemp("groth16-evm")
    subprocess.run([binary, "dev", "export-snarkjs", "--out", str(out), "--constraints", "32",
                    "--public-inputs", "4", "--first-input", "5"], check=True, capture_output=True, timeout=300)
    files = {name: json.loads((out / f"{name}.json").read_text()) for name in ("verification_key", "proof", "public")}
    files["proof.bin"] = (out / "proof.bin").read_bytes()
    return files


def pairing_input(vk: dict, proof_bin: bytes, public: list, evm) -> bytes:
    a, b, c = proof_bin[0:64], proof_bin[64:192], proof_bin[192:256]
    ax, ay = int.from_bytes(a[:32], "big"), int.from_bytes(a[32:], "big")
    minus_a = a[:32] + ((Q - ay) % Q if ax or ay else 0).to_bytes(32, "big")
    vk_x = g1_bytes(vk["IC"][0])
    for x, point in zip(public, vk["IC"][1:]):
        term = precompile(evm, 7, g1_bytes(point) + word(x))
        vk_x = precompile(evm, 6, vk_x + term)
    return (minus_a + b
            + g1_bytes(vk["vk_alpha_1"]) + g2_bytes(vk["vk_beta_2"])
            + vk_x + g2_bytes(vk["vk_gamma_2"])
            + c + g2_bytes(vk["vk_delta_2"]))


def test_proof_bin_matches_proof_json(exported):
    proof, raw = exported["proof"], exported["proof.bin"]
    assert len(raw) == 256
    assert raw[0:64] == g1_bytes(proof["pi_a"])
    assert raw[64:192] == g2_bytes(proof["pi_b"])
    assert raw[192:256] == g1_bytes(proof["pi_c"])


def test_ecpairing_accepts_honest_proof(exported):
    evm = pyrevm.EVM()
    data = pairing_input(exported["verification_key"], exported["proof.bin"], exported["public"], evm)
    assert len(data) == 4 * 192
    assert precompile(evm, 8, data) == (1).to_bytes(32, "big")


def test_ecpairing_rejects_other_public_input(exported):
    evm = pyrevm.EVM()
    public = list(exported["public"])
    public[0] = str(int(public[0]) + 1)
    data = pairing_input(exported["verification_key"], exported["proof.bin"], public, evm)
    assert precompile(evm, 8, data) == (0).to_bytes(32, "big")


def test_ecpairing_rejects_swapped_proof_points(exported):
    """C in A's place (and A in C's): valid points, wrong proof."""
    evm = pyrevm.EVM()
    raw = exported["proof.bin"]
    swapped = raw[192:256] + raw[64:192] + raw[0:64]
    data = pairing_input(exported["verification_key"], swapped, exported["public"], evm)
    assert precompile(evm, 8, data) == (0).to_bytes(32, "big")
