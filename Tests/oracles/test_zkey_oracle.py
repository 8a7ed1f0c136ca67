"""snarkjs `.zkey` files checked with snarkjs's Groth16 prover math, reimplemented on py_ecc.

snarkjs's prover (`groth16_prove.js`) does not use the key's H query as proofnode's prover does: it
evaluates A·z and B·z per row from the coefficient section (4), takes C = A·B row-wise, moves the
three to the odd points x_i = w_2n^(2i+1) of the doubled domain (inverse FFT, scale by w_2n^j, FFT),
and multiplies (A·B - C)(x_i) into section 9, which holds [L_{2i+1}(tau)/delta]_1. This file does
exactly that, over py_ecc's BN254, with its own parser of the container and LEM points, then checks
the proof with the Groth16 equation (one product of four pairings). Nothing is shared with proofnode:
the files are the only interface.

- snarkjs's own `zkey new` output (zkpy 0.2.0, in the Swift test vectors) anchors the oracle.
- A proofnode ceremony on the same circuit (`phase2 new/contribute/beacon --r1cs`, then `export-zkey`)
  must give a .zkey this prover makes valid proofs with; a wrong public input must fail.

Run with PROOFNODE_BIN pointing at a built `proofnode` (scripts/test.sh does this).
"""

import os
import struct
import subprocess
from pathlib import Path

import pytest
from py_ecc.fields import optimized_bn128_FQ as FQ
from py_ecc.fields import optimized_bn128_FQ2 as FQ2
from py_ecc.fields import optimized_bn128_FQ12 as FQ12
from py_ecc.optimized_bn128 import (
    Z1,
    Z2,
    add,
    curve_order as R,
    field_modulus as Q,
    final_exponentiate,
    is_on_curve,
    b,
    b2,
    multiply,
    neg,
    pairing,
)

VECTORS = Path(__file__).resolve().parents[1] / "CeremonyTests" / "Vectors"
R_INV = pow(2**256, -1, Q)
RR_INV2 = pow(2**256, -2, R)


def sections(data: bytes, magic: bytes) -> dict:
    assert data[:4] == magic
    count = struct.unpack_from("<I", data, 8)[0]
    offset, found = 12, {}
    for _ in range(count):
        kind, size = struct.unpack_from("<IQ", data, offset)
        offset += 12
        found[kind] = data[offset:offset + size]
        offset += size
    return found


def fq(data: bytes, at: int) -> int:
    return int.from_bytes(data[at:at + 32], "little") * R_INV % Q


def g1(data: bytes, at: int):
    x, y = fq(data, at), fq(data, at + 32)
    if x == 0 and y == 0:
        return Z1
    point = (FQ(x), FQ(y), FQ(1))
    assert is_on_curve(point, b)
    return point


def g2(data: bytes, at: int):
    x0, x1, y0, y1 = (fq(data, at + 32 * k) for k in range(4))
    if x0 == x1 == y0 == y1 == 0:
        return Z2
    point = (FQ2([x0, x1]), FQ2([y0, y1]), FQ2([1, 0]))
    assert is_on_curve(point, b2)
    return point


def read_zkey(path: Path) -> dict:
    s = sections(path.read_bytes(), b"zkey")
    assert struct.unpack_from("<I", s[1], 0)[0] == 1
    header = s[2]
    n_vars, n_public, n = struct.unpack_from("<III", header, 72)
    at = 84
    key = {
        "n_vars": n_vars, "n_public": n_public, "n": n,
        "alpha1": g1(header, at), "beta1": g1(header, at + 64), "beta2": g2(header, at + 128),
        "gamma2": g2(header, at + 256), "delta1": g1(header, at + 384), "delta2": g2(header, at + 448),
    }
    key["ic"] = [g1(s[3], 64 * i) for i in range(n_public + 1)]
    key["a"] = [g1(s[5], 64 * i) for i in range(n_vars)]
    key["b1"] = [g1(s[6], 64 * i) for i in range(n_vars)]
    key["b2"] = [g2(s[7], 128 * i) for i in range(n_vars)]
    key["c"] = [g1(s[8], 64 * i) for i in range(n_vars - n_public - 1)]
    key["h"] = [g1(s[9], 64 * i) for i in range(n)]
    coefficients, count = [], struct.unpack_from("<I", s[4], 0)[0]
    for k in range(count):
        matrix, row, signal = struct.unpack_from("<III", s[4], 4 + 44 * k)
        value = int.from_bytes(s[4][16 + 44 * k:48 + 44 * k], "little") * RR_INV2 % R
        coefficients.append((matrix, row, signal, value))
    key["coefficients"] = coefficients
    return key


def root(n: int) -> int:
    return pow(5, (R - 1) // n, R)


def dft(values: list, w: int) -> list:
    n = len(values)
    return [sum(values[j] * pow(w, i * j, R) for j in range(n)) % R for i in range(n)]


def odd_point_values(rows: list, n: int) -> list:
    """The values at w_2n^(2i+1) of the polynomial taking rows[j] at w_n^j."""
    w = root(n)
    coefficients = [v * pow(n, -1, R) % R for v in dft(rows, pow(w, -1, R))]
    shift = root(2 * n)
    return dft([c * pow(shift, j, R) % R for j, c in enumerate(coefficients)], w)


def msm(points: list, scalars: list, zero):
    total = zero
    for point, scalar in zip(points, scalars):
        if scalar % R:
            total = add(total, multiply(point, scalar % R))
    return total


def prove(key: dict, witness: list, r: int, s: int):
    n = key["n"]
    rows_a, rows_b = [0] * n, [0] * n
    for matrix, row, signal, value in key["coefficients"]:
        target = rows_a if matrix == 0 else rows_b
        target[row] = (target[row] + value * witness[signal]) % R
    rows_c = [x * y % R for x, y in zip(rows_a, rows_b)]
    a, b_, c = (odd_point_values(rows, n) for rows in (rows_a, rows_b, rows_c))
    h_scalars = [(x * y - z) % R for x, y, z in zip(a, b_, c)]
    pi_a = add(add(key["alpha1"], msm(key["a"], witness, Z1)), multiply(key["delta1"], r))
    pi_b = add(add(key["beta2"], msm(key["b2"], witness, Z2)), multiply(key["delta2"], s))
    b1 = add(add(key["beta1"], msm(key["b1"], witness, Z1)), multiply(key["delta1"], s))
    private = witness[key["n_public"] + 1:]
    pi_c = add(msm(key["c"], private, Z1), msm(key["h"], h_scalars, Z1))
    pi_c = add(add(pi_c, multiply(pi_a, s)), multiply(b1, r))
    pi_c = add(pi_c, neg(multiply(key["delta1"], r * s % R)))
    return pi_a, pi_b, pi_c


def verify(key: dict, proof, public: list) -> bool:
    pi_a, pi_b, pi_c = proof
    acc = key["ic"][0]
    for x, point in zip(public, key["ic"][1:]):
        acc = add(acc, multiply(point, x % R))
    product = FQ12.one()
    for p2, p1 in ((pi_b, neg(pi_a)), (key["beta2"], key["alpha1"]), (key["gamma2"], acc), (key["delta2"], pi_c)):
        product = product * pairing(p2, p1, final_exponentiate=False)
    return final_exponentiate(product) == FQ12.one()


def example_witness(a: int, b_: int) -> list:
    # example_circuit.r1cs: (-a) * b = -out, wires [one, out, a, b].
    return [1, a * b_ % R, a, b_]


def test_snarkjs_zkey_new_output_proves_with_this_prover():
    key = read_zkey(VECTORS / "snarkjs-example-0contrib.zkey")
    witness = example_witness(3, 11)
    proof = prove(key, witness, r=5, s=7)
    assert verify(key, proof, witness[1:2])
    assert not verify(key, proof, [34])


def proofnode_bin() -> str:
    path = os.environ.get("PROOFNODE_BIN")
    if not path or not Path(path).exists():
        pytest.skip("PROOFNODE_BIN is not set to a built proofnode executable")
    return path


def test_proofnode_ceremony_zkey_proves_with_snarkjs_prover_math(tmp_path: Path):
    binary = proofnode_bin()
    ptau = str(VECTORS / "snarkjs-prepared-power12.ptau")
    r1cs = ["--r1cs", str(VECTORS / "snarkjs-example.r1cs")]

    def run(*args: str) -> str:
        done = subprocess.run([binary, "ceremony", "phase2", *args], check=True, capture_output=True, text=True,
                              timeout=600, cwd=tmp_path)
        return done.stdout

    run("new", "--phase1", ptau, *r1cs, "c0.p2")
    run("contribute", "c0.p2", "c1.p2", "--name", "alice", "--phase1", ptau, *r1cs)
    run("contribute", "c1.p2", "c2.p2", "--name", "bob", *r1cs)
    run("beacon", "c2.p2", "c3.p2", "--beacon", "0102030405", "--iterations", "3", *r1cs)
    assert "3 contributions" in run("verify", "c3.p2", "--phase1", ptau, *r1cs)
    run("export-zkey", "c3.p2", "final.zkey", *r1cs)
    key = read_zkey(tmp_path / "final.zkey")
    assert key["delta2"] != key["gamma2"]
    witness = example_witness(6, 7)
    proof = prove(key, witness, r=11, s=13)
    assert verify(key, proof, [42])
    assert not verify(key, proof, [43])
    # And back: the exported key imports and verifies as the same transcript.
    assert "3 contributions" in run("import-zkey", "final.zkey", "back.p2", "--phase1", ptau, *r1cs)
