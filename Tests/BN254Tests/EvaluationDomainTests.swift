import BN254
import Testing

/// Radix-2 FFTs over Fr against naive polynomial evaluation.
@Suite("FFT over Fr")
struct EvaluationDomainTests {
    typealias Generator = CurveTestSupport.Generator

    static func evaluate(_ coefficients: [Fr], at point: Fr) -> Fr {
        coefficients.reversed().reduce(Fr.zero) { $0 * point + $1 }
    }

    @Test("Roots of unity: ω^(n/2) = −1 and ω^n = 1, up to the 2^28-th root")
    func rootsOfUnity() throws {
        for logSize in [1, 5, 12, 27, 28] {
            let omega = try EvaluationDomain.rootOfUnity(logSize: logSize)
            let halfOrder = UInt256(UInt64(1) << UInt64(logSize - 1))
            #expect(omega.pow(halfOrder) == -Fr.one, "k = \(logSize)")
        }
        #expect(throws: BN254Error.self) { try EvaluationDomain.rootOfUnity(logSize: 29) }
        #expect(throws: BN254Error.self) { try EvaluationDomain(size: 12) }
        #expect(throws: BN254Error.self) { try EvaluationDomain(size: 0) }
        #expect(try EvaluationDomain(minimumSize: 1500).size == 2048)
        let domain = try EvaluationDomain(size: 64)
        #expect(domain.generator.pow(UInt256(64)) == .one)
        #expect(domain.element(3) == domain.generator * domain.generator * domain.generator)
        #expect(domain.element(-1) == domain.generatorInverse && domain.element(67) == domain.element(3))
        #expect(domain.sizeInverse * Fr(64) == .one)
    }

    @Test("FFT equals naive evaluation at ω^i; coset FFT equals evaluation at g·ω^i")
    func againstNaive() throws {
        var generator = Generator(state: 51)
        for size in [1, 2, 4, 8, 16, 64, 256] {
            let domain = try EvaluationDomain(size: size)
            let coefficients = (0..<size).map { _ in Fr.random(using: &generator) }
            var evaluations = coefficients
            try domain.fft(&evaluations)
            var cosetEvaluations = coefficients
            try domain.cosetFFT(&cosetEvaluations)
            var point = Fr.one
            for index in 0..<size {
                #expect(evaluations[index] == Self.evaluate(coefficients, at: point), "n = \(size), i = \(index)")
                #expect(cosetEvaluations[index] == Self.evaluate(coefficients, at: Fr(5) * point))
                point *= domain.generator
            }
        }
    }

    @Test("Inverse FFTs undo FFTs (plain and coset), including the parallel sizes; short inputs are padded")
    func roundTrips() throws {
        var generator = Generator(state: 52)
        for size in [1, 2, 32, 1024, 2048, 8192] {
            let domain = try EvaluationDomain(size: size)
            let coefficients = (0..<size).map { _ in Fr.random(using: &generator) }
            var values = coefficients
            try domain.fft(&values)
            try domain.inverseFFT(&values)
            #expect(values == coefficients, "n = \(size)")
            values = coefficients
            try domain.cosetFFT(&values)
            let spot = size / 3
            let point = Fr(5) * domain.element(spot)
            #expect(values[spot] == Self.evaluate(coefficients, at: point), "n = \(size)")
            try domain.cosetInverseFFT(&values)
            #expect(values == coefficients, "n = \(size)")
        }
        let domain = try EvaluationDomain(size: 8)
        var short = [Fr(1), Fr(2), Fr(3)]
        try domain.fft(&short)
        #expect(short.count == 8 && short[0] == Fr(6))
        var tooLong = [Fr](repeating: .one, count: 9)
        #expect(throws: BN254Error.self) { try domain.fft(&tooLong) }
        var wrong = [Fr](repeating: .one, count: 4)
        #expect(throws: BN254Error.self) { try domain.inverseFFT(&wrong) }
    }

    @Test("The vanishing polynomial is zero on the domain and gⁿ − 1 on the coset")
    func vanishing() throws {
        let domain = try EvaluationDomain(size: 16)
        #expect(domain.vanishingPolynomial(at: domain.element(5)).isZero)
        #expect(domain.vanishingPolynomial(at: Fr(5) * domain.element(5)) == Fr(5).pow(UInt256(16)) - .one)
    }
}
