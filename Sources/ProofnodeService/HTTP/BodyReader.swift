import Foundation
import HTTPTypes
import Hummingbird

/// Reads request bodies within the configured size limit and validates JSON objects field by field,
/// collecting every problem before answering 422.
struct BodyReader {
    /// Collects the body, refusing more than `limit` bytes with 413 (also up front from `Content-Length`).
    static func collect(_ request: Request, limit: Int) async throws -> [UInt8] {
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit {
            throw tooLarge(limit)
        }
        do {
            let buffer = try await request.body.collect(upTo: limit)
            return Array(buffer.readableBytesView)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw tooLarge(limit)
        }
    }

    static func tooLarge(_ limit: Int) -> APIError {
        APIError(
            .contentTooLarge, code: "bodyTooLarge",
            "the request body exceeds \(limit) bytes (server.max_body_bytes); send smaller segments")
    }

    /// Parses `bytes` as a JSON object.
    static func object(_ bytes: [UInt8]) throws(APIError) -> [String: JSONTree] {
        guard !bytes.isEmpty else {
            throw APIError(.badRequest, code: "invalidJSON", "the request body is empty; send a JSON object")
        }
        let tree: JSONTree
        do {
            tree = try JSONDecoder().decode(JSONTree.self, from: Data(bytes))
        } catch {
            throw APIError(.badRequest, code: "invalidJSON", "the request body is not valid JSON")
        }
        guard case .object(let object) = tree else {
            throw APIError(.badRequest, code: "invalidJSON", "the request body must be a JSON object")
        }
        return object
    }
}

/// Validates the fields of one JSON object, recording a ``FieldProblem`` per invalid field.
struct FieldReader {
    let object: [String: JSONTree]
    private(set) var problems: [FieldProblem] = []

    init(_ object: [String: JSONTree]) { self.object = object }

    mutating func problem(_ field: String, _ text: String) {
        problems.append(FieldProblem(field: field, problem: text))
    }

    /// Rejects keys outside `allowed` (a typo should not be silently ignored).
    mutating func rejectUnknown(allowed: Set<String>) {
        for key in object.keys.sorted() where !allowed.contains(key) {
            problem(key, "unknown field (allowed: \(allowed.sorted().joined(separator: ", ")))")
        }
    }

    /// An unsigned integer given as a JSON number or a decimal string (job ids exceed 2^53).
    mutating func uint64(_ name: String, required: Bool, range: ClosedRange<UInt64> = 0...UInt64.max) -> UInt64? {
        guard let value = object[name] else {
            if required { problem(name, "required: a whole number") }
            return nil
        }
        let parsed: UInt64?
        switch value {
        case .integer(let number): parsed = number >= 0 ? UInt64(number) : nil
        case .string(let text): parsed = text.allSatisfy(\.isASCII) ? UInt64(text) : nil
        case .null: return nil
        default: parsed = nil
        }
        guard let parsed, range.contains(parsed) else {
            problem(
                name, "must be a whole number in \(range.lowerBound)…\(range.upperBound) (a number or a decimal string)"
            )
            return nil
        }
        return parsed
    }

    /// A string of at most `maxBytes` UTF-8 bytes.
    mutating func string(_ name: String, required: Bool, maxBytes: Int, allowEmpty: Bool = true) -> String? {
        guard let value = object[name] else {
            if required { problem(name, "required: a string") }
            return nil
        }
        guard case .string(let text) = value else {
            problem(name, "must be a string, not \(value.typeName)")
            return nil
        }
        if text.utf8.count > maxBytes { problem(name, "must be at most \(maxBytes) bytes") }
        if !allowEmpty && text.isEmpty { problem(name, "must not be empty") }
        return text
    }

    /// Throws 422 with every problem when there is one.
    func finish() throws(APIError) {
        if !problems.isEmpty { throw APIError.invalidFields(problems) }
    }
}
