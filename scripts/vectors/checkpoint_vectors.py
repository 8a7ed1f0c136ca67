#!/usr/bin/env python3
"""Generates Tests/CommitmentTests/Vectors/checkpoint_commitments.json: checkpoint commitments computed
independently from the conventions of docs/CIRCUIT_SPEC.md.

For each case: modelHash = SHA-256(model id UTF-8), inputHash = SHA-256(prompt UTF-8),
outputHash = SHA-256(response UTF-8) (Python hashlib); each digest is split into hi = bytes 0..15 and
lo = bytes 16..31 as big-endian integers; the commitment is circomlib Poseidon of
[jobId, host, checkpointIndex, tokensClaimed, model hi, model lo, input hi, input lo, output hi,
output lo, salt], computed by light-poseidon==0.1.1 (PyPI; Rust light-poseidon 0.4.0).

Usage:
    python3 -m venv /tmp/oracle && /tmp/oracle/bin/pip install light-poseidon==0.1.1
    /tmp/oracle/bin/python scripts/vectors/checkpoint_vectors.py > Tests/CommitmentTests/Vectors/checkpoint_commitments.json
"""
import hashlib
import json
import random

from light_poseidon_python import poseidon_hash_bytes

R = 21888242871839275222246405745257275088548364400416034343698204186575808495617


def limbs(digest):
    return int.from_bytes(digest[:16], "big"), int.from_bytes(digest[16:], "big")


def main():
    rng = random.Random(4)
    texts = [
        ("llama-3-8b-instruct.Q4_K_M.gguf", "What is the capital of France?", "The capital of France is Paris."),
        ("tiny-vicuna-1b", "", ""),
        ("model-ü", "Schreibe ein Gedicht über den Mond 🌙", "Silbern hängt er über Dächern"),
    ]
    cases = []
    for index, (model, prompt, response) in enumerate(texts):
        job_id = [1, 2**64 - 1, rng.randrange(2**64)][index]
        host = [0x1234567890ABCDEF1234567890ABCDEF12345678, 2**160 - 1, rng.randrange(2**160)][index]
        checkpoint = [0, 2**64 - 1, rng.randrange(2**32)][index]
        tokens = [100, 2**64 - 1, rng.randrange(2**32)][index]
        salt = [1, R - 1, rng.randrange(R)][index]
        model_hash = hashlib.sha256(model.encode("utf-8")).digest()
        input_hash = hashlib.sha256(prompt.encode("utf-8")).digest()
        output_hash = hashlib.sha256(response.encode("utf-8")).digest()
        values = [job_id, host, checkpoint, tokens, *limbs(model_hash), *limbs(input_hash), *limbs(output_hash), salt]
        commitment = int(poseidon_hash_bytes([v.to_bytes(32, "big") for v in values]), 16)
        cases.append({
            "modelId": model, "prompt": prompt, "response": response,
            "jobId": str(job_id), "host": "0x" + host.to_bytes(20, "big").hex(),
            "checkpointIndex": str(checkpoint), "tokensClaimed": str(tokens), "salt": str(salt),
            "modelHash": model_hash.hex(), "inputHash": input_hash.hex(), "outputHash": output_hash.hex(),
            "commitment": str(commitment),
        })
    print(json.dumps({
        "source": "hashlib SHA-256 + light-poseidon==0.1.1 (PyPI; Rust light-poseidon 0.4.0, circomlib parameters) "
                  "via scripts/vectors/checkpoint_vectors.py",
        "cases": cases,
    }, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
