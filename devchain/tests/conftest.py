"""Fixtures: one devchain server per test session, driven over HTTP with eth-account-signed raw
transactions (the same path proofnode uses). Each test runs between evm_snapshot and evm_revert, so
tests do not see each other's state."""

from __future__ import annotations

import http.client
import itertools
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repository root, for `import devchain`

import pytest  # noqa: E402
from eth_account import Account

from devchain.contract import DEFAULT_TREASURY, compile_contract
from devchain.server import DevchainServer

CHAIN_ID = 31337
DISPUTE_WINDOW = 30
FEE_BASIS_POINTS = 1000


class RpcFailure(Exception):
    """A JSON-RPC error reply."""

    def __init__(self, error: dict) -> None:
        super().__init__(f"{error.get('code')}: {error.get('message')}")
        self.code = error.get("code")
        self.message = error.get("message")
        self.data = error.get("data")


class Client:
    """A minimal keep-alive JSON-RPC client over http.client."""

    def __init__(self, url: str) -> None:
        parsed = urlparse(url)
        self.host, self.port = parsed.hostname, parsed.port
        self.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
        self.ids = itertools.count(1)

    def raw(self, body: bytes) -> tuple[int, bytes]:
        self.conn.request("POST", "/", body=body, headers={"Content-Type": "application/json"})
        response = self.conn.getresponse()
        return response.status, response.read()

    def __call__(self, method: str, *params):
        rid = next(self.ids)
        status, body = self.raw(
            json.dumps({"jsonrpc": "2.0", "id": rid, "method": method, "params": list(params)}).encode()
        )
        assert status == 200, body
        reply = json.loads(body)
        assert reply["jsonrpc"] == "2.0" and reply["id"] == rid
        if "error" in reply:
            raise RpcFailure(reply["error"])
        return reply["result"]


@dataclass
class Wallet:
    address: str
    key: str


class Chain:
    """Test helper: an RPC client plus signing and sending helpers."""

    def __init__(self, rpc: Client, wallets: list[Wallet], marketplace: str, abi: list) -> None:
        self.rpc = rpc
        self.wallets = wallets
        self.marketplace = marketplace
        self.abi = abi

    def sign(
        self,
        wallet: Wallet,
        to: str | None,
        data: bytes = b"",
        value: int = 0,
        gas: int | None = None,
        nonce: int | None = None,
        chain_id: int = CHAIN_ID,
        max_fee: int | None = None,
        tip: int | None = None,
        legacy: bool = False,
    ) -> bytes:
        if nonce is None:
            nonce = int(self.rpc("eth_getTransactionCount", wallet.address, "pending"), 16)
        if gas is None:
            call = {"from": wallet.address, "value": hex(value), "input": "0x" + data.hex()}
            if to:
                call["to"] = to
            gas = int(self.rpc("eth_estimateGas", call), 16)
        tip = int(self.rpc("eth_maxPriorityFeePerGas"), 16) if tip is None else tip
        if max_fee is None:
            max_fee = 2 * int(self.rpc("eth_getBlockByNumber", "latest", False)["baseFeePerGas"], 16) + tip
        tx = {"chainId": chain_id, "nonce": nonce, "gas": gas, "to": to or b"", "value": value, "data": data}
        if legacy:
            tx["gasPrice"] = max_fee
        else:
            tx.update({"type": 2, "maxFeePerGas": max_fee, "maxPriorityFeePerGas": tip})
        return Account.sign_transaction(tx, wallet.key).raw_transaction

    def send(self, wallet: Wallet, to: str | None, data: bytes = b"", value: int = 0, **kwargs) -> dict:
        raw = self.sign(wallet, to, data, value, **kwargs)
        tx_hash = self.rpc("eth_sendRawTransaction", "0x" + raw.hex())
        receipt = self.rpc("eth_getTransactionReceipt", tx_hash)
        assert receipt is not None, "automine should have mined the transaction"
        return receipt


@pytest.fixture(scope="session")
def server():
    srv = DevchainServer(chain_id=CHAIN_ID, block_time=1.0)
    srv.deploy_marketplace(DISPUTE_WINDOW, FEE_BASIS_POINTS, DEFAULT_TREASURY)
    srv.start()
    yield srv
    srv.stop()


@pytest.fixture(scope="session")
def client(server):
    return Client(server.url)


@pytest.fixture()
def chain(server, client):
    snapshot = client("evm_snapshot")
    client("evm_setAutomine", True)
    wallets = [Wallet(a, k) for a, k in server.accounts]
    abi, _ = compile_contract()
    yield Chain(client, wallets, server.contracts["JobMarketplace"]["address"], abi)
    client("evm_setAutomine", True)
    assert client("evm_revert", snapshot) is True
