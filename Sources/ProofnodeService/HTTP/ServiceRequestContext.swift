import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// The per-request context of the API: Hummingbird's core storage, the request id, and the
/// authenticated principal (set by ``AuthenticationMiddleware``).
public struct ServiceRequestContext: RequestContext {
    /// Hummingbird's storage (logger, parameters, endpoint path).
    public var coreContext: CoreRequestContextStorage
    /// The request id (from a well-formed `X-Request-Id` header, or generated).
    public var requestID: String
    /// The token the request authenticated with, if any (shared with the outer middlewares, so the
    /// request log can name it even when an inner handler fails).
    public var principal: AuthToken? {
        get { principalBox.value }
        nonmutating set { principalBox.value = newValue }
    }
    private let principalBox = PrincipalBox()

    /// Creates the context for a new request.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        requestID = RequestID().description
    }

    /// Bodies are read with explicit limits by the handlers (``ServiceLimits``); this bounds any other decode.
    public var maxUploadSize: Int { 1 << 20 }

    /// Requires an authenticated principal whose role is one of `roles`.
    /// - Throws: ``APIError`` 401 without a token, 403 with a token of another role.
    public func require(_ roles: AuthRole...) throws(APIError) -> AuthToken {
        guard let principal else {
            throw APIError(
                .unauthorized, code: "unauthorized",
                "this endpoint needs a bearer token (Authorization: Bearer …); `proofnode token new` makes one")
        }
        guard roles.contains(principal.role) else {
            throw APIError(
                .forbidden, code: "forbidden",
                "this endpoint needs the \(roles.map(\.rawValue).joined(separator: " or ")) role; the token has the "
                    + "\(principal.role.rawValue) role")
        }
        return principal
    }
}

/// The authenticated principal of one request, shared by the copies of its context.
final class PrincipalBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: AuthToken?

    var value: AuthToken? {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
