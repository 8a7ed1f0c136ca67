import AuditStore
import Foundation
import HTTPTypes
import Hummingbird

extension ServiceDependencies {
    /// `GET /v1/sessions/{job}` (read) and the host endpoints `POST /v1/sessions`,
    /// `POST /v1/sessions/{job}/tokens`, `POST /v1/sessions/{job}/complete`.
    func addSessionRoutes(to router: Router<ServiceRequestContext>) {
        router.get("/v1/sessions/:job") { _, context in
            _ = try context.require(.auditor, .host)
            let job = try Self.jobParameter(context)
            let report = try storeCall(context) { try store.job(String(job)) }
            let state = try await ingestCall(context, operation: "state") {
                try await ingest.state(jobID: job)
            }
            guard report != nil || state != nil else {
                throw APIError(.notFound, code: "notFound", "no session for job \(job)")
            }
            struct View: Encodable {
                var jobId: String
                var pipeline: SessionIngestState?
                var report: JobReport?
            }
            return try Self.json(View(jobId: String(job), pipeline: state, report: report))
        }
        router.post("/v1/sessions") { request, context in
            _ = try context.require(.host)
            var reader = FieldReader(try BodyReader.object(try await BodyReader.collect(request, limit: maxBodyBytes)))
            reader.rejectUnknown(allowed: ["jobId", "modelId", "chainId", "proofInterval"])
            let job = reader.uint64("jobId", required: true)
            let model = reader.string("modelId", required: true, maxBytes: 256, allowEmpty: false)
            let chain = reader.uint64("chainId", required: false)
            if let chain, chain != chainID {
                reader.problem("chainId", "this node serves chain \(chainID), not \(chain)")
            }
            let interval = reader.uint64("proofInterval", required: false, range: 100...1_000_000)
            try reader.finish()
            guard let job, let model else { throw APIError.invalidFields(reader.problems) }
            let registration = SessionRegistration(
                jobID: job, modelID: model, chainID: chain ?? chainID, proofInterval: interval)
            let state = try await ingestCall(context, operation: "register") {
                try await ingest.register(registration)
            }
            return try Self.json(state, status: .created)
        }
        router.post("/v1/sessions/:job/tokens") { request, context in
            _ = try context.require(.host)
            let job = try Self.jobParameter(context)
            var reader = FieldReader(try BodyReader.object(try await BodyReader.collect(request, limit: maxBodyBytes)))
            reader.rejectUnknown(allowed: ["sequence", "prompt", "response", "tokens"])
            let sequence = reader.uint64("sequence", required: true)
            let prompt = reader.string("prompt", required: false, maxBytes: maxBodyBytes) ?? ""
            let response = reader.string("response", required: false, maxBytes: maxBodyBytes) ?? ""
            let tokens = reader.uint64("tokens", required: true, range: 1...1_000_000)
            try reader.finish()
            guard let sequence, let tokens else { throw APIError.invalidFields(reader.problems) }
            let segment = TokenSegment(
                jobID: job, sequence: sequence, prompt: prompt, response: response, tokens: tokens)
            let receipt = try await ingestCall(context, operation: "append") {
                try await ingest.append(segment)
            }
            return try Self.json(receipt, status: .accepted)
        }
        router.post("/v1/sessions/:job/complete") { request, context in
            _ = try context.require(.host)
            let job = try Self.jobParameter(context)
            let bytes = try await BodyReader.collect(request, limit: maxBodyBytes)
            var total: UInt64?
            if !bytes.isEmpty {
                var reader = FieldReader(try BodyReader.object(bytes))
                reader.rejectUnknown(allowed: ["totalTokens"])
                total = reader.uint64("totalTokens", required: false)
                try reader.finish()
            }
            let completion = SessionCompletion(jobID: job, expectedTotalTokens: total)
            let state = try await ingestCall(context, operation: "complete") {
                try await ingest.complete(completion)
            }
            return try Self.json(state)
        }
    }

    static func jobParameter(_ context: ServiceRequestContext) throws(APIError) -> UInt64 {
        guard let text = context.parameters.get("job"), let job = UInt64(text) else {
            throw APIError.invalidFields([FieldProblem(field: "path.job", problem: "must be a decimal job id")])
        }
        return job
    }

    /// Runs an ingest call, counting it and mapping refusals to statuses.
    func ingestCall<T: Sendable>(
        _ context: ServiceRequestContext, operation: String,
        _ body: () async throws -> T
    ) async throws -> T {
        do {
            let value = try await body()
            if operation != "state" { metrics.recordIngest(operation: operation, result: "accepted") }
            return value
        } catch let error as SessionIngestError {
            if operation != "state" { metrics.recordIngest(operation: operation, result: error.code.name) }
            let status: HTTPResponse.Status
            var retryAfter: Int?
            switch error.code {
            case .unknownSession: status = .notFound
            case .sessionConflict, .sequenceConflict, .sessionClosed: status = .conflict
            case .overloaded:
                status = .serviceUnavailable
                retryAfter = 1
            case .unavailable:
                status = .serviceUnavailable
                retryAfter = 5
            default: status = .unprocessableContent
            }
            throw APIError(status, code: error.code.name, error.message, retryAfterSeconds: retryAfter)
        }
    }
}
