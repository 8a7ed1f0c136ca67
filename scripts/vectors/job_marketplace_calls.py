#!/usr/bin/env python3
"""Writes Tests/EthereumTests/Vectors/job-marketplace-calls.json: call data, view return data and
event logs of the JobMarketplace surface (fabstir-contract.md), encoded by eth-abi 6.0.0 and hashed
by eth-utils' keccak — the independent oracle for the Swift bindings.

Run: /tmp/v/bin/python scripts/vectors/job_marketplace_calls.py (venv with eth-abi==6.0.0 eth-utils pycryptodome)
"""
import hashlib
import json
import pathlib

from eth_abi import encode
from eth_utils import keccak

HOST = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8"
USER = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266"
ZERO = "0x" + "00" * 20
MARKET = "0xd067719ee4c514b5735d1ac0ffb46fecf2a9ada4"


def h(b: bytes) -> str:
    return "0x" + b.hex()


def call(sig: str, types, values) -> str:
    return h(keccak(text=sig)[:4] + encode(types, values))


proof_hash = hashlib.sha256(b"proof bytes of checkpoint 1").digest()
model_id = keccak(text="model file bytes")
calls = [
    {"function": "submitProofOfWork", "args": {"jobId": "42", "tokensClaimed": "1000", "proofHash": h(proof_hash),
                                                "proofCID": "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy", "deltaCID": ""},
     "data": call("submitProofOfWork(uint256,uint256,bytes32,string,string)", ["uint256", "uint256", "bytes32", "string", "string"],
                  [42, 1000, proof_hash, "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy", ""])},
    {"function": "completeSessionJob", "args": {"jobId": "42", "conversationCID": "bafkreiconversation"},
     "data": call("completeSessionJob(uint256,string)", ["uint256", "string"], [42, "bafkreiconversation"])},
    {"function": "createSessionJobForModel", "args": {"host": HOST, "modelId": h(model_id), "pricePerToken": "5000000000000",
                                                       "maxDuration": "86400", "proofInterval": "1000", "proofTimeoutWindow": "300",
                                                       "deposit": "1000000000000000"},
     "data": call("createSessionJobForModel(address,bytes32,uint256,uint256,uint256,uint256)",
                  ["address", "bytes32", "uint256", "uint256", "uint256", "uint256"], [HOST, model_id, 5000000000000, 86400, 1000, 300])},
    {"function": "triggerSessionTimeout", "args": {"jobId": "115792089237316195423570985008687907853269984665640564039457584007913129639935"},
     "data": call("triggerSessionTimeout(uint256)", ["uint256"], [2**256 - 1])},
]

session_values = [42, USER, HOST, ZERO, 10**15, 5000000000000, 2000, 86400, 1700000000, 1700000100, 1000, 300, 1,
                  123, 456, "bafkreiconversation", proof_hash, "bafkreiproof"]
session_types = ["uint256", "address", "address", "address", "uint256", "uint256", "uint256", "uint256", "uint256",
                 "uint256", "uint256", "uint256", "uint8", "uint256", "uint256", "string", "bytes32", "string"]
views = {
    "sessionJobs18": h(encode(session_types, session_values)),
    "sessionJobs17": h(encode(session_types[:-1], session_values[:-1])),
    "getProofSubmission": h(encode(["bytes32", "uint256", "uint256", "bool", "string"], [proof_hash, 1000, 1700000100, False, "bafkreidelta"])),
    "disputeWindow": h(encode(["uint256"], [30])),
}


def topic_uint(v: int) -> str:
    return h(encode(["uint256"], [v]))


def topic_addr(a: str) -> str:
    return h(encode(["address"], [a]))


def ev(sig: str) -> str:
    return h(keccak(text=sig))


logs = [
    {"event": "ProofSubmitted", "topics": [ev("ProofSubmitted(uint256,address,uint256,bytes32,string,string)"), topic_uint(42), topic_addr(HOST)],
     "data": h(encode(["uint256", "bytes32", "string", "string"], [1000, proof_hash, "bafkreiproof", "bafkreidelta"])),
     "expect": {"jobId": "42", "host": HOST, "tokensClaimed": "1000", "proofHash": h(proof_hash), "proofCID": "bafkreiproof", "deltaCID": "bafkreidelta"}},
    {"event": "SessionJobCreatedForModel", "topics": [ev("SessionJobCreatedForModel(uint256,address,address,bytes32,uint256)"), topic_uint(42), topic_addr(USER), topic_addr(HOST)],
     "data": h(encode(["bytes32", "uint256"], [model_id, 10**15])),
     "expect": {"jobId": "42", "depositor": USER, "host": HOST, "modelId": h(model_id), "deposit": str(10**15)}},
    {"event": "SessionCompleted", "topics": [ev("SessionCompleted(uint256,uint256,uint256,uint256)"), topic_uint(42)],
     "data": h(encode(["uint256"] * 3, [2000, 9000000000000, 990000000000000])),
     "expect": {"jobId": "42", "totalTokensUsed": "2000", "hostEarnings": "9000000000000", "userRefund": "990000000000000"}},
    {"event": "SessionCompletedBy", "topics": [ev("SessionCompletedBy(uint256,address,uint256,uint256,uint256)"), topic_uint(42), topic_addr(HOST)],
     "data": h(encode(["uint256"] * 3, [2000, 10000000000000, 990000000000000])),
     "expect": {"jobId": "42", "completedBy": HOST, "tokensUsed": "2000", "paymentAmount": "10000000000000", "refundAmount": "990000000000000"}},
    {"event": "SessionTimedOut", "topics": [ev("SessionTimedOut(uint256,uint256,uint256)"), topic_uint(7)],
     "data": h(encode(["uint256"] * 2, [5, 6])),
     "expect": {"jobId": "7", "hostEarnings": "5", "userRefund": "6"}},
]

reverts = {reason: h(keccak(text="Error(string)")[:4] + encode(["string"], [reason]))
           for reason in ["Not host", "Too many", "Exceeds deposit", "Over dep", "Dispute wait", "Bad index", "Something else"]}

out = {"source": "eth-abi 6.0.0 encode + eth-utils keccak (scripts/vectors/job_marketplace_calls.py); signatures from fabstir-contract.md",
       "market": MARKET, "calls": calls, "views": views, "logs": logs, "reverts": reverts}
path = pathlib.Path(__file__).resolve().parents[2] / "Tests/EthereumTests/Vectors/job-marketplace-calls.json"
path.write_text(json.dumps(out, indent=1) + "\n")
print("wrote", path)
