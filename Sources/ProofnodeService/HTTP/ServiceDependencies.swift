import AuditStore
import Commitment
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Prometheus

/// Everything the API's handlers use. ``ServiceRuntime`` builds it from a ``ServiceConfiguration``;
/// tests build it directly (with a test ``SessionIngest``).
public struct ServiceDependencies: Sendable {
    /// The audit store (proofs, sessions).
    public var store: AuditStore
    /// Verifies envelopes for `POST /v1/verify` (its keys are the readiness `keys` check).
    public var verifier: CheckpointVerifier
    /// The checkpoint pipeline behind the host endpoints.
    public var ingest: any SessionIngest
    /// The readiness checks behind `/readyz`.
    public var readiness: ReadinessChecker
    /// The accepted bearer tokens.
    public var authenticator: TokenAuthenticator
    /// The chain id sessions must be on.
    public var chainID: UInt64
    /// The largest accepted request body.
    public var maxBodyBytes: Int
    /// The largest accepted `proof_data` (from the proof configuration).
    public var maxProofBytes: Int
    /// The service's own metrics.
    public var metrics: ServiceMetrics
    /// The registry `/metrics` renders.
    public var registry: PrometheusCollectorRegistry
    /// The request logger.
    public var logger: Logger

    /// Creates the dependencies.
    public init(
        store: AuditStore, verifier: CheckpointVerifier, ingest: any SessionIngest, readiness: ReadinessChecker,
        authenticator: TokenAuthenticator, chainID: UInt64, maxBodyBytes: Int, maxProofBytes: Int,
        metrics: ServiceMetrics, registry: PrometheusCollectorRegistry, logger: Logger
    ) {
        self.store = store
        self.verifier = verifier
        self.ingest = ingest
        self.readiness = readiness
        self.authenticator = authenticator
        self.chainID = chainID
        self.maxBodyBytes = maxBodyBytes
        self.maxProofBytes = maxProofBytes
        self.metrics = metrics
        self.registry = registry
        self.logger = logger
    }

    /// A JSON encoder for store records: sorted keys, `0x` hex bytes, ISO 8601 times (as `audit export`).
    static func storeEncoder() -> JSONEncoder {
        let encoder = AuditStore.jsonEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// Encodes `value` as a JSON response.
    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try storeEncoder().encode(value)
        return Response(
            status: status, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// Runs a store call; store failures become 503 (logged with the request id), bad ids 400.
    func storeCall<T>(_ context: ServiceRequestContext, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as AuditStoreError where error.code == .invalidCID {
            throw APIError(
                .badRequest, code: "invalidProofID", "the proof id must be a CID (bafkrei…) or 0x + 64 hex digits")
        } catch {
            context.logger.error("audit store call failed", metadata: ["error": .string("\(error)")])
            throw APIError(.serviceUnavailable, code: "storeUnavailable", "the audit store is unavailable; retry later")
        }
    }
}
