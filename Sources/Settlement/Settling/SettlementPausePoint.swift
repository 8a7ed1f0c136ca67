import Foundation

/// Test-only fault injection: when the environment variable `PROOFNODE_TEST_PAUSE_AT` names a point,
/// the settler prints `PROOFNODE_PAUSED <point>` on standard output and blocks there forever, so that a
/// test can kill the process (a real SIGKILL) at exactly that moment. Inert unless the variable is set.
public struct SettlementPausePoint: Sendable, Hashable, CustomStringConvertible {
    /// The point's name (the variable's value).
    public let name: String
    /// Creates a point.
    /// - Parameter name: Its name.
    public init(_ name: String) { self.name = name }
    /// The name.
    public var description: String { name }

    /// The environment variable.
    public static let environmentVariable = "PROOFNODE_TEST_PAUSE_AT"
    /// After the signed settlement transaction is stored, before it is broadcast.
    public static let afterPersist = SettlementPausePoint("settle-after-persist")
    /// After it was broadcast, before its receipt is read.
    public static let afterBroadcast = SettlementPausePoint("settle-after-broadcast")

    /// The point named by the environment, if any.
    /// - Parameter environment: The environment (default: the process's).
    /// - Returns: The point, or nil when unset or empty.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> SettlementPausePoint? {
        guard let name = environment[environmentVariable], !name.isEmpty else { return nil }
        return SettlementPausePoint(name)
    }

    /// Blocks forever when `configured` is this point (after printing the marker); returns otherwise.
    /// - Parameter configured: The configured point (nil: never pause).
    func pause(ifConfigured configured: SettlementPausePoint?) {
        guard configured == self else { return }
        FileHandle.standardOutput.write(Data("PROOFNODE_PAUSED \(name)\n".utf8))
        while true { Thread.sleep(forTimeInterval: 3600) }
    }
}
