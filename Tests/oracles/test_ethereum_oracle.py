"""Independent-oracle tier for the Ethereum module: eth-abi, eth-account and pycryptodome compared
byte for byte with the built `proofnode eth …` CLI on hundreds of random cases.

The CLI binary comes from $PROOFNODE_BIN (default .build/debug/proofnode). Bulk cases go through the
hidden `--batch` JSON-lines mode (one process per kind); a few cases per subcommand also run the
exact documented command-line forms.
"""

import json
import os
import random
import string
import subprocess
from pathlib import Path

import pytest
from Crypto.Hash import keccak as pyc_keccak
from eth_abi import decode as abi_decode
from eth_abi import encode as abi_encode
from eth_account import Account
from eth_account.messages import encode_defunct
from eth_utils import function_signature_to_4byte_selector, to_checksum_address

ROOT = Path(__file__).resolve().parents[2]
BIN = os.environ.get("PROOFNODE_BIN", str(ROOT / ".build" / "debug" / "proofnode"))
SEED = int(os.environ.get("ORACLE_SEED", "20260526"))


def run(*args, stdin=None):
    result = subprocess.run([BIN, *args], input=stdin, capture_output=True, text=True, timeout=120)
    return result


def batch(subcommand, requests):
    lines = "\n".join(json.dumps(r, ensure_ascii=False) for r in requests) + "\n"
    result = run("eth", subcommand, "--batch", stdin=lines)
    assert result.returncode == 0, result.stderr
    out = result.stdout.splitlines()
    assert len(out) == len(requests), (len(out), len(requests), result.stderr[-2000:])
    return out


@pytest.fixture(scope="module", autouse=True)
def binary_exists():
    if not Path(BIN).exists():
        pytest.fail(f"proofnode binary not found at {BIN}; build it with `swift build --product proofnode`")


# ---------------------------------------------------------------- random ABI types and values

def random_type(rng, depth=0):
    roll = rng.random()
    if depth < 2 and roll < 0.12:
        return ("tuple", [random_type(rng, depth + 1) for _ in range(rng.randint(1, 3))])
    if depth < 2 and roll < 0.22:
        return ("array", random_type(rng, depth + 1))
    if depth < 2 and roll < 0.30:
        return ("fixed", random_type(rng, depth + 1), rng.randint(1, 3))
    kind = rng.choice(["uint", "int", "address", "bool", "bytesN", "bytes", "string"])
    if kind in ("uint", "int"):
        return (kind, 8 * rng.randint(1, 32))
    if kind == "bytesN":
        return (kind, rng.randint(1, 32))
    return (kind,)


def type_string(t):
    kind = t[0]
    if kind in ("uint", "int"):
        return f"{kind}{t[1]}"
    if kind == "bytesN":
        return f"bytes{t[1]}"
    if kind == "tuple":
        return "(" + ",".join(type_string(c) for c in t[1]) + ")"
    if kind == "array":
        return type_string(t[1]) + "[]"
    if kind == "fixed":
        return type_string(t[1]) + f"[{t[2]}]"
    return kind


def random_text(rng):
    alphabet = string.ascii_letters + string.digits + " \"\\/\n\t" + "éü✓€漢字🙂"
    return "".join(rng.choice(alphabet) for _ in range(rng.choice([0, 1, 5, 31, 32, 33, 70])))


def random_value(rng, t):
    """Returns (python value for eth-abi, JSON value for the CLI, expected CLI JSON output)."""
    kind = t[0]
    if kind == "uint":
        bits = t[1]
        v = rng.choice([0, 1, (1 << bits) - 1, rng.getrandbits(bits)])
        as_json = str(v) if rng.random() < 0.9 else hex(v)
        return v, as_json, str(v)
    if kind == "int":
        bits = t[1]
        v = rng.choice([0, -1, (1 << (bits - 1)) - 1, -(1 << (bits - 1)), rng.getrandbits(bits) - (1 << (bits - 1))])
        return v, str(v), str(v)
    if kind == "address":
        a = to_checksum_address(bytes(rng.getrandbits(8) for _ in range(20)))
        return a, rng.choice([a, a.lower()]), a
    if kind == "bool":
        v = rng.random() < 0.5
        return v, v, v
    if kind == "bytesN":
        b = bytes(rng.getrandbits(8) for _ in range(t[1]))
        return b, "0x" + b.hex(), "0x" + b.hex()
    if kind == "bytes":
        b = bytes(rng.getrandbits(8) for _ in range(rng.choice([0, 1, 31, 32, 33, 100])))
        return b, "0x" + b.hex(), "0x" + b.hex()
    if kind == "string":
        s = random_text(rng)
        return s, s, s
    if kind == "tuple":
        parts = [random_value(rng, c) for c in t[1]]
        return tuple(p[0] for p in parts), [p[1] for p in parts], [p[2] for p in parts]
    count = rng.randint(0, 3) if kind == "array" else t[2]
    parts = [random_value(rng, t[1]) for _ in range(count)]
    return [p[0] for p in parts], [p[1] for p in parts], [p[2] for p in parts]


def abi_cases(count, rng):
    cases = []
    for _ in range(count):
        types = [random_type(rng) for _ in range(rng.randint(1, 4))]
        values = [random_value(rng, t) for t in types]
        cases.append(([type_string(t) for t in types], values))
    return cases


def test_abi_encode_and_decode_match_eth_abi():
    rng = random.Random(SEED)
    cases = abi_cases(400, rng)
    requests, expected, names = [], [], []
    for index, (types, values) in enumerate(cases):
        signature = "(" + ",".join(types) + ")"
        py_values = [v[0] for v in values]
        encoded = abi_encode(types, py_values)
        if index % 2 == 0:
            name = "f" + str(index)
            signature = name + signature
            encoded = function_signature_to_4byte_selector(signature) + encoded
        requests.append({"signature": signature, "args": [v[1] for v in values]})
        expected.append("0x" + encoded.hex())
        names.append(signature)
    out = batch("abi-encode", requests)
    for signature, got, want in zip(names, out, expected):
        assert got == want, signature

    decode_requests, decode_expected = [], []
    for types, values in cases:
        decode_requests.append({"types": "(" + ",".join(types) + ")", "data": "0x" + abi_encode(types, [v[0] for v in values]).hex()})
        decode_expected.append([v[2] for v in values])
    out = batch("abi-decode", decode_requests)
    for request, got, want in zip(decode_requests, out, decode_expected):
        assert json.loads(got) == want, request["types"]


def test_corrupted_abi_data_never_crashes_and_agrees_when_both_accept():
    rng = random.Random(SEED + 1)
    requests, originals = [], []
    for types, values in abi_cases(150, rng):
        data = bytearray(abi_encode(types, [v[0] for v in values]))
        if not data:
            continue
        for _ in range(2):
            corrupted = bytearray(data)
            position = rng.randrange(len(corrupted))
            corrupted[position] ^= 1 << rng.randrange(8)
            if rng.random() < 0.3:
                corrupted = corrupted[: rng.randrange(len(corrupted))]
            requests.append({"types": "(" + ",".join(types) + ")", "data": "0x" + corrupted.hex()})
            originals.append((types, bytes(corrupted)))
    out = batch("abi-decode", requests)
    for (types, data), got in zip(originals, out):
        if got.startswith("error: "):
            continue
        # We accepted: the data must be a valid encoding that eth-abi (strict) decodes to the same values.
        ours = json.loads(got)
        theirs = abi_decode(types, data)
        assert ours == [normalise(v, t) for v, t in zip(theirs, types)], (types, data.hex())


def normalise(value, type_text):
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, bytes):
        return "0x" + value.hex()
    if isinstance(value, str):
        return to_checksum_address(value) if type_text == "address" else value
    if isinstance(value, (list, tuple)):
        if type_text.endswith("]"):
            inner = type_text[: type_text.rindex("[")]
            return [normalise(v, inner) for v in value]
        components = split_tuple(type_text)
        return [normalise(v, c) for v, c in zip(value, components)]
    raise TypeError(value)


def split_tuple(text):
    body, depth, parts, current = text[1:-1], 0, [], ""
    for ch in body:
        if ch == "," and depth == 0:
            parts.append(current)
            current = ""
            continue
        depth += ch == "("
        depth -= ch == ")"
        current += ch
    parts.append(current)
    return parts


# ---------------------------------------------------------------- transactions and messages

def random_transaction(rng, kind):
    tx = {
        "nonce": rng.choice([0, 1, 127, 128, 255, 256, rng.getrandbits(63)]),
        "gas": rng.choice([21000, 100000, rng.getrandbits(40) + 21000]),
        "value": rng.choice([0, 1, 10**18, rng.getrandbits(256)]),
        "data": "0x" + bytes(rng.getrandbits(8) for _ in range(rng.choice([0, 1, 4, 68, 200]))).hex(),
        "chainId": rng.choice([1, 10, 8453, 84532, 31337, rng.getrandbits(40) + 1]),
    }
    if rng.random() < 0.85:
        tx["to"] = to_checksum_address(bytes(rng.getrandbits(8) for _ in range(20)))
    if kind in (0, 1):
        tx["gasPrice"] = rng.choice([0, 1, 10**9, rng.getrandbits(100)])
    else:
        tip = rng.choice([0, 1, 10**9, rng.getrandbits(64)])
        tx["maxPriorityFeePerGas"] = tip
        tx["maxFeePerGas"] = tip + rng.choice([0, 1, 10**9, rng.getrandbits(64)])
    if kind in (1, 2):
        tx["type"] = kind
        tx["accessList"] = [
            {"address": to_checksum_address(bytes(rng.getrandbits(8) for _ in range(20))),
             "storageKeys": ["0x" + bytes(rng.getrandbits(8) for _ in range(32)).hex() for _ in range(rng.randint(0, 3))]}
            for _ in range(rng.randint(0, 3))
        ]
    return tx


def cli_request(key, tx, kind):
    request = {
        "privateKey": key, "type": str(kind), "chainId": str(tx["chainId"]), "nonce": str(tx["nonce"]),
        "value": str(tx["value"]), "gas": str(tx["gas"]), "data": tx["data"],
    }
    if "to" in tx:
        request["to"] = tx["to"]
    for field in ("gasPrice", "maxFeePerGas", "maxPriorityFeePerGas"):
        if field in tx:
            request[field] = str(tx[field])
    if "accessList" in tx:
        request["accessList"] = json.dumps(tx["accessList"])
    return request


def random_key(rng):
    while True:
        key = bytes(rng.getrandbits(8) for _ in range(32))
        if 0 < int.from_bytes(key, "big") < 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141:
            return "0x" + key.hex()


def test_signed_transactions_match_eth_account():
    rng = random.Random(SEED + 2)
    requests, expected = [], []
    for index in range(300):
        kind = index % 3
        key = random_key(rng)
        tx = random_transaction(rng, kind)
        expected.append("0x" + bytes(Account.sign_transaction(tx, key).raw_transaction).hex())
        requests.append(cli_request(key, tx, kind))
    out = batch("sign-tx", requests)
    for request, got, want in zip(requests, out, expected):
        assert got == want, request


def test_personal_sign_matches_eth_account():
    rng = random.Random(SEED + 3)
    requests, expected = [], []
    for _ in range(200):
        key = random_key(rng)
        text = random_text(rng)
        expected.append("0x" + bytes(Account.sign_message(encode_defunct(text=text), key).signature).hex())
        requests.append({"privateKey": key, "text": text})
    out = batch("sign-message", requests)
    for request, got, want in zip(requests, out, expected):
        assert got == want, request


# ---------------------------------------------------------------- the exact documented forms

def test_documented_command_forms(tmp_path):
    rng = random.Random(SEED + 4)
    for _ in range(8):
        data = bytes(rng.getrandbits(8) for _ in range(rng.choice([0, 100, 136, 137, 500])))
        digest = pyc_keccak.new(digest_bits=256, data=data).hexdigest()
        assert run("eth", "keccak", "--hex", "0x" + data.hex()).stdout.strip() == "0x" + digest
    text = "proofnode ✓"
    digest = pyc_keccak.new(digest_bits=256, data=text.encode()).hexdigest()
    assert run("eth", "keccak", "--text", text).stdout.strip() == "0x" + digest
    signature = "submitProofOfWork(uint256,uint256,bytes32,string,string)"
    assert run("eth", "selector", signature).stdout.strip() == "0x" + function_signature_to_4byte_selector(signature).hex()
    args = ["7", "1000", "0x" + "ab" * 32, "bafy-proof", ""]
    want = function_signature_to_4byte_selector(signature) + abi_encode(
        ["uint256", "uint256", "bytes32", "string", "string"], [7, 1000, b"\xab" * 32, "bafy-proof", ""])
    assert run("eth", "abi-encode", signature, json.dumps(args)).stdout.strip() == "0x" + want.hex()
    data = abi_encode(["uint256", "(bytes,string)[]"], [5, [(b"\x01", "a"), (b"", "")]])
    decoded = run("eth", "abi-decode", "(uint256,(bytes,string)[])", "0x" + data.hex()).stdout.strip()
    assert json.loads(decoded) == ["5", [["0x01", "a"], ["0x", ""]]]

    key = random_key(rng)
    key_file = tmp_path / "host.key"
    key_file.write_text(key + "\n")
    key_file.chmod(0o600)
    assert run("eth", "address", "--private-key-file", str(key_file)).stdout.strip() == Account.from_key(key).address
    message = run("eth", "sign-message", "--private-key-file", str(key_file), "--text", "hello")
    assert message.stdout.strip() == "0x" + bytes(Account.sign_message(encode_defunct(text="hello"), key).signature).hex()
    for kind in (0, 1, 2):
        tx = random_transaction(rng, kind)
        tx.pop("accessList", None)
        if kind == 1:
            tx["accessList"] = []
        want = "0x" + bytes(Account.sign_transaction(tx, key).raw_transaction).hex()
        argv = ["eth", "sign-tx", "--private-key-file", str(key_file), "--type", str(kind), "--chain-id", str(tx["chainId"]),
                "--nonce", str(tx["nonce"]), "--value", str(tx["value"]), "--gas", str(tx["gas"]), "--data", tx["data"]]
        if "to" in tx:
            argv += ["--to", tx["to"]]
        if kind == 2:
            argv += ["--max-fee-per-gas", str(tx["maxFeePerGas"]), "--max-priority-fee-per-gas", str(tx["maxPriorityFeePerGas"])]
        else:
            argv += ["--gas-price", str(tx["gasPrice"])]
        result = run(*argv)
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == want

    key_file.chmod(0o644)
    refused = run("eth", "address", "--private-key-file", str(key_file))
    assert refused.returncode != 0
    assert f"chmod 600 {key_file}" in refused.stderr
    assert key[2:] not in refused.stderr + refused.stdout
    bad = run("eth", "abi-decode", "(bool)", "0x" + "00" * 31 + "02")
    assert bad.returncode != 0 and "dirtyPadding" in bad.stderr


# ---------------------------------------------------------------- decoding raw transactions

def test_decode_tx_matches_eth_account_and_survives_corruption():
    rng = random.Random(SEED + 5)
    raws, txs, senders = [], [], []
    for index in range(150):
        kind = index % 3
        key = random_key(rng)
        tx = random_transaction(rng, kind)
        raws.append("0x" + bytes(Account.sign_transaction(tx, key).raw_transaction).hex())
        txs.append((kind, tx))
        senders.append(Account.from_key(key).address)
    out = batch("decode-tx", [{"raw": raw} for raw in raws])
    for raw, (kind, tx), sender, got in zip(raws, txs, senders, out):
        decoded = json.loads(got)
        assert decoded["from"] == sender, raw
        assert decoded["type"] == kind
        assert decoded["nonce"] == str(tx["nonce"]) and decoded["gas"] == str(tx["gas"])
        assert decoded["value"] == str(tx["value"]) and decoded["data"] == tx["data"]
        assert decoded["to"] == tx.get("to")
        assert decoded["chainId"] == str(tx["chainId"])
        for field in ("gasPrice", "maxFeePerGas", "maxPriorityFeePerGas"):
            if field in tx:
                assert decoded[field] == str(tx[field])
        if kind:
            assert decoded["accessList"] == [
                {"address": e["address"], "storageKeys": [k.lower() for k in e["storageKeys"]]} for e in tx["accessList"]]
        assert decoded["hash"] == "0x" + pyc_keccak.new(digest_bits=256, data=bytes.fromhex(raw[2:])).hexdigest()

    corrupted = []
    for raw in raws:
        data = bytearray.fromhex(raw[2:])
        for _ in range(3):
            mutated = bytearray(data)
            mutated[rng.randrange(len(mutated))] ^= 1 << rng.randrange(8)
            if rng.random() < 0.3:
                mutated = mutated[: rng.randrange(len(mutated))]
            corrupted.append("0x" + mutated.hex())
    out = batch("decode-tx", [{"raw": raw} for raw in corrupted])
    accepted = 0
    for raw, got in zip(corrupted, out):
        if got.startswith("error: "):
            continue
        accepted += 1
        # What we accept, eth-account must accept too, with the same recovered sender.
        assert Account.recover_transaction(raw) == json.loads(got)["from"], raw
    assert accepted < len(corrupted)
