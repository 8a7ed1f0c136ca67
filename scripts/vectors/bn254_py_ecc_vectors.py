#!/usr/bin/env python3
"""Generates Tests/BN254Tests/Vectors/py_ecc-bn254.json with py_ecc 8.0.0 as the independent oracle.

- g2Multiples: k·G2 for fixed and pseudo-random k, in the EIP-197 byte layout (x.c1, x.c0, y.c1, y.c0).
- g2Sums: P + Q for pairs of such multiples.
- invalidG1: 64-byte encodings that EIP-196 requires to be rejected, each checked here to be invalid
  (coordinate >= q, or not on y^2 = x^3 + 3).
- invalidG2: 128-byte encodings that EIP-197 requires to be rejected (coordinate >= q, off the twist).

Run: pip install py_ecc==8.0.0 && python3 scripts/vectors/bn254_py_ecc_vectors.py
"""
import json
import random
from pathlib import Path

from py_ecc.bn128 import FQ, FQ2, G2, add, b, b2, curve_order, field_modulus, is_on_curve, multiply

q = field_modulus
rng = random.Random(20261126)


def word(value: int) -> str:
    return int(value).to_bytes(32, "big").hex()


def g2_hex(point) -> str:
    if point is None:
        return "00" * 128
    x, y = point
    return word(x.coeffs[1]) + word(x.coeffs[0]) + word(y.coeffs[1]) + word(y.coeffs[0])


scalars = [1, 2, 3, 255, curve_order - 1, curve_order, curve_order + 1] + [rng.randrange(curve_order) for _ in range(6)]
multiples = [{"scalar": hex(k), "point": g2_hex(multiply(G2, k))} for k in scalars]

sums = []
for _ in range(6):
    k1, k2 = rng.randrange(curve_order), rng.randrange(curve_order)
    p1, p2 = multiply(G2, k1), multiply(G2, k2)
    sums.append({"a": g2_hex(p1), "b": g2_hex(p2), "sum": g2_hex(add(p1, p2))})
p = multiply(G2, 12345)
sums.append({"a": g2_hex(p), "b": g2_hex(p), "sum": g2_hex(add(p, p))})
neg = (p[0], -p[1])
sums.append({"a": g2_hex(p), "b": g2_hex(neg), "sum": g2_hex(None)})

invalid_g1 = []
for name, x, y, code in [
    ("x equals q (generator with x + q)", 1 + q, 2, "nonCanonical"),
    ("y equals q + 2 (generator with y + q)", 1, 2 + q, "nonCanonical"),
    ("x is 2^256 - 1", 2**256 - 1, 2, "nonCanonical"),
    ("(1, 3) is off the curve", 1, 3, "notOnCurve"),
    ("(0, 1) is off the curve", 0, 1, "notOnCurve"),
    ("(0, 3) is off the curve", 0, 3, "notOnCurve"),
    ("(1, 0) is off the curve", 1, 0, "notOnCurve"),
]:
    if x < q and y < q:
        assert not is_on_curve((FQ(x), FQ(y)), b)
    invalid_g1.append({"name": name, "input": word(x) + word(y), "code": code})

gx, gy = G2
invalid_g2 = []
off_y = FQ2([int(gy.coeffs[0]) + 1, int(gy.coeffs[1])])
assert not is_on_curve((gx, off_y), b2)
for name, words, code in [
    ("x.c1 + q", [int(gx.coeffs[1]) + q, int(gx.coeffs[0]), int(gy.coeffs[1]), int(gy.coeffs[0])], "nonCanonical"),
    ("x.c0 + q", [int(gx.coeffs[1]), int(gx.coeffs[0]) + q, int(gy.coeffs[1]), int(gy.coeffs[0])], "nonCanonical"),
    ("y.c1 + q", [int(gx.coeffs[1]), int(gx.coeffs[0]), int(gy.coeffs[1]) + q, int(gy.coeffs[0])], "nonCanonical"),
    ("y.c0 + q", [int(gx.coeffs[1]), int(gx.coeffs[0]), int(gy.coeffs[1]), int(gy.coeffs[0]) + q], "nonCanonical"),
    ("generator with y.c0 + 1 is off the twist", [int(gx.coeffs[1]), int(gx.coeffs[0]), int(gy.coeffs[1]), int(gy.coeffs[0]) + 1], "notOnCurve"),
    ("swapped real and imaginary parts (wrong layout) is off the twist",
     [int(gx.coeffs[0]), int(gx.coeffs[1]), int(gy.coeffs[0]), int(gy.coeffs[1])], "notOnCurve"),
]:
    invalid_g2.append({"name": name, "input": "".join(word(w) for w in words), "code": code})
swapped = (FQ2([int(gx.coeffs[1]), int(gx.coeffs[0])]), FQ2([int(gy.coeffs[1]), int(gy.coeffs[0])]))
assert not is_on_curve(swapped, b2)

out = {
    "source": "py_ecc 8.0.0 (scripts/vectors/bn254_py_ecc_vectors.py); G2 in the EIP-197 layout x.c1 x.c0 y.c1 y.c0",
    "g2Multiples": multiples,
    "g2Sums": sums,
    "invalidG1": invalid_g1,
    "invalidG2": invalid_g2,
}
target = Path(__file__).resolve().parents[2] / "Tests/BN254Tests/Vectors/py_ecc-bn254.json"
target.write_text(json.dumps(out, indent=2) + "\n")
print(f"wrote {target}")
