"""JobMarketplace.vy: selectors and topics against the published Fabstir values, the Solidity getter
encoding, and every rule, revert string (in order), event and payment, driven over JSON-RPC with
eth-account-signed raw transactions."""

from __future__ import annotations

import hashlib

import pytest
from conftest import DISPUTE_WINDOW, FEE_BASIS_POINTS, RpcFailure
from eth_abi import decode, encode
from eth_utils import keccak, to_checksum_address

from devchain.contract import DEFAULT_TREASURY, JOB_MARKETPLACE, compile_contract

# Published values (shared/notes/fabstir-contract.md), typed in from the notes, not computed here.
PUBLISHED_SELECTORS = {
    "submitProofOfWork(uint256,uint256,bytes32,string,string)": "7c5cb561",
    "completeSessionJob(uint256,string)": "040138dd",
    "createSessionJobForModel(address,bytes32,uint256,uint256,uint256,uint256)": "f4a8699e",
    "triggerSessionTimeout(uint256)": "14a4ffa5",
    "disputeWindow()": "117f5f92",
    "sessionJobs(uint256)": "ef39d372",
    "getProofSubmission(uint256,uint256)": "437ec743",
}
PUBLISHED_TOPICS = {
    "ProofSubmitted(uint256,address,uint256,bytes32,string,string)": "330d363d69efddb2c24b4f13b34a8f73f88fcc6e07c6b64e8f0c51e78d0d7702",
    "SessionJobCreatedForModel(uint256,address,address,bytes32,uint256)": "a84eed6588a1461bab01bed46312a56a25bdf47d8b725c25e316dcc79d1b34bf",
    "SessionCompleted(uint256,uint256,uint256,uint256)": "dc98ea7ca5b8998396967b6d0c1da6e05a17b467b15bdda0f07f6b84dfd31e71",
    "SessionCompletedBy(uint256,address,uint256,uint256,uint256)": "b94c40391c2efc74af3e630949876a81226c7bb103d568ee293c12ee899346a7",
    "SessionTimedOut(uint256,uint256,uint256)": "fa2b97569bd8b93c0adf89bf1f6903b10d258aec3bbfc759b7656034179660da",
}
TOPIC = {sig.split("(")[0]: bytes.fromhex(h) for sig, h in PUBLISHED_TOPICS.items()}
SESSION_TYPES = [
    "uint256",
    "address",
    "address",
    "address",
    "uint256",
    "uint256",
    "uint256",
    "uint256",
    "uint256",
    "uint256",
    "uint256",
    "uint256",
    "uint8",
    "uint256",
    "uint256",
    "string",
    "bytes32",
    "string",
]
PROOF_TYPES = ["bytes32", "uint256", "uint256", "bool", "string"]
MODEL = keccak(text="model")
PRICE = 10**12  # wei per 1000 tokens
DEPOSIT = 10**14  # the minimum deposit; buys 100,000 tokens at PRICE


def selector(signature: str) -> bytes:
    return keccak(text=signature)[:4]


def call_data(signature: str, *args) -> bytes:
    types = signature[signature.index("(") + 1 : -1].split(",") if not signature.endswith("()") else []
    return selector(signature) + encode(types, list(args))


def proof_hash(label: str) -> bytes:
    return hashlib.sha256(label.encode()).digest()


CREATE = "createSessionJobForModel(address,bytes32,uint256,uint256,uint256,uint256)"
SUBMIT = "submitProofOfWork(uint256,uint256,bytes32,string,string)"
COMPLETE = "completeSessionJob(uint256,string)"
TIMEOUT = "triggerSessionTimeout(uint256)"


class Market:
    def __init__(self, chain) -> None:
        self.chain = chain
        self.rpc = chain.rpc
        self.address = chain.marketplace
        self.depositor, self.host, self.other = chain.wallets[3], chain.wallets[4], chain.wallets[5]

    def revert_reason(self, wallet, data: bytes, value: int = 0, block: str = "latest") -> str:
        """The revert message eth_estimateGas reports for this call (code 3, Error(string) data)."""
        with pytest.raises(RpcFailure) as info:
            self.rpc(
                "eth_estimateGas",
                {"from": wallet.address, "to": self.address, "value": hex(value), "input": "0x" + data.hex()},
                block,
            )
        assert info.value.code == 3, info.value
        assert info.value.data.startswith("0x08c379a0")
        (reason,) = decode(["string"], bytes.fromhex(info.value.data[10:]))
        assert info.value.message == f"execution reverted: {reason}"
        return reason

    def create(self, host=None, price=PRICE, deposit=DEPOSIT, max_duration=3600, interval=100, timeout=300):
        host = host or self.host
        receipt = self.chain.send(
            self.depositor,
            self.address,
            call_data(CREATE, host.address, MODEL, price, max_duration, interval, timeout),
            value=deposit,
        )
        assert receipt["status"] == "0x1"
        (log,) = receipt["logs"]
        assert bytes.fromhex(log["topics"][0][2:]) == TOPIC["SessionJobCreatedForModel"]
        return int(log["topics"][1], 16), receipt

    def advance(self, seconds: int) -> None:
        self.rpc("evm_increaseTime", seconds)
        self.rpc("evm_mine")

    def submit(self, job_id, tokens, label, cid="bafkproof", delta="", wallet=None):
        return self.chain.send(
            wallet or self.host, self.address, call_data(SUBMIT, job_id, tokens, proof_hash(label), cid, delta)
        )

    def session(self, job_id):
        out = bytes.fromhex(
            self.rpc("eth_call", {"to": self.address, "input": "0x" + call_data("sessionJobs(uint256)", job_id).hex()})[
                2:
            ]
        )
        return out, decode(SESSION_TYPES, out)

    def balance(self, address) -> int:
        return int(self.rpc("eth_getBalance", address, "latest"), 16)


@pytest.fixture()
def market(chain):
    return Market(chain)


def cost(receipt) -> int:
    return int(receipt["gasUsed"], 16) * int(receipt["effectiveGasPrice"], 16)


# -- surface --------------------------------------------------------------------------------------


def test_selectors_and_topics_match_the_published_values(chain):
    import vyper

    source = JOB_MARKETPLACE.read_text()
    identifiers = vyper.compile_code(source, output_formats=["method_identifiers"])["method_identifiers"]
    for signature, published in PUBLISHED_SELECTORS.items():
        assert selector(signature).hex() == published
        assert int(identifiers[signature], 16) == int(published, 16), signature
    abi, _ = compile_contract()
    events = {e["name"]: e for e in abi if e["type"] == "event"}
    for signature, published in PUBLISHED_TOPICS.items():
        assert keccak(text=signature).hex() == published
        name = signature.split("(")[0]
        abi_signature = f"{name}({','.join(i['type'] for i in events[name]['inputs'])})"
        assert abi_signature == signature
    indexed = {name: [i["name"] for i in e["inputs"] if i["indexed"]] for name, e in events.items()}
    assert indexed == {
        "ProofSubmitted": ["jobId", "host"],
        "SessionJobCreatedForModel": ["jobId", "depositor", "host"],
        "SessionCompleted": ["jobId"],
        "SessionCompletedBy": ["jobId", "completedBy"],
        "SessionTimedOut": ["jobId"],
    }


def test_deployment_parameters(market):
    window = market.rpc("eth_call", {"to": market.address, "input": "0x117f5f92"})
    assert int(window, 16) == DISPUTE_WINDOW
    fee = market.rpc("eth_call", {"to": market.address, "input": "0x" + selector("feeBasisPoints()").hex()})
    assert int(fee, 16) == FEE_BASIS_POINTS
    treasury = market.rpc("eth_call", {"to": market.address, "input": "0x" + selector("treasury()").hex()})
    assert to_checksum_address(treasury[-40:]) == to_checksum_address(DEFAULT_TREASURY)


def test_session_getter_is_encoded_like_a_solidity_struct_getter(market):
    job_id, receipt = market.create()
    raw, values = market.session(job_id)
    block = market.rpc("eth_getBlockByNumber", receipt["blockNumber"], False)
    start = int(block["timestamp"], 16)
    normalised = tuple(v.lower() if isinstance(v, str) and v.startswith("0x") else v for v in values)
    assert normalised == (
        job_id,
        market.depositor.address.lower(),
        market.host.address.lower(),
        "0x" + "00" * 20,
        DEPOSIT,
        PRICE,
        0,
        3600,
        start,
        start,
        100,
        300,
        0,
        0,
        0,
        "",
        b"\x00" * 32,
        "",
    )
    # Flat: the first word is the id itself (a wrapped tuple would start with an offset 0x20), and the
    # string at position 15 is an offset from the start of the 18-word head, as Solidity encodes it.
    assert int.from_bytes(raw[:32], "big") == job_id
    assert int.from_bytes(raw[15 * 32 : 16 * 32], "big") == 18 * 32
    # An id never created reads as zeros, like a Solidity mapping.
    _, empty = market.session(10**9)
    assert empty[0] == 0 and empty[15] == "" and empty[17] == ""


# -- createSessionJobForModel ---------------------------------------------------------------------


def test_create_rules_in_order(market):
    d, h = market.depositor, market.host.address
    zero = "0x" + "00" * 20
    cases = [
        # (host, price, maxDuration, interval, timeout, value, reason): each breaks one rule and every later one
        (zero, 0, 0, 99, 59, DEPOSIT - 1, "Low deposit"),
        (zero, 0, 0, 99, 59, DEPOSIT, "Bad price"),
        (zero, PRICE, 0, 99, 59, DEPOSIT, "Bad dur"),
        (zero, PRICE, 365 * 86400 + 1, 99, 59, DEPOSIT, "Bad dur"),
        (zero, PRICE, 3600, 99, 59, DEPOSIT, "Low interval"),
        (zero, PRICE, 3600, 100, 59, DEPOSIT, "Bad timeout"),
        (zero, PRICE, 3600, 100, 3601, DEPOSIT, "Bad timeout"),
        (zero, PRICE, 3600, 100, 60, DEPOSIT, "No host"),
        (h, PRICE, 3600, 100_001, 60, DEPOSIT, "Low deposit"),  # 10^14 * 1000 / 10^12 = 100,000 tokens < interval
    ]
    for host, price, duration, interval, timeout, value, reason in cases:
        data = call_data(CREATE, host, MODEL, price, duration, interval, timeout)
        assert market.revert_reason(d, data, value) == reason, (host, price, duration, interval, timeout, value)
    # Boundaries that pass.
    for duration, interval, timeout in ((365 * 86400, 100, 60), (1, 100_000, 3600)):
        market.rpc(
            "eth_estimateGas",
            {
                "from": d.address,
                "to": market.address,
                "value": hex(DEPOSIT),
                "input": "0x" + call_data(CREATE, h, MODEL, PRICE, duration, interval, timeout).hex(),
            },
        )


def test_create_returns_the_job_id_and_emits_the_event(market):
    data = call_data(CREATE, market.host.address, MODEL, PRICE, 3600, 100, 300)
    returned = market.rpc(
        "eth_call",
        {"from": market.depositor.address, "to": market.address, "value": hex(DEPOSIT), "input": "0x" + data.hex()},
    )
    first, receipt = market.create()
    assert int(returned, 16) == first
    second, _ = market.create()
    assert second == first + 1
    (log,) = receipt["logs"]
    assert log["address"] == market.address.lower()
    assert [int(t, 16) for t in log["topics"][1:]] == [
        first,
        int(market.depositor.address, 16),
        int(market.host.address, 16),
    ]
    assert decode(["bytes32", "uint256"], bytes.fromhex(log["data"][2:])) == (MODEL, DEPOSIT)


# -- submitProofOfWork ----------------------------------------------------------------------------


def test_submit_rules_in_order(market):
    job_id, receipt = market.create(interval=200)
    host, other = market.host, market.other
    at_creation = receipt["blockNumber"]
    sub = lambda tokens, label="p": call_data(SUBMIT, job_id, tokens, proof_hash(label), "cid", "")  # noqa: E731
    assert market.revert_reason(host, call_data(SUBMIT, 10**6, 200, proof_hash("x"), "", "")) == "Not active"
    assert market.revert_reason(other, sub(99)) == "Not host"
    assert market.revert_reason(host, sub(99)) == "Min tokens"
    assert market.revert_reason(host, sub(199)) == "Low first"
    # In the creation block no time has passed: any claim is "Too many".
    assert market.revert_reason(host, sub(200), block=at_creation) == "Too many"
    market.advance(100)  # now up to 200,000 tokens may be claimed by time; the deposit buys 100,000
    assert market.revert_reason(host, sub(100_001)) == "Exceeds deposit"
    first = market.submit(job_id, 1000, "p1")
    assert first["status"] == "0x1"
    # Later proofs only need the minimum; the proof hash is single-use across all sessions.
    other_job, _ = market.create()
    market.advance(10)
    assert (
        market.revert_reason(host, call_data(SUBMIT, other_job, 1000, proof_hash("p1"), "cid", ""))
        == "Proof already used"
    )
    assert market.revert_reason(host, sub(150, "p1")) == "Proof already used"
    assert market.submit(job_id, 150, "p2")["status"] == "0x1"
    # A reverted submission sent anyway is mined with status 0 and leaves no log.
    failed = market.chain.send(host, market.address, sub(99, "p3"), gas=200_000)
    assert failed["status"] == "0x0" and failed["logs"] == []


def test_too_many_follows_elapsed_time(market):
    job_id, _ = market.create()
    market.advance(5)
    latest = market.rpc("eth_getBlockByNumber", "latest", False)["number"]
    _, values = market.session(job_id)
    elapsed = int(market.rpc("eth_getBlockByNumber", latest, False)["timestamp"], 16) - values[9]
    limit = elapsed * 2000
    ok = call_data(SUBMIT, job_id, limit, proof_hash("t1"), "c", "")
    market.rpc("eth_estimateGas", {"from": market.host.address, "to": market.address, "input": "0x" + ok.hex()}, latest)
    too_many = call_data(SUBMIT, job_id, limit + 1, proof_hash("t1"), "c", "")
    assert market.revert_reason(market.host, too_many, block=latest) == "Too many"


def test_submit_updates_state_and_emits_proof_submitted(market):
    job_id, _ = market.create()
    market.advance(10)
    cid = "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy"
    receipt = market.submit(job_id, 1000, "s1", cid=cid, delta="bafydelta")
    block = market.rpc("eth_getBlockByNumber", receipt["blockNumber"], False)
    now = int(block["timestamp"], 16)
    (log,) = receipt["logs"]
    assert bytes.fromhex(log["topics"][0][2:]) == TOPIC["ProofSubmitted"]
    assert int(log["topics"][1], 16) == job_id and int(log["topics"][2], 16) == int(market.host.address, 16)
    assert decode(["uint256", "bytes32", "string", "string"], bytes.fromhex(log["data"][2:])) == (
        1000,
        proof_hash("s1"),
        cid,
        "bafydelta",
    )
    _, values = market.session(job_id)
    assert values[6] == 1000 and values[9] == now and values[16] == proof_hash("s1") and values[17] == cid
    out = market.rpc(
        "eth_call",
        {"to": market.address, "input": "0x" + call_data("getProofSubmission(uint256,uint256)", job_id, 0).hex()},
    )
    assert decode(PROOF_TYPES, bytes.fromhex(out[2:])) == (proof_hash("s1"), 1000, now, False, "bafydelta")
    bad = call_data("getProofSubmission(uint256,uint256)", job_id, 1)
    assert market.revert_reason(market.other, bad) == "Bad index"
    # The logs are found by eth_getLogs with the published topic and the indexed job id.
    found = market.rpc(
        "eth_getLogs",
        {
            "address": market.address,
            "fromBlock": "0x0",
            "toBlock": "latest",
            "topics": ["0x" + TOPIC["ProofSubmitted"].hex(), "0x" + job_id.to_bytes(32, "big").hex()],
        },
    )
    assert [f["transactionHash"] for f in found] == [receipt["transactionHash"]]


def test_cid_strings_up_to_1024_bytes(market):
    job_id, _ = market.create()
    market.advance(10)
    assert market.submit(job_id, 1000, "long", cid="b" * 1024, delta="d" * 1024)["status"] == "0x1"
    # Longer than String[1024]: Vyper reverts with empty data (documented pitfall).
    data = call_data(SUBMIT, job_id, 100, proof_hash("longer"), "b" * 1025, "")
    with pytest.raises(RpcFailure) as info:
        market.rpc("eth_estimateGas", {"from": market.host.address, "to": market.address, "input": "0x" + data.hex()})
    assert info.value.code == 3 and info.value.message == "execution reverted" and info.value.data == "0x"


# -- completeSessionJob ---------------------------------------------------------------------------


def test_complete_rules_in_order(market):
    job_id, _ = market.create()
    market.advance(10)
    market.submit(job_id, 1000, "c1")
    data = call_data(COMPLETE, job_id, "conv")
    assert market.revert_reason(market.host, call_data(COMPLETE, 10**6, "conv")) == "Not active"
    assert market.revert_reason(market.other, data) == "Not depositor or host"
    assert market.revert_reason(market.host, data) == "Dispute wait"
    market.advance(DISPUTE_WINDOW - 5)
    assert market.revert_reason(market.host, data) == "Dispute wait"
    market.advance(5)
    market.rpc("eth_estimateGas", {"from": market.host.address, "to": market.address, "input": "0x" + data.hex()})
    receipt = market.chain.send(market.host, market.address, data)
    assert receipt["status"] == "0x1"
    assert market.revert_reason(market.host, data) == "Not active"
    assert market.revert_reason(market.host, call_data(SUBMIT, job_id, 1000, proof_hash("c2"), "", "")) == "Not active"


def test_host_completion_pays_host_treasury_and_depositor(market):
    job_id, _ = market.create()
    market.advance(10)
    host_before = market.balance(market.host.address)
    depositor_before = market.balance(market.depositor.address)
    treasury_before = market.balance(DEFAULT_TREASURY)
    r1 = market.submit(job_id, 1000, "pay1")
    market.advance(5)
    r2 = market.submit(job_id, 1500, "pay2")
    market.advance(DISPUTE_WINDOW)
    receipt = market.chain.send(market.host, market.address, call_data(COMPLETE, job_id, "bafyconversation"))
    assert receipt["status"] == "0x1"
    payment = 2500 * PRICE // 1000
    fee = payment * FEE_BASIS_POINTS // 10000
    earnings, refund = payment - fee, DEPOSIT - payment
    assert (payment, fee, earnings, refund) == (
        2_500_000_000_000,
        250_000_000_000,
        2_250_000_000_000,
        97_500_000_000_000,
    )
    assert market.balance(market.host.address) == host_before + earnings - cost(r1) - cost(r2) - cost(receipt)
    assert market.balance(market.depositor.address) == depositor_before + refund
    assert market.balance(DEFAULT_TREASURY) == treasury_before + fee
    assert market.balance(market.address) == 0
    completed, by = receipt["logs"]
    assert bytes.fromhex(completed["topics"][0][2:]) == TOPIC["SessionCompleted"]
    assert int(completed["topics"][1], 16) == job_id
    assert decode(["uint256"] * 3, bytes.fromhex(completed["data"][2:])) == (2500, earnings, refund)
    assert bytes.fromhex(by["topics"][0][2:]) == TOPIC["SessionCompletedBy"]
    assert int(by["topics"][2], 16) == int(market.host.address, 16)
    assert decode(["uint256"] * 3, bytes.fromhex(by["data"][2:])) == (2500, payment, refund)
    _, values = market.session(job_id)
    assert values[12] == 1 and values[13] == earnings and values[14] == refund and values[15] == "bafyconversation"


def test_depositor_may_complete_at_any_time(market):
    job_id, _ = market.create()
    market.advance(10)
    market.submit(job_id, 500, "dep1")
    receipt = market.chain.send(market.depositor, market.address, call_data(COMPLETE, job_id, ""))
    assert receipt["status"] == "0x1"
    _, by = receipt["logs"]
    assert int(by["topics"][2], 16) == int(market.depositor.address, 16)


# -- triggerSessionTimeout ------------------------------------------------------------------------


def test_timeout_by_proof_window(market):
    job_id, _ = market.create(timeout=60)
    market.advance(10)
    market.submit(job_id, 1000, "to1")
    data = call_data(TIMEOUT, job_id)
    assert market.revert_reason(market.other, call_data(TIMEOUT, 10**6)) == "Not active"
    assert market.revert_reason(market.other, data) == "Not timeout"
    market.advance(61)
    host_before = market.balance(market.host.address)
    receipt = market.chain.send(market.other, market.address, data)  # anyone may trigger it
    assert receipt["status"] == "0x1"
    payment = 1000 * PRICE // 1000
    earnings = payment - payment * FEE_BASIS_POINTS // 10000
    (log,) = receipt["logs"]
    assert bytes.fromhex(log["topics"][0][2:]) == TOPIC["SessionTimedOut"]
    assert decode(["uint256", "uint256"], bytes.fromhex(log["data"][2:])) == (earnings, DEPOSIT - payment)
    assert market.balance(market.host.address) == host_before + earnings
    _, values = market.session(job_id)
    assert values[12] == 2
    assert market.revert_reason(market.other, data) == "Not active"
    assert market.revert_reason(market.depositor, call_data(COMPLETE, job_id, "")) == "Not active"


def test_timeout_by_max_duration(market):
    job_id, _ = market.create(max_duration=100, timeout=3600)
    market.advance(50)
    assert market.revert_reason(market.other, call_data(TIMEOUT, job_id)) == "Not timeout"
    market.advance(51)
    assert market.chain.send(market.other, market.address, call_data(TIMEOUT, job_id))["status"] == "0x1"


def test_getters_encode_byte_for_byte_like_solidity(market):
    """Solidity's getter returns abi.encode(v1, …, v18): eth-abi's encoding of the decoded values must
    reproduce the contract's bytes exactly (strings non-empty, so their offsets and padding count)."""
    job_id, _ = market.create()
    market.advance(10)
    market.submit(job_id, 1000, "enc1", cid="bafkreiproofcid" * 5, delta="delta-cid")
    market.advance(DISPUTE_WINDOW)
    market.chain.send(market.host, market.address, call_data(COMPLETE, job_id, "conversation-cid-" * 3))
    raw, values = market.session(job_id)
    assert values[15] == "conversation-cid-" * 3 and values[17] == "bafkreiproofcid" * 5
    assert raw == encode(SESSION_TYPES, list(values))
    data = call_data("getProofSubmission(uint256,uint256)", job_id, 0)
    out = bytes.fromhex(market.rpc("eth_call", {"to": market.address, "input": "0x" + data.hex()})[2:])
    assert out == encode(PROOF_TYPES, list(decode(PROOF_TYPES, out)))
    assert int.from_bytes(out[4 * 32 : 5 * 32], "big") == 5 * 32  # deltaCID's offset: a flat 5-value head


def test_constructor_rejects_bad_parameters(chain):
    from devchain.contract import deployment_data

    deployer = chain.wallets[0]
    for fee, treasury, reason in ((10_001, DEFAULT_TREASURY, "Bad fee"), (1000, "0x" + "00" * 20, "No treasury")):
        payload = deployment_data(30, fee, treasury)
        with pytest.raises(RpcFailure) as info:
            chain.rpc("eth_estimateGas", {"from": deployer.address, "input": "0x" + payload.hex()})
        assert info.value.code == 3 and info.value.message == f"execution reverted: {reason}"
    receipt = chain.send(deployer, None, deployment_data(5, 0, DEFAULT_TREASURY))
    assert receipt["status"] == "0x1" and receipt["contractAddress"] is not None
    window = chain.rpc("eth_call", {"to": receipt["contractAddress"], "input": "0x117f5f92"})
    assert int(window, 16) == 5
