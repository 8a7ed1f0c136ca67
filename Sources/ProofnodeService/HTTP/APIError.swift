import Foundation
import HTTPTypes
import Hummingbird

/// One invalid field of a request: its name (dotted for nested fields) and what is wrong.
public struct FieldProblem: Sendable, Equatable, Codable {
    /// The field, e.g. `jobId` or `query.from`.
    public var field: String
    /// What is wrong and what is expected.
    public var problem: String

    /// Creates a problem.
    public init(field: String, problem: String) {
        self.field = field
        self.problem = problem
    }
}

/// An error the API answers with: a status and a JSON body
/// `{"error": {"code", "message", "fields": [{"field", "problem"}], "requestId"}}`. Never a stack trace
/// or an internal message: unexpected errors become a 500 with a generic message (and are logged).
public struct APIError: Error, Sendable {
    /// The HTTP status.
    public var status: HTTPResponse.Status
    /// A stable machine-readable code (`unauthorized`, `invalidFields`, `notFound`, …).
    public var code: String
    /// What is wrong and what to do.
    public var message: String
    /// The invalid fields, for validation errors.
    public var fields: [FieldProblem]
    /// Seconds the client should wait before retrying (sent as `Retry-After`), for 503s.
    public var retryAfterSeconds: Int?

    /// Creates an error.
    public init(
        _ status: HTTPResponse.Status, code: String, _ message: String, fields: [FieldProblem] = [],
        retryAfterSeconds: Int? = nil
    ) {
        self.status = status
        self.code = code
        self.message = message
        self.fields = fields
        self.retryAfterSeconds = retryAfterSeconds
    }

    /// A 422 listing every invalid field.
    public static func invalidFields(_ fields: [FieldProblem]) -> APIError {
        APIError(
            .unprocessableContent, code: "invalidFields",
            "the request has \(fields.count) invalid field(s); see fields", fields: fields)
    }

    /// The JSON response for this error.
    func response(requestID: String) -> Response {
        struct Body: Encodable {
            struct Inner: Encodable {
                var code: String
                var message: String
                var fields: [FieldProblem]?
                var requestId: String
            }
            var error: Inner
        }
        let body = Body(
            error: .init(code: code, message: message, fields: fields.isEmpty ? nil : fields, requestId: requestID))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(body)) ?? Data(#"{"error":{"code":"internal"}}"#.utf8)
        var headers: HTTPFields = [.contentType: "application/json"]
        if status == .unauthorized { headers[.wwwAuthenticate] = "Bearer" }
        if let retryAfterSeconds { headers[.retryAfter] = String(retryAfterSeconds) }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
