import Commitment
import Foundation
import Testing

@testable import ProofnodeService

/// The operations files reference only metrics the code emits: every `proofnode_…` name in the alert
/// rules and in the Grafana dashboard's queries is a swift-metrics name from ``ServiceMetrics`` or
/// ``ProofMetrics`` (histogram series add `_bucket`, `_sum`, `_count`). `scripts/test.sh` also runs
/// `promtool check rules` and `promtool test rules` on the alerts.
@Suite("Operations files")
struct OperationsFilesTests {
    static let repository = ConfigurationTests.repository

    static var emitted: Set<String> {
        var names = Set(ServiceMetrics.Name.all)
        names.formUnion([
            ProofMetrics.Name.proofGenerationSeconds, ProofMetrics.Name.proofErrors, ProofMetrics.Name.cacheHits,
            ProofMetrics.Name.cacheMisses, ProofMetrics.Name.cacheEvictions, ProofMetrics.Name.verifications,
            ProofMetrics.Name.verificationSeconds, ProofMetrics.Name.keyLoadSeconds,
        ])
        return names
    }

    static func metricNames(in text: String) -> Set<String> {
        var names: Set<String> = []
        let pattern = /proofnode_[a-z0-9_]+/
        for match in text.matches(of: pattern) {
            var name = String(match.output)
            for suffix in ["_bucket", "_sum", "_count"] where name.hasSuffix(suffix) && !emitted.contains(name) {
                name = String(name.dropLast(suffix.count))
            }
            names.insert(name)
        }
        return names
    }

    @Test("every alert expression uses emitted metrics, and each required alert exists")
    func alerts() throws {
        let text = try String(
            contentsOf: Self.repository.appendingPathComponent("config/prometheus/alerts.yml"), encoding: .utf8)
        let expressions = text.split(separator: "\n").filter {
            $0.trimmingCharacters(in: .whitespaces).hasPrefix("expr:")
        }
        #expect(expressions.count >= 7)
        let used = Self.metricNames(in: expressions.joined(separator: "\n"))
        #expect(used.subtracting(Self.emitted).isEmpty, "unknown metrics: \(used.subtracting(Self.emitted))")
        for alert in [
            "ProofGenerationFailures", "SlowProofs", "VerificationFailures", "SettlementRefused", "SubmissionsStuck",
            "RPCErrors", "ProofCacheMissRate",
        ] {
            #expect(text.contains("alert: \(alert)"), "missing alert \(alert)")
        }
    }

    @Test("every dashboard query uses emitted metrics")
    func dashboard() throws {
        let data = try Data(contentsOf: Self.repository.appendingPathComponent("config/grafana/proofnode.json"))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let panels = try #require(root["panels"] as? [[String: Any]])
        let expressions = panels.flatMap {
            ($0["targets"] as? [[String: Any]] ?? []).compactMap { $0["expr"] as? String }
        }
        #expect(expressions.count >= 10)
        let used = Self.metricNames(in: expressions.joined(separator: "\n"))
        #expect(used.subtracting(Self.emitted).isEmpty, "unknown metrics: \(used.subtracting(Self.emitted))")
        #expect(used.count >= 10)
    }
}
