"""JSON shapes of blocks, transactions, receipts and logs, as geth returns them."""

from __future__ import annotations

from eth_utils import to_checksum_address


def q(value: int) -> str:
    """A JSON-RPC quantity: 0x-hex without leading zeros."""
    return hex(value)


def d(value: bytes) -> str:
    """JSON-RPC data: 0x-hex bytes."""
    return "0x" + bytes(value).hex()


def addr(value: bytes | None) -> str | None:
    return None if not value else to_checksum_address(value).lower()


def tx_json(tx, sender: bytes, record=None, mined=None) -> dict:
    """A transaction object; block fields are null while it waits in the pool."""
    type_id = getattr(tx, "type_id", None)
    out = {
        "hash": d(tx.hash),
        "nonce": q(tx.nonce),
        "blockHash": d(record.header.hash) if record else None,
        "blockNumber": q(record.header.block_number) if record else None,
        "transactionIndex": q(mined.index) if mined else None,
        "from": addr(sender),
        "to": addr(tx.to),
        "value": q(tx.value),
        "gas": q(tx.gas),
        "input": d(tx.data),
        "r": q(tx.r),
        "s": q(tx.s),
        "type": q(type_id or 0),
    }
    if type_id is None:
        out["gasPrice"] = q(tx.gas_price)
        out["v"] = q(tx.v)
        if tx.chain_id is not None:
            out["chainId"] = q(tx.chain_id)
    else:
        out["chainId"] = q(tx.chain_id)
        out["v"] = q(tx.y_parity)
        out["yParity"] = q(tx.y_parity)
        out["accessList"] = [
            {"address": addr(a), "storageKeys": ["0x" + k.to_bytes(32, "big").hex() for k in keys]}
            for a, keys in tx.access_list
        ]
        if type_id == 2:
            out["maxFeePerGas"] = q(tx.max_fee_per_gas)
            out["maxPriorityFeePerGas"] = q(tx.max_priority_fee_per_gas)
            out["gasPrice"] = q(mined.effective_gas_price if mined else tx.max_fee_per_gas)
        else:
            out["gasPrice"] = q(tx.gas_price)
    return out


def log_json(record, mined, entry) -> dict:
    address, topics, data, log_index = entry
    return {
        "address": addr(address),
        "topics": [d(t) for t in topics],
        "data": d(data),
        "blockNumber": q(record.header.block_number),
        "blockHash": d(record.header.hash),
        "blockTimestamp": q(record.header.timestamp),
        "transactionHash": d(mined.tx.hash),
        "transactionIndex": q(mined.index),
        "logIndex": q(log_index),
        "removed": False,
    }


def receipt_json(record, mined) -> dict:
    tx = mined.tx
    return {
        "transactionHash": d(tx.hash),
        "transactionIndex": q(mined.index),
        "blockHash": d(record.header.hash),
        "blockNumber": q(record.header.block_number),
        "from": addr(mined.sender),
        "to": addr(tx.to),
        "cumulativeGasUsed": q(mined.cumulative_gas_used),
        "gasUsed": q(mined.gas_used),
        "effectiveGasPrice": q(mined.effective_gas_price),
        "contractAddress": addr(mined.contract_address),
        "logs": [log_json(record, mined, entry) for entry in mined.logs],
        "logsBloom": d(mined.bloom.to_bytes(256, "big")),
        "type": q(getattr(tx, "type_id", None) or 0),
        "status": q(mined.status),
    }


def block_json(record, full: bool) -> dict:
    h = record.header
    return {
        "number": q(h.block_number),
        "hash": d(h.hash),
        "parentHash": d(h.parent_hash),
        "nonce": d(h.nonce),
        "mixHash": d(h.mix_hash),
        "sha3Uncles": d(h.uncles_hash),
        "logsBloom": d(h.bloom.to_bytes(256, "big")),
        "transactionsRoot": d(h.transaction_root),
        "stateRoot": d(h.state_root),
        "receiptsRoot": d(h.receipt_root),
        "miner": addr(h.coinbase) or "0x" + "00" * 20,
        "difficulty": q(h.difficulty),
        "totalDifficulty": q(0),
        "extraData": d(h.extra_data),
        "size": q(record.size),
        "gasLimit": q(h.gas_limit),
        "gasUsed": q(h.gas_used),
        "timestamp": q(h.timestamp),
        "baseFeePerGas": q(h.base_fee_per_gas),
        "withdrawalsRoot": d(h.withdrawals_root),
        "withdrawals": [],
        "blobGasUsed": q(h.blob_gas_used),
        "excessBlobGas": q(h.excess_blob_gas),
        "parentBeaconBlockRoot": d(h.parent_beacon_block_root),
        "transactions": [tx_json(m.tx, m.sender, record, m) if full else d(m.tx.hash) for m in record.txs],
        "uncles": [],
    }
