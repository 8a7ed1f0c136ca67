"""Latency and throughput of a running devchain, measured over HTTP keep-alive (medians).

    scripts/devchain.sh run -- .venv/bin/python -m devchain.bench [--count 200]

Reports: eth_blockNumber round trip, eth_call of sessionJobs, eth_estimateGas of submitProofOfWork,
a signed transfer sent and its receipt fetched (sequential), and sequential transactions per second.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import time
from urllib.parse import urlparse

from eth_account import Account


class Client:
    def __init__(self, url: str) -> None:
        parsed = urlparse(url)
        self.conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)
        self.next_id = 0

    def __call__(self, method: str, *params):
        self.next_id += 1
        body = json.dumps({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": list(params)})
        self.conn.request("POST", "/", body=body, headers={"Content-Type": "application/json"})
        reply = json.loads(self.conn.getresponse().read())
        if "error" in reply:
            raise RuntimeError(reply["error"])
        return reply["result"]


def timed(fn, count: int) -> float:
    samples = []
    for _ in range(count):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--info", default=os.environ.get("DEVCHAIN_INFO", ".build/devchain.json"))
    args = parser.parse_args()
    info = json.load(open(args.info))
    rpc = Client(info["rpcUrl"])
    sender, receiver = info["accounts"][7], info["accounts"][8]
    market = info["jobMarketplace"]
    chain_id = info["chainId"]
    session_call = {"to": market, "input": "0xef39d372" + "00" * 31 + "01"}
    submit = {
        "from": receiver["address"],
        "to": market,
        "input": "0x7c5cb561"
        + "00" * 31
        + "01"
        + "00" * 30
        + "03e8"
        + "11" * 32
        + "00" * 31
        + "a0"
        + "00" * 31
        + "c0"
        + "00" * 64,
    }
    print(f"eth_blockNumber      median {timed(lambda: rpc('eth_blockNumber'), args.count):7.2f} ms")
    print(f"eth_call sessionJobs median {timed(lambda: rpc('eth_call', session_call, 'latest'), args.count):7.2f} ms")

    def estimate():
        try:
            rpc("eth_estimateGas", submit)
        except RuntimeError:
            pass  # "Not active": a revert still runs the full estimation path

    print(f"eth_estimateGas      median {timed(estimate, max(args.count // 4, 10)):7.2f} ms (reverting call)")
    nonce = int(rpc("eth_getTransactionCount", sender["address"], "pending"), 16)
    fee = 2 * int(rpc("eth_gasPrice"), 16)

    def send():
        nonlocal nonce
        raw = Account.sign_transaction(
            {
                "type": 2,
                "chainId": chain_id,
                "nonce": nonce,
                "gas": 21000,
                "to": receiver["address"],
                "value": 1,
                "data": b"",
                "maxFeePerGas": fee,
                "maxPriorityFeePerGas": 10**9,
            },
            sender["privateKey"],
        ).raw_transaction
        nonce += 1
        tx_hash = rpc("eth_sendRawTransaction", "0x" + raw.hex())
        assert rpc("eth_getTransactionReceipt", tx_hash)["status"] == "0x1"

    start = time.perf_counter()
    median = timed(send, args.count)
    elapsed = time.perf_counter() - start
    print(f"send + receipt       median {median:7.2f} ms, {args.count / elapsed:6.1f} tx/s sequential")


if __name__ == "__main__":
    main()
