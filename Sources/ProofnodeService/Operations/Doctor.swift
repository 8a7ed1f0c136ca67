import AuditStore
import Commitment
import Ethereum
import Foundation

/// One finding of `proofnode doctor`.
public struct DoctorFinding: Sendable, Equatable {
    /// How serious it is.
    public enum Severity: String, Sendable, Equatable {
        /// Fine.
        case ok
        /// Works, but should be fixed.
        case warning
        /// Will not work.
        case failure
    }
    /// The area checked (`keys`, `store`, `chain`, `clock`, `permissions`, `auth`).
    public var check: String
    /// How serious.
    public var severity: Severity
    /// What was found.
    public var detail: String
    /// What to do (empty when fine).
    public var fix: String

    /// Creates a finding.
    public init(_ check: String, _ severity: Severity, _ detail: String, fix: String = "") {
        self.check = check
        self.severity = severity
        self.detail = detail
        self.fix = fix
    }
}

/// `proofnode doctor`: checks keys, store, chain connectivity, clock, permissions and tokens without
/// changing anything (it never generates keys or creates a store), and says what to fix.
public struct Doctor: Sendable {
    /// The configuration under examination.
    public let configuration: ServiceConfiguration
    /// The configuration file, when one was given (its permissions are checked).
    public let configurationFile: String?

    /// Creates a doctor.
    public init(configuration: ServiceConfiguration, configurationFile: String?) {
        self.configuration = configuration
        self.configurationFile = configurationFile
    }

    /// Runs every check.
    public func examine() async -> [DoctorFinding] {
        var findings = checkKeys() + checkPermissions() + checkStore()
        findings += await checkChain()
        findings.append(
            configuration.tokens.isEmpty
                ? DoctorFinding(
                    "auth", .warning, "no bearer tokens configured: every /v1 endpoint answers 401",
                    fix:
                        "run `proofnode token new --role auditor` (and `--role host`) and add the hashes to auth.tokens"
                )
                : DoctorFinding(
                    "auth", .ok,
                    "\(configuration.tokens.count) token(s): "
                        + configuration.tokens.map(\.description).joined(separator: ", ")))
        return findings
    }

    func checkKeys() -> [DoctorFinding] {
        let proofs = configuration.proofs
        if KeyBootstrap.keysMissing(proofs) {
            return [
                DoctorFinding(
                    "keys", configuration.generateKeysIfMissing ? .warning : .failure,
                    "no key files at \(proofs.provingKeyPath)",
                    fix: configuration.generateKeysIfMissing
                        ? "`proofnode serve` will generate them on first start, or run `proofnode setup --keys "
                            + "\(configuration.keysDirectory)` now"
                        : "run `proofnode setup --keys \(configuration.keysDirectory)`")
            ]
        }
        let keys = KeyManager(configuration: proofs)
        do {
            let fingerprint = try keys.currentFingerprint()
            _ = try keys.prover()
            return [
                DoctorFinding(
                    "keys", .ok,
                    "proving and verifying keys valid; current fingerprint \(fingerprint); "
                        + "\(proofs.verifyingKeyPaths.count) verifying key(s)")
            ]
        } catch {
            return [
                DoctorFinding(
                    "keys", .failure, error.message,
                    fix:
                        "regenerate with `proofnode setup --keys \(configuration.keysDirectory) --force` (keep old .vk "
                        + "files listed in proofs.verifying_keys) or fix the paths")
            ]
        }
    }

    func checkPermissions() -> [DoctorFinding] {
        var findings: [DoctorFinding] = []
        func mode(_ path: String) -> Int? {
            (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? nil
        }
        var secretFiles: [(String, String)] = [(configuration.proofs.provingKeyPath, "proving key")]
        if case .file(let path) = configuration.hostKey { secretFiles.append((path, "host key file")) }
        if case .inline = configuration.hostKey, configuration.sources["host.private_key"] == "file",
            let configurationFile
        {
            secretFiles.append((configurationFile, "configuration file (it holds host.private_key)"))
        }
        for (path, what) in secretFiles {
            guard let bits = mode(path) else { continue }
            if bits & 0o077 != 0 {
                findings.append(
                    DoctorFinding(
                        "permissions", .warning,
                        "the \(what) \(path) is readable by others (mode \(String(bits, radix: 8)))",
                        fix: "chmod 600 \(path)"))
            }
        }
        if case .devAccount = configuration.hostKey {
            findings.append(
                DoctorFinding(
                    "permissions", .warning, "the host key is the embedded chain's public dev account",
                    fix: "for a real chain set HOST_PRIVATE_KEY or host.private_key_file (docs/DEPLOYMENT.md)"))
        }
        if findings.isEmpty { findings.append(DoctorFinding("permissions", .ok, "secret files are owner-only")) }
        return findings
    }

    func checkStore() -> [DoctorFinding] {
        let path = configuration.storePath
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: path) else {
            let writable =
                FileManager.default.isWritableFile(atPath: directory)
                || !FileManager.default.fileExists(atPath: directory)
            return [
                DoctorFinding(
                    "store", writable ? .ok : .failure,
                    writable ? "no store yet at \(path); `proofnode serve` creates it" : "\(directory) is not writable",
                    fix: writable ? "" : "make \(directory) writable for the proofnode user, or set store.path")
            ]
        }
        do {
            let store = try AuditStore(path: path)
            let version = try store.schemaVersion()
            try store.database.write { _ in }
            let report = try store.checkLog()
            guard report.isIntact else {
                return [
                    DoctorFinding(
                        "store", .failure,
                        "the audit log is broken: " + report.problems.map(\.description).joined(separator: "; "),
                        fix: "the database was edited outside proofnode: restore it from a backup (docs/DEPLOYMENT.md)")
                ]
            }
            return [
                DoctorFinding(
                    "store", .ok, "\(path): schema \(version), writable, audit log intact (\(report.entries) entries)")
            ]
        } catch {
            return [
                DoctorFinding(
                    "store", .failure, "\(path): \(error)",
                    fix: "check the file's owner and permissions, and that no other process holds a write lock")
            ]
        }
    }

    func checkChain() async -> [DoctorFinding] {
        guard configuration.chain.mode == .rpc, let url = configuration.chain.rpcURL else {
            return [
                DoctorFinding("chain", .ok, "embedded MockChain (development): started by `proofnode serve`"),
                DoctorFinding("clock", .ok, "the embedded chain runs on this machine's clock"),
            ]
        }
        let client: EthereumClient
        do {
            client = try ServiceRuntime.probeClient(url)
        } catch {
            return [DoctorFinding("chain", .failure, error.message, fix: "check chain.rpc_url / RPC_URL")]
        }
        var findings: [DoctorFinding] = []
        do {
            let id = try await client.chainId()
            guard id == configuration.chain.chainID else {
                return [
                    DoctorFinding(
                        "chain", .failure,
                        "the node is chain \(id); the configuration says \(configuration.chain.chainID)",
                        fix: "set CHAIN_ID to the node's chain, or point RPC_URL at the right network")
                ]
            }
            let latest = try await client.block(.latest)
            findings.append(DoctorFinding("chain", .ok, "chain \(id) reachable, block \(latest?.number ?? 0)"))
            if let marketplace = configuration.chain.jobMarketplace {
                let code = try await client.code(at: marketplace)
                findings.append(
                    code.isEmpty
                        ? DoctorFinding(
                            "chain", .failure, "no contract code at \(marketplace)",
                            fix: "set CONTRACT_JOB_MARKETPLACE to the JobMarketplace address of this network")
                        : DoctorFinding("chain", .ok, "JobMarketplace at \(marketplace) has code"))
            }
            if case .none = configuration.hostKey {
            } else {
                let signer = try ServiceRuntime.hostSigner(configuration.hostKey)
                let balance = try await client.balance(of: signer.address)
                findings.append(
                    balance == .zero
                        ? DoctorFinding(
                            "chain", .warning, "the host \(signer.address) has no balance for gas",
                            fix: "fund the host account before serving sessions")
                        : DoctorFinding("chain", .ok, "host \(signer.address) balance \(balance) wei"))
            }
            if let latest {
                let skew = Date().timeIntervalSince1970 - Double(latest.timestamp)
                findings.append(
                    abs(skew) > 120
                        ? DoctorFinding(
                            "clock", .warning,
                            String(format: "the local clock and the latest block differ by %.0f s", skew),
                            fix: "synchronise the clock (NTP); dispute windows and token rates are timed by the chain")
                        : DoctorFinding("clock", .ok, String(format: "within %.0f s of the latest block", abs(skew))))
            }
        } catch let error as RPCError {
            findings.append(
                DoctorFinding(
                    "chain", .failure, "the node did not answer: \(error.message)",
                    fix: "check RPC_URL, the network, and the provider's API key"))
        } catch {
            findings.append(DoctorFinding("chain", .failure, "\(error)", fix: "check the host key and RPC_URL"))
        }
        return findings
    }
}
