import Ethereum

/// JSON shapes of blocks, transactions, receipts and logs, as geth (and the devchain) return them.
/// Addresses are lower-case hex, like the devchain's.
enum RPCFormatting {
    static func q(_ value: UInt64) -> JSONValue { .string("0x" + String(value, radix: 16)) }
    static func q(_ value: U256) -> JSONValue { .string(value.hexQuantity) }
    /// A quantity from big-endian bytes (signature r and s).
    static func q(bigEndian bytes: [UInt8]) -> JSONValue {
        let digits = Hex.encode(bytes.drop(while: { $0 == 0 }), prefix: false).drop(while: { $0 == "0" })
        return .string("0x" + (digits.isEmpty ? "0" : digits))
    }
    static func d(_ bytes: [UInt8]) -> JSONValue { .string(Hex.encode(bytes)) }
    static func a(_ address: EthereumAddress?) -> JSONValue {
        guard let address else { return .null }
        return .string(Hex.encode(address.bytes))
    }

    static func transaction(_ signed: SignedTransaction, block: MinedBlock, mined: MinedTransaction) -> JSONValue {
        let tx = signed.transaction
        var out: [String: JSONValue] = [
            "hash": d(signed.hash), "nonce": q(tx.nonce), "blockHash": d(block.hash), "blockNumber": q(block.number),
            "transactionIndex": q(UInt64(mined.index)), "from": a(signed.sender), "to": a(tx.to), "value": q(tx.value),
            "gas": q(tx.gasLimit), "input": d(tx.data), "r": q(bigEndian: signed.signature.r),
            "s": q(bigEndian: signed.signature.s),
            "type": q(UInt64(tx.type.rawValue)), "v": q(signed.v),
        ]
        if let chainId = tx.chainId { out["chainId"] = q(chainId) }
        switch tx.type {
        case .legacy:
            out["gasPrice"] = q(tx.gasPrice)
        case .accessList, .dynamicFee:
            out["yParity"] = q(signed.v)
            out["accessList"] = .array(
                tx.accessList.map { entry in
                    .object(["address": a(entry.address), "storageKeys": .array(entry.storageKeys.map(d))])
                })
            if tx.type == .dynamicFee {
                out["maxFeePerGas"] = q(tx.maxFeePerGas)
                out["maxPriorityFeePerGas"] = q(tx.maxPriorityFeePerGas)
                out["gasPrice"] = q(mined.effectiveGasPrice)
            } else {
                out["gasPrice"] = q(tx.gasPrice)
            }
        }
        return .object(out)
    }

    static func log(_ entry: LogEntry, index: Int, block: MinedBlock, mined: MinedTransaction) -> JSONValue {
        .object([
            "address": a(entry.address), "topics": .array(entry.topics.map(d)), "data": d(entry.data),
            "blockNumber": q(block.number), "blockHash": d(block.hash), "blockTimestamp": q(block.timestamp),
            "transactionHash": d(mined.signed.hash), "transactionIndex": q(UInt64(mined.index)),
            "logIndex": q(UInt64(index)), "removed": false,
        ])
    }

    static func receipt(_ mined: MinedTransaction, block: MinedBlock) -> JSONValue {
        .object([
            "transactionHash": d(mined.signed.hash), "transactionIndex": q(UInt64(mined.index)),
            "blockHash": d(block.hash), "blockNumber": q(block.number), "from": a(mined.signed.sender),
            "to": a(mined.signed.transaction.to), "cumulativeGasUsed": q(mined.cumulativeGasUsed),
            "gasUsed": q(mined.gasUsed), "effectiveGasPrice": q(mined.effectiveGasPrice),
            "contractAddress": a(mined.contractAddress),
            "logs": .array(mined.logs.map { log($0.entry, index: $0.index, block: block, mined: mined) }),
            "logsBloom": d(mined.bloom), "type": q(UInt64(mined.signed.transaction.type.rawValue)),
            "status": q(UInt64(mined.status)),
        ])
    }

    static func block(_ block: MinedBlock, full: Bool) -> JSONValue {
        let zero32 = [UInt8](repeating: 0, count: 32)
        let transactions: [JSONValue] = block.transactions.map {
            full ? transaction($0.signed, block: block, mined: $0) : d($0.signed.hash)
        }
        return .object([
            "number": q(block.number), "hash": d(block.hash), "parentHash": d(block.parentHash),
            "nonce": d([UInt8](repeating: 0, count: 8)), "mixHash": d(zero32),
            "sha3Uncles": d(Keccak256.hash(RLPItem.list([]).encoded())), "logsBloom": d(block.bloom),
            "transactionsRoot": d(zero32), "stateRoot": d(zero32), "receiptsRoot": d(zero32),
            "miner": a(.zero), "difficulty": q(UInt64(0)), "totalDifficulty": q(UInt64(0)), "extraData": d([]),
            "size": q(UInt64(500 + 150 * block.transactions.count)), "gasLimit": q(block.gasLimit),
            "gasUsed": q(block.gasUsed), "timestamp": q(block.timestamp), "baseFeePerGas": q(block.baseFeePerGas),
            "withdrawalsRoot": d(zero32), "withdrawals": [], "blobGasUsed": q(UInt64(0)),
            "excessBlobGas": q(UInt64(0)), "parentBeaconBlockRoot": d(zero32), "transactions": .array(transactions),
            "uncles": [],
        ])
    }
}
