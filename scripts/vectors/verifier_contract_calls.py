"""Writes Tests/EthereumTests/Vectors/verifier-contract-calls.json: call data of the exported verifier
contract's functions, encoded by eth-abi 6.0.0 with eth-utils' Keccak (independent of proofnode)."""

import json
from pathlib import Path

from eth_abi import encode
from eth_utils import keccak

proof = bytes((7 * i + 3) % 256 for i in range(256))
inputs = [1, 0x70997970C51812DC3A010C7D01B50E0D17DC79C8, 0, 2**64 - 1,
          21888242871839275222246405745257275088548364400416034343698204186575808495616]
w = [int.from_bytes(proof[i:i + 32], "big") for i in range(0, 256, 32)]


def call(signature: str, types: list, args: list) -> str:
    return "0x" + (keccak(text=signature)[:4] + encode(types, args)).hex()


vectors = {
    "source": "eth-abi 6.0.0 encode + eth-utils keccak (scripts/vectors/verifier_contract_calls.py)",
    "proof": "0x" + proof.hex(),
    "inputs": [str(x) for x in inputs],
    "verifyCheckpoint": call("verifyCheckpoint(bytes,uint256[5])", ["bytes", "uint256[5]"], [proof, inputs]),
    "verifyProof": call("verifyProof(uint256[2],uint256[2][2],uint256[2],uint256[5])",
                        ["uint256[2]", "uint256[2][2]", "uint256[2]", "uint256[5]"],
                        [[w[0], w[1]], [[w[2], w[3]], [w[4], w[5]]], [w[6], w[7]], inputs]),
    "selectors": {name: "0x" + keccak(text=name + "()")[:4].hex()
                  for name in ("KEY_FINGERPRINT", "CIRCUIT_DIGEST", "PUBLIC_INPUT_COUNT")},
}
out = Path(__file__).resolve().parents[2] / "Tests" / "EthereumTests" / "Vectors" / "verifier-contract-calls.json"
out.write_text(json.dumps(vectors, indent=1) + "\n")
