import Ethereum
import Foundation
import LoopbackHTTP

/// A scripted stand-in for a node, just enough for the transaction manager: it decodes raw
/// transactions (sender, nonce, fees), keeps a pool with geth's replacement rule
/// (`replacement transaction underpriced` unless both fees rise by `priceBumpPercent`), answers
/// `nonce too low` for used nonces, mines on demand, serves receipts and lookups, and lets a test
/// inject one-shot errors per method.
final class FakeChain: @unchecked Sendable {
    struct Pooled {
        var signed: SignedTransaction
        var hash: String
    }

    private let lock = NSLock()
    let chainId: UInt64
    var eip1559 = true
    var baseFee: UInt64 = 1_000_000_000
    var tip: UInt64 = 100_000_000
    var gasPrice: UInt64 = 3_000_000_000
    var gasEstimate: UInt64 = 50_000
    var priceBumpPercent: UInt64 = 10
    var autoMine = true
    var supportsMaxPriorityFee = true
    private(set) var blockNumber: UInt64 = 100
    private var minedNonce: [EthereumAddress: UInt64] = [:]
    private var pool: [EthereumAddress: [UInt64: Pooled]] = [:]
    private var receipts: [String: JSONValue] = [:]
    private var injected: [String: [JSONValue]] = [:]
    private(set) var broadcasts: [SignedTransaction] = []
    private(set) var estimateRevert: JSONValue?
    private(set) var revertOnChain = false

    init(chainId: UInt64 = 84532) { self.chainId = chainId }

    func configure(_ change: (FakeChain) -> Void) { lock.withLock { change(self) } }

    /// Makes the next call of `method` fail with `error` (a JSON-RPC error object).
    func inject(_ method: String, error: JSONValue) { lock.withLock { injected[method, default: []].append(error) } }

    /// Makes eth_estimateGas revert with this error object (nil: succeed).
    func setEstimateRevert(_ error: JSONValue?) { lock.withLock { estimateRevert = error } }

    /// Makes mined transactions revert (receipt status 0).
    func setRevertOnChain(_ flag: Bool) { lock.withLock { revertOnChain = flag } }

    /// Sets the mined nonce of `sender` as if another process had sent transactions.
    func setMinedNonce(_ nonce: UInt64, for sender: EthereumAddress) { lock.withLock { minedNonce[sender] = nonce } }

    /// Mines every pooled transaction whose nonce is next, in order, one block each.
    func mineAll() { lock.withLock { minePending() } }

    /// Mines empty blocks.
    func advance(blocks: UInt64) { lock.withLock { blockNumber += blocks } }

    /// The transactions broadcast so far (including replacements and rejected ones).
    var sent: [SignedTransaction] { lock.withLock { broadcasts } }

    /// Receipts served so far, by hash.
    var minedHashes: [String] { lock.withLock { Array(receipts.keys) } }

    func server() throws -> ScriptedRPCServer {
        try ScriptedRPCServer { [self] request in
            let reply = lock.withLock { handle(request.method, request.params) }
            switch reply {
            case .success(let result): return ScriptedRPCServer.result(result, id: request.id)
            case .failure(let error): return ScriptedRPCServer.error(error.object, id: request.id)
            }
        }
    }

    struct NodeError: Error { let object: JSONValue }

    private func fail(_ message: String, code: Int64 = -32000) -> Result<JSONValue, NodeError> {
        .failure(NodeError(object: ["code": .integer(code), "message": .string(message)]))
    }

    private func hex(_ value: UInt64) -> JSONValue { .string("0x" + String(value, radix: 16)) }

    private func handle(_ method: String, _ params: [JSONValue]) -> Result<JSONValue, NodeError> {
        if var queue = injected[method], !queue.isEmpty {
            let error = queue.removeFirst()
            injected[method] = queue
            return .failure(NodeError(object: error))
        }
        switch method {
        case "eth_chainId": return .success(hex(chainId))
        case "eth_blockNumber": return .success(hex(blockNumber))
        case "eth_gasPrice": return .success(hex(gasPrice))
        case "eth_maxPriorityFeePerGas":
            return supportsMaxPriorityFee
                ? .success(hex(tip)) : fail("the method does not exist/is not available", code: -32601)
        case "eth_feeHistory":
            return .success([
                "oldestBlock": hex(blockNumber - 3),
                "baseFeePerGas": .array((0..<5).map { _ in hex(eip1559 ? baseFee : 0) }),
                "gasUsedRatio": [0.5, 0.5, 0.5, 0.5],
                "reward": .array((0..<4).map { _ in [hex(tip)] }),
            ])
        case "eth_getBlockByNumber":
            var block: [String: JSONValue] = [
                "number": hex(blockNumber), "hash": .string(Self.fakeHash("block\(blockNumber)")),
                "parentHash": .string(Self.fakeHash("block\(blockNumber - 1)")),
                "timestamp": hex(1_700_000_000 + blockNumber),
                "gasLimit": hex(30_000_000), "gasUsed": hex(0), "transactions": [],
            ]
            if eip1559 { block["baseFeePerGas"] = hex(baseFee) }
            return .success(.object(block))
        case "eth_estimateGas":
            if let estimateRevert { return .failure(NodeError(object: estimateRevert)) }
            return .success(hex(gasEstimate))
        case "eth_getTransactionCount":
            guard let address = params.first?.stringValue, let sender = try? EthereumAddress(parsing: address) else {
                return fail("invalid address", code: -32602)
            }
            let mined = minedNonce[sender] ?? 0
            if params.count > 1, params[1] == "latest" { return .success(hex(mined)) }
            var pending = mined
            while pool[sender]?[pending] != nil { pending += 1 }
            return .success(hex(pending))
        case "eth_sendRawTransaction":
            return accept(params.first?.stringValue ?? "")
        case "eth_getTransactionReceipt":
            return .success(receipts[params.first?.stringValue ?? ""] ?? .null)
        case "eth_getTransactionByHash":
            let hash = params.first?.stringValue ?? ""
            if receipts[hash] != nil || pool.values.contains(where: { $0.values.contains { $0.hash == hash } }) {
                return .success(["hash": .string(hash)])
            }
            return .success(.null)
        default:
            return fail("the method \(method) does not exist/is not available", code: -32601)
        }
    }

    private func accept(_ rawHex: String) -> Result<JSONValue, NodeError> {
        guard let raw = try? Hex.decode(rawHex), let signed = try? SignedTransaction(raw: raw) else {
            return fail("rlp: invalid transaction")
        }
        broadcasts.append(signed)
        let transaction = signed.transaction
        guard transaction.chainId == chainId else {
            return fail("invalid chain id: have \(transaction.chainId ?? 0) want \(chainId)")
        }
        let sender = signed.sender
        let hash = Hex.encode(signed.hash)
        if transaction.nonce < minedNonce[sender] ?? 0 { return fail("nonce too low") }
        if let existing = pool[sender]?[transaction.nonce] {
            if existing.hash == hash { return fail("already known") }
            let old = existing.signed.transaction
            let factor = U256(100 + priceBumpPercent)
            let oldFee = transaction.type == .dynamicFee ? old.maxFeePerGas : old.gasPrice
            let newFee = transaction.type == .dynamicFee ? transaction.maxFeePerGas : transaction.gasPrice
            let oldTip = transaction.type == .dynamicFee ? old.maxPriorityFeePerGas : old.gasPrice
            let newTip = transaction.type == .dynamicFee ? transaction.maxPriorityFeePerGas : transaction.gasPrice
            if newFee * U256(100) < oldFee * factor || newTip * U256(100) < oldTip * factor {
                return fail("replacement transaction underpriced")
            }
        }
        pool[sender, default: [:]][transaction.nonce] = Pooled(signed: signed, hash: hash)
        if autoMine { minePending() }
        return .success(.string(hash))
    }

    private func minePending() {
        for sender in pool.keys {
            while let next = pool[sender]?[minedNonce[sender] ?? 0] {
                blockNumber += 1
                receipts[next.hash] = [
                    "transactionHash": .string(next.hash), "blockNumber": hex(blockNumber),
                    "blockHash": .string(Self.fakeHash("block\(blockNumber)")), "transactionIndex": "0x0",
                    "from": .string(Hex.encode(sender.bytes)),
                    "to": next.signed.transaction.to.map { .string(Hex.encode($0.bytes)) } ?? .null,
                    "contractAddress": nil, "status": revertOnChain ? "0x0" : "0x1",
                    "gasUsed": hex(gasEstimate * 5 / 6),
                    "cumulativeGasUsed": hex(gasEstimate), "effectiveGasPrice": hex(baseFee + tip), "logs": [],
                ]
                pool[sender]?[next.signed.transaction.nonce] = nil
                minedNonce[sender] = (minedNonce[sender] ?? 0) + 1
            }
        }
    }

    static func fakeHash(_ label: String) -> String { Hex.encode(Keccak256.hash(label)) }
}
