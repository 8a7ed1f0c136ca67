import Commitment
import Foundation
import TestSupport
import Testing

@Suite("Proof cache: LRU, bounds, counts, metrics")
struct ProofCacheTests {
    /// A cheap envelope for cache tests (mock backend in dev mode).
    static func mockEnvelope(_ statement: CheckpointStatement) throws -> ProofEnvelope {
        var configuration = ProofFixture.shared.configuration
        configuration.backend = .mock
        configuration.devMode = true
        return try ProofGenerator(configuration: configuration, cache: .some(nil)).prove(statement)
    }

    @Test("least recently used entries are evicted first; counts are kept")
    func lruByEntries() throws {
        let cache = ProofCache(maximumEntries: 2, maximumBytes: 1 << 20)
        let statements = (1...3).map { ProofFixture.statement(index: UInt64($0)) }
        let envelopes = try statements.map(Self.mockEnvelope)
        cache.insert(envelopes[0], for: statements[0])
        cache.insert(envelopes[1], for: statements[1])
        #expect(cache.envelope(for: statements[0]) == envelopes[0])  // 0 is now most recent
        cache.insert(envelopes[2], for: statements[2])  // evicts 1
        #expect(cache.envelope(for: statements[1]) == nil)
        #expect(cache.envelope(for: statements[2]) == envelopes[2])
        #expect(cache.envelope(for: statements[0]) == envelopes[0])
        let stats = cache.statistics
        #expect(stats.hits == 3 && stats.misses == 1 && stats.evictions == 1 && stats.entries == 2)
    }

    @Test("the byte bound is respected")
    func byteBound() throws {
        let statements = (1...4).map { ProofFixture.statement(index: UInt64($0)) }
        let envelopes = try statements.map(Self.mockEnvelope)
        let size = envelopes[0].binary.count
        let cache = ProofCache(maximumEntries: 100, maximumBytes: 2 * size + size / 2)
        for (statement, envelope) in zip(statements, envelopes) { cache.insert(envelope, for: statement) }
        let stats = cache.statistics
        #expect(stats.entries == 2 && stats.bytes <= 2 * size + size / 2 && stats.evictions == 2)
        #expect(cache.envelope(for: statements[3]) != nil && cache.envelope(for: statements[0]) == nil)
    }

    @Test("the same statement returns the cached proof without proving again; a new salt is a new statement")
    func generatorUsesCache() throws {
        let factory = TestMetricsFactory()
        let generator = try ProofFixture.shared.generator(metrics: ProofMetrics(factory: factory))
        let statement = ProofFixture.statement()
        let first = try generator.prove(statement)
        let second = try generator.prove(statement)
        #expect(first == second)
        let fresh = ProofFixture.statement()  // new salt
        let third = try generator.prove(fresh)
        #expect(third.proofData != first.proofData)
        #expect(factory.counter(ProofMetrics.Name.cacheHits) == 1)
        #expect(factory.counter(ProofMetrics.Name.cacheMisses) == 2)
        #expect(
            factory.timerValues(ProofMetrics.Name.proofGenerationSeconds, [("backend", "groth16")]).count == 2)
        let stats = try #require(generator.cache?.statistics)
        #expect(stats.hits == 1 && stats.misses == 2 && stats.entries == 2)
    }

    @Test("concurrent inserts and lookups keep the cache consistent")
    func concurrent() async throws {
        let cache = ProofCache(maximumEntries: 8, maximumBytes: 1 << 20)
        let statements = (1...16).map { ProofFixture.statement(index: UInt64($0)) }
        let envelopes = try statements.map(Self.mockEnvelope)
        await withTaskGroup(of: Void.self) { group in
            for worker in 0..<8 {
                group.addTask {
                    for round in 0..<500 {
                        let index = (worker * 7 + round) % statements.count
                        if let found = cache.envelope(for: statements[index]) {
                            precondition(found == envelopes[index])
                        } else {
                            cache.insert(envelopes[index], for: statements[index])
                        }
                    }
                }
            }
        }
        let stats = cache.statistics
        #expect(stats.hits + stats.misses == 4000)
        #expect(stats.entries <= 8)
    }
}
