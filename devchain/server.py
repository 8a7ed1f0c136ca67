"""The devchain's JSON-RPC 2.0 HTTP server and command line.

    python -m devchain.server [--port 0] [--chain-id 31337] [--block-time 1] [--info-file PATH]

Starts a py-evm chain with ten funded dev accounts, deploys JobMarketplace (unless --no-deploy),
seals a block every --block-time seconds besides mining each transaction as it arrives, and serves
JSON-RPC over HTTP on 127.0.0.1. With --port 0 a free port is chosen; the URL, chain id, contract
address and accounts are printed and written to --info-file as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from eth_keys import keys
from eth_utils import to_canonical_address, to_checksum_address

from . import contract
from .accounts import DEV_BALANCE_WEI, dev_accounts
from .chain import DevChain
from .evm import DevVM
from .rpc import Dispatcher

MAX_BODY = 8 * 1024 * 1024


class _Handler(BaseHTTPRequestHandler):
    """POST / with a JSON-RPC body; keep-alive; Nagle disabled (see the devchain notes)."""

    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    dispatcher: Dispatcher = None  # set on the subclass built by DevchainServer

    def do_POST(self) -> None:  # noqa: N802 (http.server naming)
        length = int(self.headers.get("Content-Length") or 0)
        if length <= 0 or length > MAX_BODY:
            self._send(400, b'{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"invalid request body"}}')
            return
        body = self.rfile.read(length)
        reply = self.dispatcher.handle_body(body)
        self._send(200, reply if reply is not None else b"")

    def do_GET(self) -> None:  # noqa: N802
        self._send(
            405, b'{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"use POST with a JSON-RPC body"}}'
        )

    def _send(self, status: int, payload: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, fmt, *args) -> None:  # quiet: one line per request would drown the test output
        pass


class DevchainServer:
    """A DevChain, its dispatcher, the HTTP server and the block-sealing timer, started and stopped together."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        chain_id: int = 31337,
        block_time: float = 1.0,
        automine: bool = True,
        accounts: int = 10,
        manual_clock: bool = False,
    ) -> None:
        self.accounts = dev_accounts(accounts)
        balances = {to_canonical_address(a): DEV_BALANCE_WEI for a, _ in self.accounts}
        self.chain = DevChain(chain_id, balances, automine=automine, manual_clock=manual_clock)
        self.dispatcher = Dispatcher(self.chain)
        handler = type("DevchainHandler", (_Handler,), {"dispatcher": self.dispatcher})
        self.httpd = ThreadingHTTPServer((host, port), handler)
        self.httpd.daemon_threads = True
        self.block_time = block_time
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self.contracts: dict[str, dict] = {}

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> None:
        serve = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True)
        serve.start()
        self._threads.append(serve)
        if self.block_time > 0:
            sealer = threading.Thread(target=self._seal_loop, daemon=True)
            sealer.start()
            self._threads.append(sealer)

    def _seal_loop(self) -> None:
        while not self._stop.wait(min(self.block_time, 0.25)):
            if time.monotonic() - self.chain.last_seal_wallclock >= self.block_time:
                try:
                    self.chain.seal()
                except Exception as exc:  # keep sealing: a dead timer would freeze the chain clock
                    print(f"devchain: sealing a block failed: {type(exc).__name__}: {exc}", file=sys.stderr, flush=True)

    def stop(self) -> None:
        self._stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        for thread in self._threads:
            thread.join(timeout=5)

    def rpc(self, method: str, *params):
        """Calls a method in-process (same code path as over HTTP); raises RuntimeError on an error reply."""
        reply = self.dispatcher.handle_one({"jsonrpc": "2.0", "id": 1, "method": method, "params": list(params)})
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        return reply["result"]

    def deploy_marketplace(self, dispute_window: int, fee_basis_points: int, treasury: str) -> str:
        """Deploys JobMarketplace from dev account 0 with a signed raw transaction; returns its address."""
        deployer, key = self.accounts[0]
        payload = contract.deployment_data(dispute_window, fee_basis_points, treasury)
        nonce = int(self.rpc("eth_getTransactionCount", deployer, "pending"), 16)
        gas = int(self.rpc("eth_estimateGas", {"from": deployer, "input": "0x" + payload.hex()}), 16)
        base_fee = int(self.rpc("eth_getBlockByNumber", "latest", False)["baseFeePerGas"], 16)
        tip = int(self.rpc("eth_maxPriorityFeePerGas"), 16)
        # Signed with py-evm's own builder (eth-account would add ~1 s of imports to every start); the
        # tests sign with eth-account, as proofnode's clients do.
        unsigned = DevVM.get_transaction_builder().new_unsigned_dynamic_fee_transaction(
            chain_id=self.chain.chain_id,
            nonce=nonce,
            max_priority_fee_per_gas=tip,
            max_fee_per_gas=2 * base_fee + tip,
            gas=gas,
            to=b"",
            value=0,
            data=payload,
            access_list=(),
        )
        raw = unsigned.as_signed_transaction(keys.PrivateKey(bytes.fromhex(key[2:]))).encode()
        tx_hash = self.rpc("eth_sendRawTransaction", "0x" + raw.hex())
        receipt = self.rpc("eth_getTransactionReceipt", tx_hash)
        if receipt is None or receipt["status"] != "0x1":
            raise RuntimeError(f"JobMarketplace deployment failed: {receipt}")
        address = to_checksum_address(receipt["contractAddress"])
        self.contracts["JobMarketplace"] = {
            "address": address,
            "disputeWindow": dispute_window,
            "feeBasisPoints": fee_basis_points,
            "treasury": to_checksum_address(treasury),
            "deployer": deployer,
            "deploymentBlock": int(receipt["blockNumber"], 16),
        }
        return address

    def info(self) -> dict:
        """What clients need to find the chain: URL, chain id, contracts, dev accounts."""
        marketplace = self.contracts.get("JobMarketplace", {})
        return {
            "rpcUrl": self.url,
            "chainId": self.chain.chain_id,
            "blockTime": self.block_time,
            "pid": os.getpid(),
            "jobMarketplace": marketplace.get("address"),
            "contracts": self.contracts,
            "accounts": [{"address": a, "privateKey": k} for a, k in self.accounts],
            "note": "DEV-ONLY private keys of the public test mnemonic; never use them on a real network.",
        }


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m devchain.server", description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=0, help="TCP port; 0 picks a free one (default 0)")
    parser.add_argument(
        "--chain-id", type=int, default=31337, help="chain id, enforced on raw transactions (default 31337)"
    )
    parser.add_argument(
        "--block-time", type=float, default=1.0, help="seconds between sealed blocks; 0 disables the timer (default 1)"
    )
    parser.add_argument("--no-automine", action="store_true", help="pool transactions until the next sealed block")
    parser.add_argument(
        "--manual-clock",
        action="store_true",
        help="chain time moves only by evm_increaseTime/evm_mine timestamps, not with the wall clock (for tests)",
    )
    parser.add_argument("--accounts", type=int, default=10, help="number of funded dev accounts, 1-10 (default 10)")
    parser.add_argument("--no-deploy", action="store_true", help="do not deploy JobMarketplace at start")
    parser.add_argument(
        "--dispute-window",
        type=int,
        default=contract.DEFAULT_DISPUTE_WINDOW,
        help="JobMarketplace dispute window in seconds (default 30)",
    )
    parser.add_argument(
        "--fee-basis-points",
        type=int,
        default=contract.DEFAULT_FEE_BASIS_POINTS,
        help="treasury fee, 1000 = 10%% (default 1000)",
    )
    parser.add_argument("--treasury", default=contract.DEFAULT_TREASURY, help="address receiving the treasury fee")
    parser.add_argument(
        "--info-file", type=Path, help="write {rpcUrl, chainId, jobMarketplace, accounts, ...} as JSON here"
    )
    parser.add_argument("--quiet", action="store_true", help="do not print the banner")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.monotonic()
    server = DevchainServer(
        args.host,
        args.port,
        args.chain_id,
        args.block_time,
        not args.no_automine,
        args.accounts,
        manual_clock=args.manual_clock,
    )
    if not args.no_deploy:
        server.deploy_marketplace(args.dispute_window, args.fee_basis_points, args.treasury)
    server.start()
    info = server.info()
    if args.info_file:
        args.info_file.parent.mkdir(parents=True, exist_ok=True)
        tmp = args.info_file.with_suffix(args.info_file.suffix + ".tmp")
        tmp.write_text(json.dumps(info, indent=2) + "\n")
        os.replace(tmp, args.info_file)  # atomic: readers never see half a file
    if not args.quiet:
        print(
            f"proofnode devchain listening on {server.url} (chain id {args.chain_id}, block time {args.block_time}s, "
            f"started in {time.monotonic() - started:.2f}s)"
        )
        if info["jobMarketplace"]:
            print(
                f"JobMarketplace: {info['jobMarketplace']} (dispute window {args.dispute_window}s, "
                f"fee {args.fee_basis_points} bp, treasury {info['contracts']['JobMarketplace']['treasury']})"
            )
        print("Dev accounts (DEV-ONLY keys of the public test mnemonic, 10,000 ETH each):")
        for i, (address, key) in enumerate(server.accounts):
            print(f"  ({i}) {address}  {key}")
        sys.stdout.flush()

    done = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: done.set())
    done.wait()
    server.stop()
    if args.info_file:
        try:
            args.info_file.unlink()
        except FileNotFoundError:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
