import AuditStore
import Ethereum
import Foundation

extension SessionValidator {
    /// A `ProofSubmitted` log's claim.
    struct ChainClaim: Sendable {
        let host: EthereumAddress
        let tokensClaimed: U256
        let proofHash: [UInt8]
    }

    /// The session's `ProofSubmitted` logs (eth_getLogs filtered by the jobId topic).
    static func proofClaims(jobID: String, on chain: SettlementChain) async throws(SettlerError) -> [ChainClaim] {
        let jobId: U256
        do {
            jobId = try U256(parsing: jobID)
        } catch {
            throw SettlerError(.invalidStoredData, "job id \(jobID) is not a uint256")
        }
        do {
            return try await chain.marketplace.events(
                on: chain.client, from: .earliest, names: ["ProofSubmitted"], jobId: jobId
            ).compactMap { item in
                guard case .proofSubmitted(_, let host, let tokens, let hash, _, _) = item.event else { return nil }
                return ChainClaim(host: host, tokensClaimed: tokens, proofHash: hash)
            }
        } catch {
            throw SettlerError(.chain, "reading the ProofSubmitted logs of job \(jobID) failed: \(error.message)")
        }
    }

    /// Matches every checkpoint that was submitted (not failed) with a `ProofSubmitted` log carrying its
    /// `proofHash`, the same `tokensClaimed` and the session's host; logs of the session whose hash the
    /// store does not hold are session findings.
    func checkOnChain(
        _ report: inout SessionValidationReport, job: JobReport, chain: SettlementChain
    ) async throws(SettlerError) {
        let claims = try await Self.proofClaims(jobID: job.session.jobID, on: chain)
        var host: EthereumAddress?
        do {
            host = try EthereumAddress(parsing: job.session.hostAddress)
        } catch {
            host = nil
        }
        let stored = Set(job.proofs.map { [UInt8]($0.proofHash) })
        for index in report.checkpoints.indices {
            let checkpoint = job.checkpoints.first { $0.checkpointIndex == report.checkpoints[index].checkpointIndex }
            guard checkpoint?.status != .failed else { continue }
            guard
                let proof = job.proofs.first(where: { $0.checkpointIndex == report.checkpoints[index].checkpointIndex })
            else { continue }
            let hash = [UInt8](proof.proofHash)
            guard let claim = claims.first(where: { $0.proofHash == hash }) else {
                report.checkpoints[index].onChain = false
                report.checkpoints[index].findings.append(
                    ValidationFinding(
                        .proofNotOnChain,
                        "no ProofSubmitted log of job \(job.session.jobID) carries proofHash \(HexText.encode(hash))"))
                continue
            }
            report.checkpoints[index].onChain = true
            let tokens = report.checkpoints[index].tokensClaimed
            if tokens < 0 || claim.tokensClaimed != U256(UInt64(max(0, tokens))) {
                report.checkpoints[index].findings.append(
                    ValidationFinding(
                        .chainClaimMismatch,
                        "the chain's ProofSubmitted log claims \(claim.tokensClaimed) tokens, the store \(tokens)"))
            }
            if let host, claim.host != host {
                report.checkpoints[index].findings.append(
                    ValidationFinding(
                        .chainClaimMismatch,
                        "the chain's ProofSubmitted log was sent by \(claim.host), the session's host is \(host)"))
            }
        }
        for claim in claims where !stored.contains(claim.proofHash) {
            report.sessionFindings.append(
                ValidationFinding(
                    .unknownProofOnChain,
                    "the chain holds a ProofSubmitted log (\(claim.tokensClaimed) tokens, proofHash "
                        + "\(HexText.encode(claim.proofHash))) that the audit store has no proof for"))
        }
    }
}
