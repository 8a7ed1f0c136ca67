import Dispatch
import HTTPTypes
import Hummingbird
import Logging
import Metrics

/// The outermost middleware: gives every request an id (`X-Request-Id`), turns every error into a JSON
/// error response (never a stack trace), counts and times the request, and writes one structured log
/// line per request — method, path without the query, status, duration, principal name and role —
/// never a header value or a body.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = ServiceRequestContext
    let logger: Logger
    let metrics: ServiceMetrics

    func handle(
        _ request: Request, context: ServiceRequestContext,
        next: (Request, ServiceRequestContext) async throws -> Response
    ) async throws -> Response {
        var context = context
        if let given = request.headers[.xRequestID], Self.isWellFormed(given) { context.requestID = given }
        let requestID = context.requestID
        context.logger[metadataKey: "request_id"] = .string(requestID)
        let start = DispatchTime.now().uptimeNanoseconds
        var response: Response
        var failure: String?
        do {
            response = try await next(request, context)
        } catch let error as APIError {
            response = error.response(requestID: requestID)
            failure = error.code
        } catch let error as HTTPError {
            response = Self.translate(error).response(requestID: requestID)
            failure = "http"
        } catch {
            logger.error(
                "unexpected error while handling a request",
                metadata: [
                    "request_id": .string(requestID), "error_type": .string(String(describing: type(of: error))),
                ])
            response = APIError(
                .internalServerError, code: "internal",
                "an internal error occurred; quote the request id when reporting it"
            ).response(requestID: requestID)
            failure = "internal"
        }
        response.headers[.xRequestID] = requestID
        let elapsed = DispatchTime.now().uptimeNanoseconds - start
        let route = context.endpointPath ?? "unmatched"
        metrics.recordRequest(
            method: request.method.rawValue, route: route, status: Int(response.status.code), nanoseconds: elapsed)
        var metadata: Logger.Metadata = [
            "request_id": .string(requestID),
            "method": .string(request.method.rawValue),
            "path": .string(request.uri.path),
            "route": .string(route),
            "status": .stringConvertible(response.status.code),
            "duration_ms": .string(String(Double(elapsed / 1_000) / 1_000)),
        ]
        if let principal = context.principal {
            metadata["principal"] = .string(principal.name)
            metadata["role"] = .string(principal.role.rawValue)
        }
        if let failure { metadata["error_code"] = .string(failure) }
        logger.log(level: response.status.code >= 500 ? .error : .info, "request", metadata: metadata)
        return response
    }

    /// Hummingbird's own errors (unknown route, body too large, …) as API errors.
    static func translate(_ error: HTTPError) -> APIError {
        switch error.status {
        case .notFound: APIError(.notFound, code: "notFound", "no such endpoint; see docs/API.md")
        case .methodNotAllowed: APIError(.methodNotAllowed, code: "methodNotAllowed", "method not allowed here")
        case .contentTooLarge:
            APIError(.contentTooLarge, code: "bodyTooLarge", "the request body is larger than the server accepts")
        default: APIError(error.status, code: "http\(error.status.code)", error.status.reasonPhrase)
        }
    }

    /// Request ids from clients are accepted only when short and plain (they end up in logs).
    static func isWellFormed(_ id: String) -> Bool {
        (1...64).contains(id.utf8.count)
            && id.utf8.allSatisfy {
                $0 == 45 || $0 == 95 || (48...57).contains($0) || (65...90).contains($0) || (97...122).contains($0)
            }
    }
}

extension HTTPField.Name {
    /// `X-Request-Id`.
    static let xRequestID = HTTPField.Name("X-Request-Id")!
}

/// Resolves `Authorization: Bearer TOKEN` to a configured token. A presented but unknown token is a 401
/// at once; requests without the header continue unauthenticated (endpoints decide what they need).
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = ServiceRequestContext
    let authenticator: TokenAuthenticator

    func handle(
        _ request: Request, context: ServiceRequestContext,
        next: (Request, ServiceRequestContext) async throws -> Response
    ) async throws -> Response {
        guard let header = request.headers[.authorization] else { return try await next(request, context) }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw APIError(.unauthorized, code: "unauthorized", "the Authorization header must be `Bearer TOKEN`")
        }
        guard let token = authenticator.authenticate(String(parts[1]).trimmingCharacters(in: .whitespaces)) else {
            throw APIError(.unauthorized, code: "unauthorized", "the bearer token is not accepted")
        }
        context.principal = token
        return try await next(request, context)
    }
}
