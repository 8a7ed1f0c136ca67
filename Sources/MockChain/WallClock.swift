import Foundation

/// The wall clock in whole seconds since 1970, the MockChain's default time source.
public enum WallClock {
    /// Seconds since 1970, rounded down.
    public static func now() -> UInt64 { UInt64(max(0, Date().timeIntervalSince1970)) }
}
