import ArgumentParser
import AuditStore
import Foundation

/// The `--store PATH` option every `audit` subcommand takes, and how it opens the store.
struct AuditStoreOptions: ParsableArguments {
    @Option(name: .long, help: "The audit store (SQLite file).")
    var store: String = "./data/proofnode.sqlite"

    /// Opens the existing store; a missing file is an error (auditing never creates an empty store).
    func open() throws -> AuditStore {
        guard FileManager.default.fileExists(atPath: store) else {
            throw ValidationError(
                "no audit store at \(store); pass --store PATH (the file `proofnode serve` writes, by default "
                    + "./data/proofnode.sqlite)")
        }
        return try AuditStore(path: store)
    }
}

/// Output formats of the listing and show commands.
enum AuditOutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table
    case json
}

/// Parsing and printing helpers shared by the audit commands.
enum AuditFormatting {
    /// Parses `2026-11-26`, `2026-11-26T04:00:00Z` (optionally with fractional seconds or an offset) or
    /// Unix seconds.
    static func parseTime(_ text: String, option: String) throws -> Date {
        if let seconds = Double(text), text.allSatisfy({ $0.isNumber || $0 == "." }) {
            return Date(timeIntervalSince1970: seconds)
        }
        let strategies: [Date.ISO8601FormatStyle] = [
            .iso8601,
            Date.ISO8601FormatStyle(includingFractionalSeconds: true),
            Date.ISO8601FormatStyle().year().month().day(),
        ]
        for strategy in strategies {
            do {
                return try strategy.parse(text)
            } catch {
                continue  // try the next accepted spelling; all failing is reported below
            }
        }
        throw ValidationError(
            "\(option) '\(text)' is not a time; use 2026-11-26, 2026-11-26T04:00:00Z or Unix seconds")
    }

    /// Prints rows as aligned columns under a header.
    static func table(_ header: [String], _ rows: [[String]]) -> String {
        var widths = header.map(\.count)
        for row in rows {
            for (column, cell) in row.enumerated() where column < widths.count {
                widths[column] = max(widths[column], cell.count)
            }
        }
        func line(_ cells: [String]) -> String {
            var text = cells.enumerated().map { column, cell in
                column == cells.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }
        return ([line(header)] + rows.map(line)).joined(separator: "\n")
    }

    /// Encodes a value as the store's JSON (sorted keys, hex bytes, ISO times) and returns the text.
    static func json<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try AuditStore.jsonEncoder().encode(value), as: UTF8.self)
    }
}
