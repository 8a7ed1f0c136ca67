import Foundation

extension AuditStore {
    /// The formats ``export(jobID:format:includeSecrets:)`` writes.
    public enum ExportFormat: String, Sendable, CaseIterable {
        /// The whole job as one JSON document (bytes as `0x` hex, times as ISO 8601 UTC).
        case json
        /// One CSV row per checkpoint (RFC 4180), with its proof, live transaction and the settlement.
        case csv
    }

    /// The JSON export document.
    struct ExportDocument: Encodable {
        let format = "proofnode-audit-export/1"
        let includesSecrets: Bool
        let job: JobReport
    }

    /// Exports one job. Salts are left out unless `includeSecrets` is set.
    /// - Parameters:
    ///   - jobID: The job.
    ///   - format: JSON or CSV.
    ///   - includeSecrets: Include proof salts (handle the file as a secret).
    /// - Returns: The document's bytes (UTF-8).
    /// - Throws: `notFound` when the job is unknown.
    public func export(jobID: String, format: ExportFormat, includeSecrets: Bool = false) throws -> Data {
        guard let report = try job(jobID, includeSecrets: includeSecrets) else {
            throw AuditStoreError(.notFound, "no job \(jobID) in the store; `proofnode audit list` shows the jobs")
        }
        switch format {
        case .json:
            return try Self.jsonEncoder().encode(ExportDocument(includesSecrets: includeSecrets, job: report))
        case .csv:
            return Data(Self.csv(report, includeSecrets: includeSecrets).utf8)
        }
    }

    /// The JSON encoder used by exports and the CLI: sorted keys, `0x` hex bytes, ISO 8601 times with ms.
    public static func jsonEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dataEncodingStrategy = .custom { data, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Hex.encode(data))
        }
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(isoTime(date))
        }
        return encoder
    }

    /// A time as ISO 8601 UTC with milliseconds.
    public static func isoTime(_ date: Date) -> String {
        date.formatted(
            .iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }

    static func csv(_ report: JobReport, includeSecrets: Bool) -> String {
        var header = [
            "job_id", "chain_id", "host_address", "checkpoint_index", "tokens_claimed", "token_start", "token_end",
            "checkpoint_status", "revert_reason", "prompt_hash", "response_hash", "proof_cid", "proof_hash",
            "proof_size", "key_fingerprint", "backend", "proof_created_at", "submission_status", "nonce", "tx_hash",
            "block_number", "gas_used", "submission_error", "settlement_status", "settlement_tx_hash",
            "host_earnings", "user_refund",
        ]
        if includeSecrets { header.append("salt") }
        var lines = [header.map(csvField).joined(separator: ",")]
        let settlement = report.settlement
        for checkpoint in report.checkpoints {
            let index = checkpoint.checkpointIndex
            let result = report.results.first { $0.checkpointIndex == index }
            let proof = report.proofs.first { $0.checkpointIndex == index }
            let submission = report.submissions.last { $0.checkpointIndex == index && $0.status != .replaced }
            var fields: [String] = [
                report.session.jobID, String(report.session.chainID), report.session.hostAddress, String(index),
                String(checkpoint.tokensClaimed), String(checkpoint.tokenRange.start),
                String(checkpoint.tokenRange.end), checkpoint.status.name, checkpoint.revertReason ?? "",
                result.map { Hex.encode($0.promptHash) } ?? "", result.map { Hex.encode($0.responseHash) } ?? "",
                proof?.proofCID ?? "", proof.map { Hex.encode($0.proofHash) } ?? "",
                proof.map { String($0.proofBytes.count) } ?? "", proof?.keyFingerprint ?? "", proof?.backend ?? "",
                proof.map { isoTime($0.createdAt) } ?? "", submission?.status.name ?? "",
                submission.map { String($0.nonce) } ?? "", submission.map { Hex.encode($0.txHash) } ?? "",
                submission?.blockNumber.map { String($0) } ?? "", submission?.gasUsed.map { String($0) } ?? "",
                submission?.error ?? "", settlement?.status.name ?? "",
                settlement?.txHash.map { Hex.encode($0) } ?? "", settlement?.hostEarnings ?? "",
                settlement?.userRefund ?? "",
            ]
            if includeSecrets { fields.append(proof?.salt.map { Hex.encode($0) } ?? "") }
            lines.append(fields.map(csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// RFC 4180 quoting: fields with a comma, quote or line break are quoted, quotes doubled.
    static func csvField(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
