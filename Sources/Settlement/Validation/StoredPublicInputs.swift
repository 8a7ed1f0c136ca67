import BN254
import Foundation

/// Reading the proof record's public-inputs JSON and salt, in the forms writers use.
enum StoredPublicInputs {
    /// The public inputs as decimal strings: a JSON array of strings (or of integers), or an object with a
    /// `public_inputs` array. Nil for any other shape (then only the envelope's inputs are checked).
    static func decimalStrings(_ json: String) -> [String]? {
        let value: Any
        do {
            value = try JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed])
        } catch {
            return nil
        }
        let array = (value as? [Any]) ?? ((value as? [String: Any])?["public_inputs"] as? [Any])
        guard let array else { return nil }
        var strings: [String] = []
        for element in array {
            if let text = element as? String {
                strings.append(text)
            } else if let number = element as? NSNumber {
                strings.append(number.stringValue)
            } else {
                return nil
            }
        }
        return strings
    }

    /// The salt: 32 big-endian bytes of a canonical field element, or its decimal text.
    static func salt(_ bytes: Data) -> Fr? {
        do {
            if bytes.count == 32 { return try Fr(canonical: try UInt256(bigEndianBytes: bytes)) }
            return try Fr(canonical: try UInt256(decimal: String(decoding: bytes, as: UTF8.self)))
        } catch {
            return nil
        }
    }
}
