extension RPCError {
    /// Maps a JSON-RPC error object to a typed error, keeping everything the node said.
    ///
    /// Revert data is taken from `error.data` when it is a hex string (geth, reth, anvil), a hex string
    /// nested in an object under `data`, `result` or `return` (Hardhat, Ganache), or a string like
    /// `Reverted 0x…` (Nethermind). The reason is decoded from that data when it is `Error(string)` or
    /// `Panic(uint256)`, or else taken from the message (`execution reverted: Not host`).
    /// - Parameters:
    ///   - errorObject: the response's `error` member.
    ///   - method: the method that was called.
    ///   - httpStatus: the HTTP status when it was not 200.
    ///   - retryAfterSeconds: the `Retry-After` header, if any.
    static func fromNode(
        errorObject: JSONValue, method: String, httpStatus: Int?, retryAfterSeconds: Double?
    )
        -> RPCError
    {
        let nodeCode = errorObject["code"]?.intValue
        let nodeMessage = errorObject["message"]?.stringValue ?? ""
        let data = errorObject["data"]
        let revertData = data.flatMap { extractRevertData($0, depth: 0) }
        let lower = nodeMessage.lowercased()
        let dataSaysReverted = data?.stringValue.map { $0.hasPrefix("Reverted") || $0.hasPrefix("revert") } ?? false
        let reverted =
            nodeCode == 3 || lower.contains("execution reverted") || lower.contains("reverted with")
            || (lower.contains("vm exception") && lower.contains("revert")) || dataSaysReverted
        var code = reverted ? Code.executionReverted : classify(lower, nodeCode: nodeCode)
        if !reverted, let status = httpStatus, status == 429 || (500...599).contains(status) {
            code = status == 429 ? .rateLimited : .httpStatus
        }
        var error = RPCError(code, "", method: method)
        error.nodeCode = nodeCode
        error.nodeMessage = nodeMessage
        error.data = data
        error.httpStatus = httpStatus
        error.retryAfterSeconds = retryAfterSeconds
        if reverted {
            error.revertData = revertData
            error.revertReason = revertData.flatMap(readableReason(of:)) ?? reasonFromMessage(nodeMessage)
        }
        error.message = "the node rejected \(method): \(RPCHex.clip(nodeMessage, limit: 300))" + advice(for: code)
        return error
    }

    /// An HTTP error whose body is not a JSON-RPC error object.
    static func httpFailure(_ response: HTTPResponse, method: String) -> RPCError {
        let snippet = RPCHex.clip(String(decoding: response.body.prefix(400), as: UTF8.self), limit: 200)
        var error = RPCError(
            response.status == 429 ? .rateLimited : .httpStatus,
            "the node answered \(method) with HTTP \(response.status)"
                + (snippet.isEmpty ? "" : ": \(snippet)"),
            method: method)
        error.httpStatus = response.status
        error.retryAfterSeconds = response.retryAfterSeconds
        return error
    }

    /// geth's (and other nodes') well-known messages, as codes.
    private static func classify(_ lower: String, nodeCode: Int?) -> Code {
        if lower.contains("nonce too low") || lower.contains("oldnonce") { return .nonceTooLow }
        if lower.contains("nonce too high") { return .nonceTooHigh }
        if lower.contains("replacement transaction underpriced") || lower.contains("replacement fee too low") {
            return .replacementUnderpriced
        }
        if lower.contains("already known") || lower.contains("known transaction") || lower.contains("already imported")
        {
            return .alreadyKnown
        }
        if lower.contains("insufficient funds") { return .insufficientFunds }
        if lower.contains("max fee per gas less than block base fee") || lower.contains("transaction underpriced")
            || lower.contains("fee cap less than block base fee")
        {
            return .feeTooLow
        }
        if lower.contains("intrinsic gas too low") { return .gasTooLow }
        if lower.contains("invalid chain id") { return .invalidChainID }
        if nodeCode == -32601 || lower.contains("method not found") || lower.contains("does not exist/is not available")
        {
            return .methodNotFound
        }
        if nodeCode == -32005 || lower.contains("rate limit") { return .rateLimited }
        return .nodeError
    }

    private static func advice(for code: Code) -> String {
        switch code {
        case .nonceTooLow: return "; the nonce is already used: resynchronise from eth_getTransactionCount (pending)"
        case .replacementUnderpriced: return "; a replacement must raise both the max fee and the tip by at least 10 %"
        case .insufficientFunds: return "; fund the sender or lower the value or fees"
        case .feeTooLow: return "; raise the max fee per gas above the block's base fee"
        case .invalidChainID: return "; sign for the chain id the node reports (eth_chainId)"
        case .methodNotFound: return "; the node does not offer this method"
        default: return ""
        }
    }

    /// The revert bytes inside an error's `data`, searched a few levels deep: preferred keys first,
    /// then every other member (Ganache keys its details by transaction hash).
    private static func extractRevertData(_ value: JSONValue, depth: Int) -> [UInt8]? {
        guard depth < 4 else { return nil }
        switch value {
        case .string(let text):
            if text.hasPrefix("Reverted ") || text.hasPrefix("revert "), let range = text.range(of: "0x") {
                return RPCHex.dataIfHex(String(text[range.lowerBound...]))
            }
            return RPCHex.dataIfHex(text)
        case .object(let members):
            let preferred = ["data", "result", "return", "returnData"]
            for key in preferred {
                if let nested = members[key], let found = extractRevertData(nested, depth: depth + 1) { return found }
            }
            let skipped: Set<String> = ["message", "stack", "name", "reason", "error"]
            for key in members.keys.sorted() where !preferred.contains(key) && !skipped.contains(key) {
                if let nested = members[key], let found = extractRevertData(nested, depth: depth + 1) { return found }
            }
            return nil
        default:
            return nil
        }
    }

    /// The text of `Error(string)` or `Panic(uint256)` revert data; nil for anything else (custom
    /// errors need the contract's ABI: ``RPCError/revert(errors:)``).
    private static func readableReason(of data: [UInt8]) -> String? {
        switch RevertReason.decode(data) {
        case .message(let text): return text
        case .panic(let code): return RevertReason.panic(code).description
        case .empty, .custom, .unknown: return nil
        }
    }

    /// The reason in messages like `execution reverted: Not host`,
    /// `VM Exception while processing transaction: revert Not host` or
    /// `reverted with reason string 'Not host'`.
    static func reasonFromMessage(_ message: String) -> String? {
        let patterns = ["execution reverted: ", "reverted with reason string '", "processing transaction: revert "]
        for pattern in patterns {
            guard let range = message.range(of: pattern) else { continue }
            var reason = String(message[range.upperBound...])
            if pattern.hasSuffix("'"), reason.hasSuffix("'") { reason.removeLast() }
            return reason.isEmpty ? nil : reason
        }
        return nil
    }
}
