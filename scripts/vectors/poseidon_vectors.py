#!/usr/bin/env python3
"""Generates Tests/CommitmentTests/Vectors/poseidon_light_poseidon.json: Poseidon hashes of random and
edge-case inputs for 1 to 12 inputs (widths 2 to 13), computed by an independent implementation.

Oracle: the PyPI package `light-poseidon==0.1.1` (Python bindings of the Rust crate light-poseidon
0.4.0 on arkworks, whose parameters are circomlib's; it matches circomlibjs' published values, e.g.
poseidon([1,2]) = 0x115cc0f5…189a). It supports 1 to 12 inputs only.

Usage:
    python3 -m venv /tmp/oracle && /tmp/oracle/bin/pip install light-poseidon==0.1.1
    /tmp/oracle/bin/python scripts/vectors/poseidon_vectors.py > Tests/CommitmentTests/Vectors/poseidon_light_poseidon.json
"""
import json
import random

from light_poseidon_python import poseidon_hash_bytes

R = 21888242871839275222246405745257275088548364400416034343698204186575808495617


def oracle(values):
    return int(poseidon_hash_bytes([v.to_bytes(32, "big") for v in values]), 16)


def main():
    rng = random.Random(20261126)
    cases = []
    for count in range(1, 13):
        samples = [[rng.randrange(R) for _ in range(count)] for _ in range(4)]
        samples.append([0] * count)
        samples.append([R - 1] * count)
        samples.append([rng.randrange(1 << 128) for _ in range(count)])
        for inputs in samples:
            cases.append({"inputs": [str(v) for v in inputs], "expected": str(oracle(inputs))})
    print(json.dumps({
        "source": "light-poseidon==0.1.1 (PyPI; Rust light-poseidon 0.4.0, circomlib parameters) via "
                  "scripts/vectors/poseidon_vectors.py, seed 20261126",
        "cases": cases,
    }, indent=1))


if __name__ == "__main__":
    main()
