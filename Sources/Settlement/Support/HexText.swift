/// Lower-case `0x` hex for reports and log lines (the Ethereum and AuditStore modules each have their
/// own `Hex`; this keeps the Settlement module's uses unambiguous).
enum HexText {
    private static let digits = Array("0123456789abcdef".utf8)

    /// `0x` followed by two lower-case hex digits per byte.
    static func encode(_ bytes: some Sequence<UInt8>) -> String {
        var output: [UInt8] = [0x30, 0x78]
        for byte in bytes {
            output.append(digits[Int(byte >> 4)])
            output.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: output, as: UTF8.self)
    }
}
