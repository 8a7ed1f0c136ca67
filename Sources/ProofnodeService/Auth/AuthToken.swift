import Crypto
import Foundation

/// The two roles a bearer token can have.
public enum AuthRole: String, Sendable, Equatable, CaseIterable, Codable {
    /// The host's own processes: register sessions, stream tokens, complete sessions (write), and read.
    case host
    /// Auditors: read proofs and sessions, verify, and read openings (salts).
    case auditor
}

/// An accepted bearer token, kept only as the SHA-256 of its text (tokens are hashed at rest: the
/// configuration never holds a token itself).
public struct AuthToken: Sendable, Equatable, CustomStringConvertible {
    /// A name for logs (which client made a request).
    public let name: String
    /// What the token may do.
    public let role: AuthRole
    /// SHA-256 of the token's UTF-8 text.
    public let sha256: [UInt8]

    /// Creates an accepted token from its hash.
    public init(name: String, role: AuthRole, sha256: [UInt8]) {
        self.name = name
        self.role = role
        self.sha256 = sha256
    }

    /// `name (role)`: the hash is not a secret but is not needed in logs either.
    public var description: String { "\(name) (\(role.rawValue))" }

    /// Parses 64 hex digits (optionally `0x`-prefixed).
    public static func parseDigest(_ text: String) -> [UInt8]? {
        let digits = text.hasPrefix("0x") ? String(text.dropFirst(2)) : text
        guard digits.count == 64 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        var index = digits.startIndex
        while index < digits.endIndex {
            let next = digits.index(index, offsetBy: 2)
            guard let byte = UInt8(digits[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        return bytes
    }

    /// SHA-256 of `token` as lower-case hex (what goes into the configuration).
    public static func hash(of token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// A new random token: `pn_` + the role + 43 base64url characters (256 bits from the system CSPRNG).
    /// - Parameter role: The role it is for (part of the text only to help humans tell tokens apart).
    /// - Returns: The token text (show it once) and its SHA-256 hex (store that).
    public static func generate(role: AuthRole) -> (token: String, sha256: String) {
        // `random(in:)` draws from the system CSPRNG (no `inout` generator: see BN254's `SecureRandom`).
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max) }
        let text =
            Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        let token = "pn_\(role.rawValue)_\(text)"
        return (token, hash(of: token))
    }
}

/// Checks presented bearer tokens against the configured hashes in constant time per entry.
public struct TokenAuthenticator: Sendable {
    /// The accepted tokens.
    public let tokens: [AuthToken]

    /// An authenticator for `tokens`.
    public init(tokens: [AuthToken]) { self.tokens = tokens }

    /// The token matching `presented`, or nil.
    public func authenticate(_ presented: String) -> AuthToken? {
        let digest = Array(SHA256.hash(data: Data(presented.utf8)))
        var match: AuthToken?
        for token in tokens where Self.constantTimeEqual(token.sha256, digest) { match = token }
        return match
    }

    private static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
