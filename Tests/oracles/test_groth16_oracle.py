"""Groth16 proofs made by proofnode, checked by an independent verifier built on py_ecc.

`proofnode dev export-snarkjs` runs a setup and a proof for a synthetic circuit and writes snarkjs'
verification_key.json, proof.json and public.json. This test reads those files and verifies the proof
with its own Groth16 equation over py_ecc's BN254 ("bn128") pairing:

    e(A, B) = e(alpha, beta) * e(sum_i x_i * IC_i, gamma) * e(C, delta)

(written as one product of four Miller loops with -A, sharing a single final exponentiation). It must
accept our honest proofs and reject tampered ones. Nothing here reuses proofnode's arithmetic: the
files are the only interface. py_ecc pairings take about a second each, so only a couple of proofs
are checked.

Run with PROOFNODE_BIN pointing at a built `proofnode` (scripts/test.sh does this).
"""

import json
import os
import subprocess
from pathlib import Path

import pytest
from py_ecc.fields import optimized_bn128_FQ as FQ
from py_ecc.fields import optimized_bn128_FQ2 as FQ2
from py_ecc.fields import optimized_bn128_FQ12 as FQ12
from py_ecc.optimized_bn128 import (
    add,
    b,
    b2,
    curve_order,
    field_modulus,
    final_exponentiate,
    is_inf,
    is_on_curve,
    multiply,
    neg,
    normalize,
    pairing,
    Z1,
)

PUBLIC_INPUTS = 3


def proofnode_bin() -> str:
    path = os.environ.get("PROOFNODE_BIN")
    if not path or not Path(path).exists():
        pytest.skip("PROOFNODE_BIN is not set to a built proofnode executable")
    return path


def export(directory: Path, constraints: int, first_input: int) -> dict:
    subprocess.run(
        [
            proofnode_bin(), "dev", "export-snarkjs", "--out", str(directory),
            "--constraints", str(constraints), "--public-inputs", str(PUBLIC_INPUTS),
            "--first-input", str(first_input),
        ],
        check=True, capture_output=True, text=True, timeout=300,
    )
    return {
        name: json.loads((directory / f"{name}.json").read_text())
        for name in ("verification_key", "proof", "public")
    }


def field(text: str) -> int:
    value = int(text, 10)
    assert 0 <= value < field_modulus, f"{text} is not a canonical Fq element"
    return value


def g1(strings: list) -> tuple:
    """A snarkjs G1 point [x, y, z] (z is 1, or 0 for infinity) as a py_ecc Jacobian-style triple."""
    x, y, z = (field(s) for s in strings)
    if z == 0:
        return Z1
    assert z == 1, "snarkjs points are written with z = 1"
    point = (FQ(x), FQ(y), FQ.one())
    assert is_on_curve(point, b), "G1 point not on y^2 = x^3 + 3"
    return point


def g2(strings: list) -> tuple:
    """A snarkjs G2 point [[x.c0, x.c1], [y.c0, y.c1], [1, 0]], checked on the twist and in G2."""
    (x0, x1), (y0, y1), (z0, z1) = ([field(s) for s in pair] for pair in strings)
    assert (z0, z1) == (1, 0), "snarkjs G2 points are written with z = 1"
    point = (FQ2([x0, x1]), FQ2([y0, y1]), FQ2.one())
    assert is_on_curve(point, b2), "G2 point not on the twist"
    assert is_inf(multiply(point, curve_order)), "G2 point not in the order-r subgroup"
    return point


def verify(vk: dict, proof: dict, public: list) -> bool:
    """Groth16 verification, written from the paper's equation with py_ecc's group and pairing."""
    assert vk["protocol"] == "groth16" and vk["curve"] == "bn128"
    assert len(vk["IC"]) == vk["nPublic"] + 1 == len(public) + 1
    inputs = [int(s, 10) for s in public]
    if any(not 0 <= x < curve_order for x in inputs):
        return False
    commitment = g1(vk["IC"][0])
    for x, point in zip(inputs, vk["IC"][1:]):
        commitment = add(commitment, multiply(g1(point), x))
    a, bb, c = g1(proof["pi_a"]), g2(proof["pi_b"]), g1(proof["pi_c"])
    alpha, beta = g1(vk["vk_alpha_1"]), g2(vk["vk_beta_2"])
    gamma, delta = g2(vk["vk_gamma_2"]), g2(vk["vk_delta_2"])
    # e(-A, B) * e(alpha, beta) * e(vk_x, gamma) * e(C, delta) == 1
    product = FQ12.one()
    for q, p in ((bb, neg(a)), (beta, alpha), (gamma, commitment), (delta, c)):
        product = product * pairing(q, p, final_exponentiate=False)
    return final_exponentiate(product) == FQ12.one()


def tower_to_fq12(value: list) -> FQ12:
    """snarkjs' vk_alphabeta_12 (Fq2[u]/(u^2+1), Fq6 = Fq2[v]/(v^3 - (9+u)), Fq12 = Fq6[w]/(w^2 - v))
    in py_ecc's single-extension basis Fq[w]/(w^12 - 18 w^6 + 82), where v = w^2 and u = w^6 - 9."""
    w = FQ12([0, 1] + [0] * 10)
    u = w**6 - FQ12([9] + [0] * 11)
    total = FQ12.zero()
    for i, c6 in enumerate(value):          # c0 + c1 w
        for j, c2 in enumerate(c6):         # a0 + a1 v + a2 v^2
            x, y = (field(s) for s in c2)   # x + y u
            total = total + (FQ12([x] + [0] * 11) + u * y) * w ** (2 * j + i)
    return total


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> dict:
    return export(tmp_path_factory.mktemp("groth16"), constraints=24, first_input=1000)


def test_honest_proof_verifies(exported):
    assert verify(exported["verification_key"], exported["proof"], exported["public"])


def test_changed_public_input_is_rejected(exported):
    public = list(exported["public"])
    public[1] = str(int(public[1]) + 1)
    assert not verify(exported["verification_key"], exported["proof"], public)


def test_tampered_proof_is_rejected(exported):
    proof = json.loads(json.dumps(exported["proof"]))
    # Replace C by C + G (still a valid curve point, so only the pairing equation can catch it).
    x, y = normalize(add(g1(proof["pi_c"]), (FQ(1), FQ(2), FQ.one())))
    proof["pi_c"] = [str(x.n), str(y.n), "1"]
    assert not verify(exported["verification_key"], proof, exported["public"])


def test_alphabeta_matches_py_ecc_pairing(exported):
    """The verifying key's precomputed e(alpha, beta) equals py_ecc's pairing of the key's points."""
    vk = exported["verification_key"]
    expected = pairing(g2(vk["vk_beta_2"]), g1(vk["vk_alpha_1"]))
    assert tower_to_fq12(vk["vk_alphabeta_12"]) == expected


def test_second_independent_setup_and_proof(tmp_path):
    """A different circuit size and fresh keys: accepted under its own key."""
    files = export(tmp_path, constraints=40, first_input=77)
    assert verify(files["verification_key"], files["proof"], files["public"])
