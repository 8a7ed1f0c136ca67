"""Generates Tests/EthereumTests/Vectors/transactions.json and personal_sign.json with eth-account.

eth-account (with eth-keys/coincurve) is an independent implementation; the Swift tests compare
against these files. EIP-155's own example is copied from the EIP text and only cross-checked here.
Run: .venv/bin/python Tests/oracles/generate_vectors.py
"""

import json
import random
from pathlib import Path

from eth_account import Account
from eth_account.messages import encode_defunct
from eth_utils import keccak

OUT = Path(__file__).resolve().parents[1] / "EthereumTests" / "Vectors"


def tx_case(name, key, tx, source):
    signed = Account.sign_transaction(tx, key)
    raw = bytes(signed.raw_transaction)
    return {
        "name": name,
        "source": source,
        "privateKey": key,
        "type": int(tx.get("type", 0)),
        "chainId": tx.get("chainId"),
        "nonce": tx["nonce"],
        "gasPrice": str(tx.get("gasPrice", 0)),
        "maxFeePerGas": str(tx.get("maxFeePerGas", 0)),
        "maxPriorityFeePerGas": str(tx.get("maxPriorityFeePerGas", 0)),
        "gas": tx["gas"],
        "to": tx.get("to") or None,
        "value": str(tx["value"]),
        "data": tx.get("data", "0x"),
        "accessList": tx.get("accessList", []),
        "raw": "0x" + raw.hex(),
        "hash": "0x" + bytes(signed.hash).hex(),
        "sender": Account.from_key(key).address,
    }


def main():
    rng = random.Random(155)
    cases = []
    # EIP-155 example (https://eips.ethereum.org/EIPS/eip-155): published values, cross-checked.
    eip155 = {"nonce": 9, "gasPrice": 20 * 10**9, "gas": 21000, "to": "0x3535353535353535353535353535353535353535",
              "value": 10**18, "data": "0x", "chainId": 1}
    case = tx_case("EIP-155 example", "0x" + "46" * 32, eip155, "EIP-155 specification example")
    published_raw = ("0xf86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008025a028ef6134"
                     "0bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb703304b3800ccf555c9f3dc"
                     "64214b297fb1966a3b6d83")
    assert case["raw"] == published_raw
    case["signingPayload"] = "0xec098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a764000080018080"
    case["signingHash"] = "0xdaf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53"
    cases.append(case)
    for index in range(24):
        key = "0x" + bytes(rng.getrandbits(8) for _ in range(32)).hex()
        kind = index % 3
        tx = {"nonce": rng.choice([0, 1, 127, 128, 2**32, rng.getrandbits(40)]), "gas": rng.choice([21000, 100000, 3_000_000]),
              "value": rng.choice([0, 1, 10**18, rng.getrandbits(200)]),
              "data": "0x" + bytes(rng.getrandbits(8) for _ in range(rng.choice([0, 4, 68, 300]))).hex(),
              "to": None if index % 7 == 5 else Account.from_key("0x" + "%064x" % (index + 1)).address}
        if tx["to"] is None:
            del tx["to"]
        chain = rng.choice([1, 84532, 31337, 2**32 + 5])
        if kind == 0:
            tx.update(chainId=chain, gasPrice=rng.choice([1, 10**9, rng.getrandbits(64)]))
        else:
            tx.update(chainId=chain, type=kind)
            access = [{"address": Account.from_key("0x" + "%064x" % (index + 100)).address,
                       "storageKeys": ["0x" + bytes(rng.getrandbits(8) for _ in range(32)).hex() for _ in range(rng.randint(0, 2))]}
                      for _ in range(rng.randint(0, 2))]
            tx["accessList"] = access
            if kind == 1:
                tx["gasPrice"] = rng.choice([1, 10**9, rng.getrandbits(64)])
            else:
                tip = rng.choice([0, 1, 10**9])
                tx.update(maxPriorityFeePerGas=tip, maxFeePerGas=tip + rng.choice([0, 10**9, rng.getrandbits(60)]))
        cases.append(tx_case(f"eth-account type {kind} #{index}", key, tx, "eth-account 0.14.0 Account.sign_transaction"))
    pre155 = random.Random(27)
    for index in range(2):
        key = "0x" + bytes(pre155.getrandbits(8) for _ in range(32)).hex()
        tx = {"nonce": index, "gasPrice": 10**9 + index, "gas": 21000, "value": 12345,
              "to": Account.from_key("0x" + "%064x" % (index + 7)).address, "data": "0x"}
        case = tx_case(f"eth-account pre-EIP-155 legacy #{index}", key, tx, "eth-account 0.14.0, no chainId (v = 27/28)")
        cases.append(case)
    (OUT / "transactions.json").write_text(json.dumps({"source": "eth-account 0.14.0 (and EIP-155's example)", "cases": cases}, indent=1) + "\n")

    messages = []
    for index, text in enumerate(["", "hello", "Hello, proofnode!", "ünïcödé ✓", "x" * 300]):
        key = "0x" + bytes(rng.getrandbits(8) for _ in range(32)).hex()
        signed = Account.sign_message(encode_defunct(text=text), key)
        messages.append({"privateKey": key, "text": text, "hash": "0x" + bytes(signed.message_hash).hex(),
                         "signature": "0x" + bytes(signed.signature).hex(), "address": Account.from_key(key).address})
    (OUT / "personal_sign.json").write_text(json.dumps({"source": "eth-account 0.14.0 Account.sign_message(encode_defunct(text=...))", "cases": messages}, indent=1) + "\n")


if __name__ == "__main__":
    main()
