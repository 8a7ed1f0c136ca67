"""Where the gas of the exported verifier goes: compiles a verifier contract with vyper, runs one call on
revm (pyrevm, Cancun, the same EIP-1108 prices as the devchain) with its opcode trace, and prints the
execution gas (gasUsed - 21,000 - call data), the contract's own work (everything but the precompile
calls), the peak memory, and the gas spent between consecutive precompile calls. This is how the
variants in docs/ONCHAIN.md ("Gas (measured)") were compared; the devchain test
(Tests/oracles/test_onchain_verifier.py) remains the measurement of record.

    proofnode export-verifier --vk keys/commitment.vk --out /tmp/Verifier.vy
    proofnode prove --keys keys ... > /tmp/envelope.json
    .venv/bin/python scripts/verifier_gas_trace.py /tmp/Verifier.vy /tmp/envelope.json [--entry snarkjs]
        [--vyper .venv/bin/vyper] [--flags "--experimental-codegen"] [--steps]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from eth_abi import encode
from eth_utils import keccak
from pyrevm import EVM

CHECKPOINT = "verifyCheckpoint(bytes,uint256[5])"
SNARKJS = "verifyProof(uint256[2],uint256[2][2],uint256[2],uint256[5])"
PRECOMPILES = 211_750 + 11 * 100  # 5 ecMul, 5 ecAdd, a 4-pair ecPairing, and their warm-access charges


def call_data(envelope: dict, entry: str) -> bytes:
    proof = bytes.fromhex(envelope["proof_data"].removeprefix("0x"))
    inputs = [int(x) for x in envelope["public_inputs"]]
    if entry == "checkpoint":
        return keccak(text=CHECKPOINT)[:4] + encode(["bytes", f"uint256[{len(inputs)}]"], [proof, inputs])
    w = [int.from_bytes(proof[i : i + 32], "big") for i in range(0, 256, 32)]
    args = [[w[0], w[1]], [[w[2], w[3]], [w[4], w[5]]], [w[6], w[7]], inputs]
    types = ["uint256[2]", "uint256[2][2]", "uint256[2]", f"uint256[{len(inputs)}]"]
    return keccak(text=SNARKJS)[:4] + encode(types, args)


def traced_call(code: bytes, data: bytes) -> tuple[int, bytes, list[dict]]:
    """Deploys and calls on revm; pyrevm writes the EIP-3155 trace to file descriptor 1."""
    with tempfile.TemporaryFile(mode="w+") as capture:
        sys.stdout.flush()
        saved = os.dup(1)
        os.dup2(capture.fileno(), 1)
        try:
            evm = EVM(tracing=True)
            caller = "0x" + "11" * 20
            evm.set_balance(caller, 10**20)
            address = evm.deploy(caller, code)
            output = evm.message_call(caller, address, data)
            used = evm.result.gas_used
        finally:
            os.dup2(saved, 1)
            os.close(saved)
        capture.seek(0)
        lines = [json.loads(line) for line in capture if line.startswith("{")]
    # Each transaction's steps end with a summary line (no "pc"); the call is the last transaction.
    transactions, current = [], []
    for line in lines:
        if "pc" in line:
            current.append(line)
        else:
            transactions.append(current)
            current = []
    steps = [s for s in (current or transactions[-1]) if s.get("depth") == 1]
    return used, output, steps


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("contract", type=Path)
    parser.add_argument("envelope", type=Path)
    parser.add_argument("--entry", choices=["checkpoint", "snarkjs"], default="checkpoint")
    parser.add_argument("--vyper", default=str(Path(sys.executable).with_name("vyper")))
    parser.add_argument("--flags", default="", help="extra vyper flags, e.g. '--experimental-codegen'")
    parser.add_argument("--steps", action="store_true", help="print every step (pc, opcode, gas, memory)")
    args = parser.parse_args()

    compiled = subprocess.run([args.vyper, "-f", "bytecode", *args.flags.split(), str(args.contract)],
                              capture_output=True, text=True)
    if compiled.returncode != 0:
        print(compiled.stderr, file=sys.stderr)
        return 1
    data = call_data(json.loads(args.envelope.read_text()), args.entry)
    used, output, steps = traced_call(bytes.fromhex(compiled.stdout.strip()[2:]), data)
    call_data_gas = sum(16 if byte else 4 for byte in data)
    execution = used - 21_000 - call_data_gas

    segments, by_opcode, memory = [0], Counter(), 0
    for step in steps:
        if step["opName"] in ("STATICCALL", "CALL"):
            segments.append(0)  # its cost includes the gas forwarded to the precompile
            continue
        cost = int(step["gasCost"], 16)
        segments[-1] += cost
        by_opcode[step["opName"]] += cost
        memory = max(memory, int(step["memSize"]))
        if args.steps:
            print(step["pc"], step["opName"], cost, step["memSize"])
    print(f"result {output.hex()}")
    print(f"execution gas {execution:,} (gasUsed {used:,}, call data {call_data_gas:,})")
    print(f"own work {execution - PRECOMPILES:,} (outside the call opcodes {sum(segments):,}); peak memory {memory:,} bytes")
    print(f"between precompile calls: {segments}")
    print("by opcode:", ", ".join(f"{name} {gas}" for name, gas in by_opcode.most_common(12)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
