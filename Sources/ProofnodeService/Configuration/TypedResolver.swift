import Commitment
import Ethereum
import Foundation
import Logging

/// Turns the resolved text of every key into typed values, recording one problem per invalid value.
struct TypedResolver {
    let loader: ConfigurationLoader
    var problems: [String] = []
    var sources: [String: String] = [:]

    init(loader: ConfigurationLoader) { self.loader = loader }

    private mutating func lookup(_ path: String) -> String? {
        guard let key = ConfigurationKey.named(path), let (text, source) = loader.value(key) else { return nil }
        sources[path] = source
        return text.trimmingCharacters(in: .whitespaces)
    }

    /// How a value is named in messages: the key and the variable it came from; secrets never shown.
    private func origin(_ path: String) -> String {
        let source = sources[path] ?? "default"
        return source == "file" || source == "default" ? path : "\(path) (\(source))"
    }

    private mutating func integer(_ path: String, in range: ClosedRange<Int>) -> Int? {
        guard let text = lookup(path) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            problems.append(
                "\(origin(path)) = \(text) is not a whole number in \(range.lowerBound)…\(range.upperBound)")
            return nil
        }
        return value
    }

    private mutating func number(_ path: String, in range: ClosedRange<Double>) -> Double? {
        guard let text = lookup(path) else { return nil }
        guard let value = Double(text), value.isFinite, range.contains(value) else {
            problems.append("\(origin(path)) = \(text) is not a number in \(range.lowerBound)…\(range.upperBound)")
            return nil
        }
        return value
    }

    private mutating func flag(_ path: String) -> Bool? {
        guard let text = lookup(path) else { return nil }
        switch text.lowercased() {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default:
            problems.append("\(origin(path)) = \(text) is not a boolean (use true or false)")
            return nil
        }
    }

    /// Builds the configuration (nil only when a problem made a required part impossible).
    mutating func build() -> ServiceConfiguration? {
        let server = ServiceConfiguration.Server(
            host: lookup("server.host") ?? "127.0.0.1",
            port: integer("server.port", in: 0...65_535) ?? 8080,
            maxBodyBytes: integer("server.max_body_bytes", in: 1_024...(256 << 20)) ?? 1 << 20,
            shutdownGraceSeconds: number("server.shutdown_grace_seconds", in: 0...3_600) ?? 30)
        let pipeline = ServiceConfiguration.Pipeline(
            maxPendingCheckpoints: integer("pipeline.max_pending_checkpoints", in: 1...1_000_000) ?? 256,
            proverThreads: integer("pipeline.prover_threads", in: 1...64) ?? 2)
        let storePath = lookup("store.path") ?? "data/proofnode.sqlite"
        let retention = number("store.text_retention_days", in: 0...36_500) ?? 30
        let keysDirectory = lookup("keys.directory") ?? "keys"
        let generate = flag("keys.generate_if_missing") ?? true
        let proofs = proofConfiguration(keysDirectory: keysDirectory)
        let chain = chainConfiguration()
        let hostKey = hostKeySource(chainMode: chain.mode)
        let verifier = requiredOnChainVerifier(chainMode: chain.mode)
        let modelPath = lookup("model.path")
        if let modelPath, !FileManager.default.isReadableFile(atPath: modelPath) {
            problems.append("\(origin("model.path")) = \(modelPath) is not a readable file")
        }
        let tokens = authTokens()
        var level = Logger.Level.info
        if let text = lookup("log.level") {
            if let parsed = Logger.Level(rawValue: text.lowercased()) {
                level = parsed
            } else {
                problems.append(
                    "\(origin("log.level")) = \(text) is not a level (trace, debug, info, notice, warning, error, "
                        + "critical)")
            }
        }
        guard let proofs else { return nil }
        return ServiceConfiguration(
            server: server, pipeline: pipeline, storePath: storePath, textRetentionDays: retention,
            keysDirectory: keysDirectory,
            generateKeysIfMissing: generate, proofs: proofs, chain: chain, requiredOnChainVerifier: verifier,
            hostKey: hostKey, modelPath: modelPath,
            tokens: tokens, logLevel: level, sources: sources)
    }

    /// The proof part, through ``ProofConfiguration/init(environment:keysDirectory:)``: each `proofs.*`
    /// value is handed over under the variable it came from (or the `PROOFNODE_*` name for file values).
    private mutating func proofConfiguration(keysDirectory: String) -> ProofConfiguration? {
        var environment: [String: String] = [:]
        for key in ConfigurationKey.all where key.path.hasPrefix("proofs.") {
            guard let (value, source) = loader.value(key) else { continue }
            sources[key.path] = source
            if source == "default" { continue }
            environment[key.environment.contains(source) ? source : key.environment[0]] = value
        }
        do {
            return try ProofConfiguration(environment: environment, keysDirectory: keysDirectory)
        } catch {
            problems += error.problems.isEmpty ? [error.message] : error.problems
            return nil
        }
    }

    private mutating func chainConfiguration() -> ServiceConfiguration.Chain {
        let rpcURL = lookup("chain.rpc_url")
        var mode: ServiceConfiguration.ChainMode = rpcURL == nil ? .embedded : .rpc
        if let text = lookup("chain.mode") {
            if let parsed = ServiceConfiguration.ChainMode(rawValue: text.lowercased()) {
                mode = parsed
            } else {
                problems.append("\(origin("chain.mode")) = \(text) is not a chain mode (embedded or rpc)")
            }
        }
        var chainID: UInt64 = 31337
        if let text = lookup("chain.chain_id") {
            if let parsed = UInt64(text), parsed > 0 {
                chainID = parsed
            } else {
                problems.append("\(origin("chain.chain_id")) = \(text) is not a positive chain id")
            }
        }
        var marketplace: EthereumAddress?
        if let text = lookup("chain.job_marketplace") {
            do {
                marketplace = try EthereumAddress(parsing: text)
            } catch {
                problems.append("\(origin("chain.job_marketplace")) = \(text) is not an address (0x + 40 hex digits)")
            }
        }
        var window: UInt64?
        if let text = lookup("chain.dispute_window_seconds") {
            if let parsed = UInt64(text) {
                window = parsed
            } else {
                problems.append("\(origin("chain.dispute_window_seconds")) = \(text) is not a whole number of seconds")
            }
        }
        let port = integer("chain.embedded_port", in: 0...65_535) ?? 0
        if mode == .rpc {
            if rpcURL == nil {
                problems.append("chain.mode is rpc but no RPC URL is set (chain.rpc_url or RPC_URL)")
            } else if let rpcURL, !(rpcURL.hasPrefix("http://") || rpcURL.hasPrefix("https://")) {
                problems.append("\(origin("chain.rpc_url")) must start with http:// or https://")
            }
            if marketplace == nil && sources["chain.job_marketplace"] == nil {
                problems.append(
                    "chain.mode is rpc but no JobMarketplace address is set (chain.job_marketplace or "
                        + "CONTRACT_JOB_MARKETPLACE)")
            }
        }
        return ServiceConfiguration.Chain(
            mode: mode, rpcURL: rpcURL, chainID: chainID, jobMarketplace: marketplace, disputeWindowSeconds: window,
            embeddedPort: port)
    }

    /// `settlement.require_onchain_verifier`: an address, and only over JSON-RPC (the embedded MockChain
    /// has no EVM to run a verifier on).
    private mutating func requiredOnChainVerifier(chainMode: ServiceConfiguration.ChainMode) -> EthereumAddress? {
        guard let text = lookup("settlement.require_onchain_verifier") else { return nil }
        let address: EthereumAddress
        do {
            address = try EthereumAddress(parsing: text)
        } catch {
            problems.append(
                "\(origin("settlement.require_onchain_verifier")) = \(text) is not an address (0x + 40 hex digits): "
                    + "give the verifier contract deployed from `proofnode export-verifier`")
            return nil
        }
        if chainMode != .rpc {
            problems.append(
                "settlement.require_onchain_verifier needs chain.mode rpc: the embedded MockChain has no EVM to run "
                    + "the verifier on")
        }
        return address
    }

    private mutating func hostKeySource(chainMode: ServiceConfiguration.ChainMode) -> ServiceConfiguration.HostKey {
        let inline = lookup("host.private_key")
        let file = lookup("host.private_key_file")
        if inline != nil && file != nil {
            problems.append(
                "both a host private key (\(origin("host.private_key"))) and host.private_key_file are set; keep one")
        }
        if let inline {
            do {
                _ = try EthereumSigner(privateKeyHex: inline)
            } catch {
                problems.append(
                    "\(origin("host.private_key")) is not a valid secp256k1 private key (0x + 64 hex digits); "
                        + "the value is not shown")
            }
            return .inline(Secret(inline))
        }
        if let file {
            if !FileManager.default.isReadableFile(atPath: file) {
                problems.append("\(origin("host.private_key_file")) = \(file) is not a readable file")
            }
            return .file(file)
        }
        if chainMode == .rpc {
            problems.append(
                "chain.mode is rpc but no host key is set: set HOST_PRIVATE_KEY or host.private_key_file")
            return .none
        }
        return .devAccount(1)
    }

    private mutating func authTokens() -> [AuthToken] {
        guard let text = lookup("auth.tokens"), !text.isEmpty else { return [] }
        var tokens: [AuthToken] = []
        for (index, entry) in text.split(separator: ",").enumerated() {
            let parts = entry.split(separator: ":", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            let name = parts.count == 3 ? parts[0] : "token\(index)"
            let roleText = parts.count == 3 ? parts[1] : parts.first ?? ""
            let hash = parts.last ?? ""
            guard parts.count == 2 || parts.count == 3 else {
                problems.append("\(origin("auth.tokens")) entry \(index) is not name:role:sha256")
                continue
            }
            guard let role = AuthRole(rawValue: roleText.lowercased()) else {
                problems.append(
                    "\(origin("auth.tokens")) entry \(index) (\(name)): role \(roleText) is not host or auditor")
                continue
            }
            guard let digest = AuthToken.parseDigest(hash) else {
                problems.append(
                    "\(origin("auth.tokens")) entry \(index) (\(name)): sha256 must be 64 hex digits (the hash that "
                        + "`proofnode token new` prints, never the token itself)")
                continue
            }
            tokens.append(AuthToken(name: name, role: role, sha256: digest))
        }
        return tokens
    }
}
