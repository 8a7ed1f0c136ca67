import Foundation
import Metrics

/// A small in-memory metrics backend for tests: records every counter increment and timer value by
/// label and dimensions. Injected through ``ProofMetrics/init(factory:)``, never bootstrapped.
package final class TestMetricsFactory: MetricsFactory, @unchecked Sendable {
    private let lock = NSLock()
    private var counters: [String: Int64] = [:]
    private var timers: [String: [Int64]] = [:]

    /// An empty backend.
    package init() {}

    package static func key(_ label: String, _ dimensions: [(String, String)]) -> String {
        ([label] + dimensions.map { "\($0.0)=\($0.1)" }).joined(separator: ",")
    }

    package func counter(_ label: String, _ dimensions: [(String, String)] = []) -> Int64 {
        lock.lock()
        defer { lock.unlock() }
        return counters[Self.key(label, dimensions)] ?? 0
    }

    package func timerValues(_ label: String, _ dimensions: [(String, String)] = []) -> [Int64] {
        lock.lock()
        defer { lock.unlock() }
        return timers[Self.key(label, dimensions)] ?? []
    }

    fileprivate func add(_ key: String, _ amount: Int64) {
        lock.lock()
        counters[key, default: 0] += amount
        lock.unlock()
    }

    fileprivate func record(_ key: String, _ value: Int64) {
        lock.lock()
        timers[key, default: []].append(value)
        lock.unlock()
    }

    package func makeCounter(label: String, dimensions: [(String, String)]) -> any CounterHandler {
        TestCounter(factory: self, key: Self.key(label, dimensions))
    }
    package func makeFloatingPointCounter(
        label: String, dimensions: [(String, String)]
    ) -> any FloatingPointCounterHandler {
        TestFloatingCounter()
    }
    package func makeMeter(label: String, dimensions: [(String, String)]) -> any MeterHandler { TestMeter() }
    package func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> any RecorderHandler {
        TestRecorder(factory: self, key: Self.key(label, dimensions))
    }
    package func makeTimer(label: String, dimensions: [(String, String)]) -> any TimerHandler {
        TestTimer(factory: self, key: Self.key(label, dimensions))
    }
    package func destroyCounter(_ handler: any CounterHandler) {}
    package func destroyMeter(_ handler: any MeterHandler) {}
    package func destroyFloatingPointCounter(_ handler: any FloatingPointCounterHandler) {}
    package func destroyRecorder(_ handler: any RecorderHandler) {}
    package func destroyTimer(_ handler: any TimerHandler) {}
}

private final class TestCounter: CounterHandler, Sendable {
    let factory: TestMetricsFactory
    let key: String
    init(factory: TestMetricsFactory, key: String) {
        self.factory = factory
        self.key = key
    }
    func increment(by amount: Int64) { factory.add(key, amount) }
    func reset() {}
}

private final class TestTimer: TimerHandler, Sendable {
    let factory: TestMetricsFactory
    let key: String
    init(factory: TestMetricsFactory, key: String) {
        self.factory = factory
        self.key = key
    }
    func recordNanoseconds(_ duration: Int64) { factory.record(key, duration) }
}

private final class TestRecorder: RecorderHandler, Sendable {
    let factory: TestMetricsFactory
    let key: String
    init(factory: TestMetricsFactory, key: String) {
        self.factory = factory
        self.key = key
    }
    func record(_ value: Int64) { factory.record(key, value) }
    func record(_ value: Double) { factory.record(key, Int64(value)) }
}

private final class TestFloatingCounter: FloatingPointCounterHandler, Sendable {
    func increment(by amount: Double) {}
    func reset() {}
}

private final class TestMeter: MeterHandler, Sendable {
    func set(_ value: Int64) {}
    func set(_ value: Double) {}
    func increment(by amount: Double) {}
    func decrement(by amount: Double) {}
}
