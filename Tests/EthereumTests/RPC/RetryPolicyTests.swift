import Ethereum
import Testing

@Suite("Retry policy")
struct RetryPolicyTests {
    let policy = RetryPolicy(
        maximumAttempts: 6, initialDelay: .milliseconds(100), maximumDelay: .seconds(1), multiplier: 2, jitter: 0.5)

    @Test("without jitter the delay doubles from the initial delay up to the cap")
    func exponential() {
        let delays = (1...6).map { policy.delay(beforeRetry: $0, random: 0) }
        #expect(
            delays == [
                .milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(800), .seconds(1),
                .seconds(1),
            ])
    }

    @Test("jitter removes at most the configured fraction of the delay")
    func jitterBounds() {
        for retry in 1...6 {
            let full = policy.delay(beforeRetry: retry, random: 0)
            for random in stride(from: 0.0, to: 1.0, by: 0.05) {
                let delay = policy.delay(beforeRetry: retry, random: random)
                #expect(delay <= full)
                #expect(delay >= full / 2)
            }
        }
    }

    @Test("a Retry-After within the cap replaces the computed delay; a longer one is ignored")
    func retryAfter() {
        #expect(policy.delay(beforeRetry: 1, random: 0, retryAfterSeconds: 0.5) == .milliseconds(500))
        #expect(policy.delay(beforeRetry: 1, random: 0, retryAfterSeconds: 60) == .milliseconds(100))
    }

    @Test("out-of-range settings are clamped")
    func clamping() {
        let odd = RetryPolicy(
            maximumAttempts: 0, initialDelay: .seconds(-1), maximumDelay: .zero, multiplier: 0.1, jitter: 7)
        #expect(odd.maximumAttempts == 1)
        #expect(odd.multiplier == 1)
        #expect(odd.jitter == 1)
        #expect(odd.initialDelay == .zero)
    }
}
