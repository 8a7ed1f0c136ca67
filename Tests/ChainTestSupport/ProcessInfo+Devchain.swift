import Foundation

extension ProcessInfo {
    /// The devchain info file named by `DEVCHAIN_INFO`, if any.
    package static var devchainInfo: String? { processInfo.environment["DEVCHAIN_INFO"] }
}
