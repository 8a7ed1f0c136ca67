import AuditStore
import BN254
import Commitment
import Foundation
import HTTPTypes
import Hummingbird

extension ServiceDependencies {
    /// `GET /v1/proofs`, `GET /v1/proofs/{id}`, `GET /v1/proofs/{id}/opening`, `POST /v1/verify`.
    func addProofRoutes(to router: Router<ServiceRequestContext>) {
        router.get("/v1/proofs") { request, context in
            _ = try context.require(.auditor, .host)
            let query = try Self.proofQuery(request.uri.queryParameters)
            let proofs = try storeCall(context) { try store.listProofs(query) }
            struct Listing: Encodable {
                var proofs: [ProofSummary]
                var count: Int
                var limit: Int
                var offset: Int
            }
            return try Self.json(Listing(proofs: proofs, count: proofs.count, limit: query.limit, offset: query.offset))
        }
        router.get("/v1/proofs/:id") { request, context in
            _ = try context.require(.auditor, .host)
            let record = try proofRecord(context, includeSecrets: false)
            let accept = request.headers[.accept] ?? ""
            var headers: HTTPFields = [
                HTTPField.Name("X-Proof-CID")!: record.proofCID,
                HTTPField.Name("X-Proof-Hash")!: Hex.encode(record.proofHash),
            ]
            if accept.contains("application/octet-stream") && !accept.contains("application/json") {
                headers[.contentType] = "application/octet-stream"
                return Response(
                    status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: record.proofBytes)))
            }
            headers[.contentType] = "application/json"
            return Response(
                status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: record.envelopeJSON)))
        }
        router.get("/v1/proofs/:id/opening") { _, context in
            let principal = try context.require(.auditor)
            let record = try proofRecord(context, includeSecrets: true)
            let opening = try Self.opening(of: record, maxProofBytes: maxProofBytes)
            context.logger.notice(
                "opening disclosed",
                metadata: ["proof_cid": .string(record.proofCID), "principal": .string(principal.name)])
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            return Response(
                status: .ok,
                headers: [
                    .contentType: "application/json", .cacheControl: "no-store",
                    HTTPField.Name("X-Proof-CID")!: record.proofCID,
                ],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: try encoder.encode(opening))))
        }
        router.post("/v1/verify") { request, context in
            _ = try context.require(.auditor, .host)
            let bytes = try await BodyReader.collect(request, limit: maxBodyBytes)
            return try Self.json(try verify(bytes))
        }
    }

    private func proofRecord(_ context: ServiceRequestContext, includeSecrets: Bool) throws -> ProofRecord {
        let id = context.parameters.get("id") ?? ""
        guard let record = try storeCall(context, { try store.proof(id: id, includeSecrets: includeSecrets) }) else {
            throw APIError(.notFound, code: "notFound", "no proof with id \(id) in the audit store")
        }
        return record
    }

    /// The opening (hashes from the stored envelope, salt from the secret column) in the form
    /// `proofnode verify --opening FILE` reads.
    static func opening(of record: ProofRecord, maxProofBytes: Int) throws -> CheckpointOpening {
        guard let salt = record.salt, salt.count == 32 else {
            throw APIError(.notFound, code: "noOpening", "the audit store holds no opening (salt) for this proof")
        }
        let envelope: ProofEnvelope
        do {
            envelope = try ProofEnvelope(json: Array(record.envelopeJSON.utf8), maxProofBytes: maxProofBytes)
        } catch {
            throw APIError(
                .internalServerError, code: "corruptRecord", "the stored envelope does not decode: \(error.message)")
        }
        let value: Fr
        do {
            value = try Fr(bigEndianBytes: Array(salt))
        } catch {
            throw APIError(.internalServerError, code: "corruptRecord", "the stored salt is not a field element")
        }
        return CheckpointOpening(
            modelHash: envelope.modelHash, inputHash: envelope.inputHash, outputHash: envelope.outputHash, salt: value)
    }

    /// The verdict on a body that is an envelope, or `{"envelope": …, "opening": …}`.
    func verify(_ bytes: [UInt8]) throws -> VerifyResponse {
        let tree = try BodyReader.object(bytes)
        var envelopeBytes = bytes
        var opening: CheckpointOpening?
        if tree["envelope"] != nil {
            var reader = FieldReader(tree)
            reader.rejectUnknown(allowed: ["envelope", "opening"])
            try reader.finish()
            guard let object = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
                let envelope = object["envelope"] as? [String: Any]
            else {
                throw APIError.invalidFields([FieldProblem(field: "envelope", problem: "must be a JSON object")])
            }
            envelopeBytes = Array(try JSONSerialization.data(withJSONObject: envelope))
            if let value = object["opening"] {
                guard JSONSerialization.isValidJSONObject(value) else {
                    throw APIError.invalidFields([FieldProblem(field: "opening", problem: "must be a JSON object")])
                }
                do {
                    let data = try JSONSerialization.data(withJSONObject: value)
                    opening = try JSONDecoder().decode(CheckpointOpening.self, from: data)
                } catch {
                    throw APIError.invalidFields([
                        FieldProblem(
                            field: "opening",
                            problem: "must be {model_hash, input_hash, output_hash: 64 hex digits, salt: decimal < r}")
                    ])
                }
            }
        }
        let envelope: ProofEnvelope
        do {
            envelope = try ProofEnvelope(json: envelopeBytes, maxProofBytes: maxProofBytes)
        } catch {
            throw APIError.invalidFields([FieldProblem(field: "envelope", problem: error.message)])
        }
        let verdict: VerificationVerdict
        do {
            verdict = try verifier.verify(envelope, opening: opening)
        } catch {
            throw APIError(.serviceUnavailable, code: "keysUnavailable", error.message)
        }
        return VerifyResponse(
            accepted: verdict.isAccepted,
            reasons: verdict.reasons.map { .init(code: $0.code, message: $0.description) },
            checkedOpening: verdict.checkedOpening, keyFingerprint: envelope.keyFingerprint,
            proofType: envelope.proofType.rawValue, jobId: String(envelope.jobId),
            checkpointIndex: String(envelope.checkpointIndex))
    }

    /// Parses the listing's query parameters, collecting every invalid one.
    static func proofQuery(_ parameters: Parameters) throws(APIError) -> ProofQuery {
        var query = ProofQuery()
        var problems: [FieldProblem] = []
        let known: Set<String> = ["job", "host", "from", "to", "status", "limit", "offset"]
        for (key, _) in parameters where !known.contains(String(key)) {
            problems.append(FieldProblem(field: "query.\(key)", problem: "unknown parameter"))
        }
        if let job = parameters.get("job") {
            if UInt64(job) != nil {
                query.jobID = job
            } else {
                problems.append(FieldProblem(field: "query.job", problem: "must be a decimal job id"))
            }
        }
        if let host = parameters.get("host") {
            if host.count == 42, host.hasPrefix("0x"), host.dropFirst(2).allSatisfy(\.isHexDigit) {
                query.hostAddress = host
            } else {
                problems.append(FieldProblem(field: "query.host", problem: "must be an address: 0x + 40 hex digits"))
            }
        }
        for name in ["from", "to"] {
            guard let text = parameters.get(name) else { continue }
            if let date = parseTime(text) {
                if name == "from" { query.from = date } else { query.to = date }
            } else {
                problems.append(
                    FieldProblem(
                        field: "query.\(name)", problem: "must be ISO 8601 (2026-11-26T04:00:00Z) or Unix seconds"))
            }
        }
        if let status = parameters.get("status") {
            let known = ["proven", "stored", "signed", "broadcast", "confirmed", "failed"]
            if known.contains(status) {
                query.status = CheckpointStatus(status)
            } else {
                problems.append(
                    FieldProblem(field: "query.status", problem: "must be one of " + known.joined(separator: ", ")))
            }
        }
        if let text = parameters.get("limit") {
            if let limit = Int(text), (1...1_000).contains(limit) {
                query.limit = limit
            } else {
                problems.append(FieldProblem(field: "query.limit", problem: "must be 1…1000"))
            }
        }
        if let text = parameters.get("offset") {
            if let offset = Int(text), offset >= 0 {
                query.offset = offset
            } else {
                problems.append(FieldProblem(field: "query.offset", problem: "must be ≥ 0"))
            }
        }
        if !problems.isEmpty { throw APIError.invalidFields(problems) }
        return query
    }

    static func parseTime(_ text: String) -> Date? {
        if let seconds = Double(text), text.allSatisfy({ $0.isNumber || $0 == "." }) {
            return Date(timeIntervalSince1970: seconds)
        }
        for style in [Date.ISO8601FormatStyle.iso8601, Date.ISO8601FormatStyle(includingFractionalSeconds: true)] {
            if let date = try? style.parse(text) { return date }
        }
        return nil
    }
}

/// The answer of `POST /v1/verify`.
struct VerifyResponse: Codable, Sendable {
    /// One reason for rejection.
    struct Reason: Codable, Sendable {
        var code: String
        var message: String
    }
    var accepted: Bool
    var reasons: [Reason]
    var checkedOpening: Bool
    var keyFingerprint: String
    var proofType: String
    var jobId: String
    var checkpointIndex: String
}
