import ArgumentParser
import ProofnodeService

/// `proofnode token new --role auditor|host`: a new bearer token, printed once, and the hash to configure.
struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Bearer tokens for the HTTP API.",
        subcommands: [TokenNewCommand.self]
    )
}

/// `proofnode token new`.
struct TokenNewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract:
            "Make a token: prints the token once (give it to the client) and its SHA-256 (put that in auth.tokens).",
        discussion: "proofnode stores only the hash; a lost token cannot be recovered, only replaced."
    )

    @Option(name: .long, help: "host (write: sessions, tokens, complete) or auditor (read, openings, verify).")
    var role: AuthRole

    @Option(name: .long, help: "A name for logs (which client made a request).")
    var name: String?

    func run() throws {
        let (token, hash) = AuthToken.generate(role: role)
        let label = name ?? "\(role.rawValue)-1"
        print("token:  \(token)")
        print("sha256: \(hash)")
        print("")
        print("Give the token to the client (Authorization: Bearer <token>); it is shown only now.")
        print("Add to the configuration's auth.tokens:")
        print("  {\"name\": \"\(label)\", \"role\": \"\(role.rawValue)\", \"sha256\": \"\(hash)\"}")
        print("or to the environment: PROOFNODE_AUTH_TOKENS=\(label):\(role.rawValue):\(hash)[,…]")
    }
}

extension AuthRole: ExpressibleByArgument {}
