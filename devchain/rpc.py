"""JSON-RPC 2.0 method dispatch: the Ethereum methods proofnode uses, plus time and snapshot controls.

Every request runs under the chain lock, so each one sees one consistent chain.
"""

from __future__ import annotations

import json

from eth_utils import ValidationError

from . import execution
from .chain import SUGGESTED_TIP, DevChain, canonical
from .errors import RpcError
from .evm import DevVM
from .execution import CallRequest
from .formatting import block_json, d, log_json, q, receipt_json, tx_json

CLIENT_VERSION = "proofnode-devchain/0.1 (py-evm 0.12.1b1)"
MAX_FEE_HISTORY = 1024


def quantity(value, name: str = "quantity") -> int:
    """Parses a JSON-RPC quantity (0x-hex string; a JSON integer is accepted too)."""
    if isinstance(value, bool):
        raise RpcError(-32602, f"invalid argument: {name} must be a hex quantity, not {value!r}")
    if isinstance(value, int) and value >= 0:
        return value
    if isinstance(value, str) and value[:2] in ("0x", "0X") and len(value) > 2:
        try:
            return int(value, 16)
        except ValueError:
            pass
    raise RpcError(-32602, f"invalid argument: {name} must be a hex quantity, not {value!r}")


def data(value, name: str = "data") -> bytes:
    """Parses JSON-RPC data (0x-hex bytes)."""
    if isinstance(value, str) and value[:2] in ("0x", "0X") and len(value) % 2 == 0:
        try:
            return bytes.fromhex(value[2:])
        except ValueError:
            pass
    raise RpcError(-32602, f"invalid argument: {name} must be 0x-prefixed hex bytes, not {value!r}")


def hash32(value, name: str = "hash") -> bytes:
    out = data(value, name)
    if len(out) != 32:
        raise RpcError(-32602, f"invalid argument: {name} must be 32 bytes, not {len(out)}")
    return out


class Dispatcher:
    """Maps method names to handlers over one :class:`DevChain`."""

    def __init__(self, chain: DevChain) -> None:
        self.chain = chain
        self.methods = {
            name[4:]: getattr(self, name)
            for name in dir(self)
            if name.startswith("rpc_") and callable(getattr(self, name))
        }

    # -- envelope ---------------------------------------------------------------------------------

    def handle_body(self, body: bytes) -> bytes | None:
        """Answers a JSON-RPC request or batch; None when nothing is to be sent (notifications only)."""
        try:
            request = json.loads(body)
        except (ValueError, UnicodeDecodeError) as exc:
            return _dump(_error(None, RpcError(-32700, f"parse error: {exc}")))
        if isinstance(request, list):
            if not request:
                return _dump(_error(None, RpcError(-32600, "empty batch")))
            replies = [r for r in (self.handle_one(item) for item in request) if r is not None]
            return _dump(replies) if replies else None
        reply = self.handle_one(request)
        return None if reply is None else _dump(reply)

    def handle_one(self, request) -> dict | None:
        if (
            not isinstance(request, dict)
            or request.get("jsonrpc") != "2.0"
            or not isinstance(request.get("method"), str)
        ):
            return _error(request.get("id") if isinstance(request, dict) else None, RpcError(-32600, "invalid request"))
        is_notification = "id" not in request
        rid = request.get("id")
        params = request.get("params", [])
        if not isinstance(params, list):
            return _error(rid, RpcError(-32602, "invalid argument: params must be an array"))
        handler = self.methods.get(request["method"])
        try:
            if handler is None:
                raise RpcError(-32601, f"the method {request['method']} does not exist/is not available")
            with self.chain.lock:
                result = handler(*params)
        except RpcError as exc:
            return None if is_notification else _error(rid, exc)
        except TypeError as exc:
            return None if is_notification else _error(rid, RpcError(-32602, f"invalid argument: {exc}"))
        except Exception as exc:  # a bug or an input the handlers did not foresee: report it, keep serving
            return (
                None
                if is_notification
                else _error(rid, RpcError(-32603, f"internal error: {type(exc).__name__}: {exc}"))
            )
        return None if is_notification else {"jsonrpc": "2.0", "id": rid, "result": result}

    # -- helpers ----------------------------------------------------------------------------------

    def _record(self, tag="latest"):
        """The mined block a tag names; None for an unknown number, 'pending' for the pending block."""
        blocks = self.chain.blocks
        if isinstance(tag, dict):  # EIP-1898
            if "blockHash" in tag:
                wanted = hash32(tag["blockHash"], "blockHash")
                for record in blocks:
                    if record.header.hash == wanted:
                        return record
                raise RpcError(-32000, "header for hash not found")
            tag = tag.get("blockNumber", "latest")
        if tag in ("latest", "safe", "finalized", None):
            return blocks[-1]
        if tag == "pending":
            return "pending"
        if tag == "earliest":
            return blocks[0]
        number = quantity(tag, "block number")
        return blocks[number] if number < len(blocks) else None

    def _header(self, tag):
        record = self._record(tag)
        if record is None:
            raise RpcError(-32000, "header not found")
        return self.chain.pending_header() if record == "pending" else record.header

    def _state(self, tag):
        record = self._record(tag)
        if record is None:
            raise RpcError(-32000, "header not found")
        header = self.chain.head.header if record == "pending" else record.header
        return self.chain.state_at(header)

    def _call_request(self, obj) -> CallRequest:
        if not isinstance(obj, dict):
            raise RpcError(-32602, "invalid argument 0: transaction object expected")
        sender = canonical(obj["from"]) if obj.get("from") else b"\x00" * 20
        to = canonical(obj["to"]) if obj.get("to") else b""
        raw = obj.get("input", obj.get("data"))
        if obj.get("input") is not None and obj.get("data") is not None and obj["input"] != obj["data"]:
            raise RpcError(
                -32602,
                'both "data" and "input" are set and not equal. Please use "input" to pass transaction call data',
            )
        fee_cap = 0
        for key in ("gasPrice", "maxFeePerGas"):
            if obj.get(key) is not None:
                fee_cap = quantity(obj[key], key)
        return CallRequest(
            sender=sender,
            to=to,
            value=quantity(obj["value"], "value") if obj.get("value") is not None else 0,
            data=data(raw, "input") if raw is not None else b"",
            gas=quantity(obj["gas"], "gas") if obj.get("gas") is not None else None,
            fee_cap=fee_cap,
        )

    # -- chain and accounts -----------------------------------------------------------------------

    def rpc_web3_clientVersion(self):
        return CLIENT_VERSION

    def rpc_eth_chainId(self):
        return q(self.chain.chain_id)

    def rpc_net_version(self):
        return str(self.chain.chain_id)

    def rpc_eth_syncing(self):
        return False

    def rpc_eth_accounts(self):
        return []

    def rpc_eth_blockNumber(self):
        return q(self.chain.head.header.block_number)

    def rpc_eth_getBalance(self, address, tag="latest"):
        return q(self._state(tag).get_balance(canonical(address)))

    def rpc_eth_getTransactionCount(self, address, tag="latest"):
        account = canonical(address)
        if tag == "pending":
            return q(self.chain.pending_nonce(account))
        return q(self._state(tag).get_nonce(account))

    def rpc_eth_getCode(self, address, tag="latest"):
        return d(self._state(tag).get_code(canonical(address)))

    def rpc_eth_getStorageAt(self, address, slot, tag="latest"):
        value = self._state(tag).get_storage(canonical(address), quantity(slot, "slot"))
        return "0x" + value.to_bytes(32, "big").hex()

    # -- fees -------------------------------------------------------------------------------------

    def rpc_eth_gasPrice(self):
        return q(self.chain.head.header.base_fee_per_gas + SUGGESTED_TIP)

    def rpc_eth_maxPriorityFeePerGas(self):
        return q(SUGGESTED_TIP)

    def rpc_eth_feeHistory(self, block_count, newest="latest", percentiles=None):
        count = quantity(block_count, "blockCount")
        percentiles = percentiles or []
        previous = -1.0
        for p in percentiles:
            if not isinstance(p, (int, float)) or isinstance(p, bool) or p < 0 or p > 100 or p < previous:
                raise RpcError(-32602, f"invalid reward percentile: {p}")
            previous = p
        record = self._record(newest)
        if record is None:
            raise RpcError(-32000, "requested block is in the future")
        newest_number = self.chain.head.header.block_number if record == "pending" else record.header.block_number
        count = min(count, MAX_FEE_HISTORY, newest_number + 1)
        if count == 0:
            return {
                "oldestBlock": q(0),
                "baseFeePerGas": [],
                "gasUsedRatio": [],
                "baseFeePerBlobGas": [],
                "blobGasUsedRatio": [],
            }
        oldest = newest_number - count + 1
        base_fees, ratios, rewards = [], [], []
        for number in range(oldest, newest_number + 1):
            rec = self.chain.blocks[number]
            h = rec.header
            base_fees.append(q(h.base_fee_per_gas))
            ratios.append(h.gas_used / h.gas_limit if h.gas_limit else 0.0)
            if percentiles:
                rewards.append([q(r) for r in _block_rewards(rec, percentiles)])
        if newest_number + 1 < len(self.chain.blocks):
            base_fees.append(q(self.chain.blocks[newest_number + 1].header.base_fee_per_gas))
        else:
            base_fees.append(q(self.chain.next_base_fee()))
        out = {
            "oldestBlock": q(oldest),
            "baseFeePerGas": base_fees,
            "gasUsedRatio": ratios,
            "baseFeePerBlobGas": [q(1)] * (count + 1),
            "blobGasUsedRatio": [0.0] * count,
        }
        if percentiles:
            out["reward"] = rewards
        return out

    # -- execution --------------------------------------------------------------------------------

    def rpc_eth_call(self, obj, tag="latest"):
        return d(execution.call(self.chain, self._header(tag), self._call_request(obj)))

    def rpc_eth_estimateGas(self, obj, tag="latest"):
        return q(execution.estimate_gas(self.chain, self._header(tag), self._call_request(obj)))

    def rpc_eth_sendRawTransaction(self, raw_hex):
        raw = data(raw_hex, "raw transaction")
        try:
            tx = DevVM.get_transaction_builder().decode(raw)
        except (ValidationError, ValueError, TypeError, Exception) as exc:  # rlp raises its own classes
            raise RpcError(-32000, f"invalid transaction: {type(exc).__name__}: {exc}") from None
        return d(self.chain.submit(tx, len(raw)))

    # -- transactions, receipts, logs, blocks -----------------------------------------------------

    def rpc_eth_getTransactionByHash(self, tx_hash):
        found = self.chain.find_tx(hash32(tx_hash, "transaction hash"))
        if found is None:
            return None
        record, item = found
        if record is None:
            return tx_json(item.tx, item.sender)
        return tx_json(item.tx, item.sender, record, item)

    def rpc_eth_getTransactionReceipt(self, tx_hash):
        found = self.chain.find_tx(hash32(tx_hash, "transaction hash"))
        if found is None or found[0] is None:
            return None
        return receipt_json(*found)

    def rpc_eth_getBlockByNumber(self, tag, full=False):
        record = self._record(tag)
        if record is None or record == "pending":
            return None
        return block_json(record, bool(full))

    def rpc_eth_getBlockByHash(self, block_hash, full=False):
        wanted = hash32(block_hash, "block hash")
        for record in reversed(self.chain.blocks):
            if record.header.hash == wanted:
                return block_json(record, bool(full))
        return None

    def rpc_eth_getLogs(self, flt):
        if not isinstance(flt, dict):
            raise RpcError(-32602, "invalid argument 0: filter object expected")
        if flt.get("blockHash") is not None:
            if flt.get("fromBlock") is not None or flt.get("toBlock") is not None:
                raise RpcError(
                    -32602,
                    "invalid argument 0: cannot specify both BlockHash and FromBlock/ToBlock, choose one or the other",
                )
            wanted = hash32(flt["blockHash"], "blockHash")
            records = [r for r in self.chain.blocks if r.header.hash == wanted]
            if not records:
                raise RpcError(-32000, "unknown block")
        else:
            first = self._log_bound(flt.get("fromBlock"))
            last = self._log_bound(flt.get("toBlock"))
            if first > last:
                raise RpcError(-32000, "invalid block range params")
            last = min(last, self.chain.head.header.block_number)  # geth stops at the head
            records = self.chain.blocks[first : last + 1]
        addresses = flt.get("address")
        if addresses is None:
            wanted_addresses = None
        else:
            wanted_addresses = {canonical(a) for a in (addresses if isinstance(addresses, list) else [addresses])}
        topic_sets = []
        for position in flt.get("topics") or []:
            if position is None:
                topic_sets.append(None)
            elif isinstance(position, list):
                topic_sets.append(
                    None
                    if not position
                    else {hash32(t, "topic") for t in position if t is not None}
                    if None not in position
                    else None
                )
            else:
                topic_sets.append({hash32(position, "topic")})
        if len(topic_sets) > 4:
            raise RpcError(-32602, "invalid argument 0: too many topics")
        out = []
        for record in records:
            for mined in record.txs:
                for entry in mined.logs:
                    address, topics, _data, _index = entry
                    if wanted_addresses is not None and address not in wanted_addresses:
                        continue
                    if len(topic_sets) > len(topics):
                        continue
                    if all(s is None or topics[i] in s for i, s in enumerate(topic_sets)):
                        out.append(log_json(record, mined, entry))
        return out

    def _log_bound(self, tag) -> int:
        if tag is None or tag in ("latest", "pending", "safe", "finalized"):
            return self.chain.head.header.block_number
        if tag == "earliest":
            return 0
        return quantity(tag, "block number")

    # -- dev controls -----------------------------------------------------------------------------

    def rpc_evm_increaseTime(self, seconds):
        return q(self.chain.increase_time(quantity(seconds, "seconds")))

    def rpc_evm_setNextBlockTimestamp(self, timestamp):
        value = quantity(timestamp, "timestamp")
        if value < self.chain.head.header.timestamp:
            raise RpcError(-32000, f"timestamp {value} is before the latest block's {self.chain.head.header.timestamp}")
        self.chain.next_timestamp = value
        return True

    def rpc_evm_mine(self, timestamp=None):
        if isinstance(timestamp, dict):
            timestamp = timestamp.get("timestamp")
        self.chain.seal(None if timestamp is None else quantity(timestamp, "timestamp"))
        return "0x0"

    def rpc_evm_snapshot(self):
        return q(self.chain.snapshot())

    def rpc_evm_revert(self, snap_id):
        return self.chain.revert(quantity(snap_id, "snapshot id"))

    def rpc_evm_setAutomine(self, enabled):
        if not isinstance(enabled, bool):
            raise RpcError(-32602, "invalid argument 0: a boolean is expected")
        self.chain.automine = enabled
        return True


def _block_rewards(record, percentiles) -> list[int]:
    """geth's feeHistory reward: the effective tip at each gas-weighted percentile of the block."""
    if not record.txs:
        return [0] * len(percentiles)
    base_fee = record.header.base_fee_per_gas
    items = sorted(((m.effective_gas_price - base_fee, m.gas_used) for m in record.txs), key=lambda x: x[0])
    out = []
    index = 0
    total = items[0][1]
    for p in percentiles:
        threshold = int(record.header.gas_used * p / 100)
        while total < threshold and index < len(items) - 1:
            index += 1
            total += items[index][1]
        out.append(items[index][0])
    return out


def _error(rid, exc: RpcError) -> dict:
    return {"jsonrpc": "2.0", "id": rid, "error": exc.to_json()}


def _dump(obj) -> bytes:
    return json.dumps(obj, separators=(",", ":")).encode()


__all__ = ["Dispatcher"]
