/// A node URL as it may appear in messages: scheme, host and port only. Provider URLs carry API keys
/// in their path, query or user info (`https://mainnet.infura.io/v3/KEY`), which must not reach logs.
enum RedactedURL {
    /// `scheme://host:port` followed by `/…` when anything was removed.
    static func display(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return "(an RPC URL)" }
        let scheme = url[..<schemeEnd.lowerBound]
        var rest = url[schemeEnd.upperBound...]
        if let at = rest.firstIndex(of: "@"), !rest[..<at].contains("/") { rest = rest[rest.index(after: at)...] }
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        let removed = authorityEnd != rest.endIndex && rest[authorityEnd...] != "/"
        return "\(scheme)://\(authority)" + (removed ? "/…" : "")
    }
}
