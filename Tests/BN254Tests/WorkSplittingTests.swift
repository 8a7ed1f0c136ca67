import BN254
import Testing

/// ``WorkSplitting/serially(_:)``: the split computations give the same results when their parts run one
/// after another on the calling thread (MSM against the naive sum, FFT against naive evaluation).
@Suite("Work splitting")
struct WorkSplittingTests {
    typealias Generator = CurveTestSupport.Generator

    @Test("inside serially: one part per computation, restored afterwards, nested calls keep it")
    func scope() {
        let outside = WorkSplitting.partCount
        #expect(outside >= 1)
        #expect(!WorkSplitting.isSerial)
        let inside = WorkSplitting.serially { () -> [Int] in
            let nested = WorkSplitting.serially { WorkSplitting.partCount }
            return [WorkSplitting.partCount, nested, WorkSplitting.isSerial ? 1 : 0]
        }
        #expect(inside == [1, 1, 1])
        #expect(WorkSplitting.partCount == outside)
        #expect(!WorkSplitting.isSerial)
    }

    @Test("errors thrown inside serially come out typed")
    func typedError() {
        #expect(throws: BN254Error.self) {
            try WorkSplitting.serially { () throws(BN254Error) -> Int in
                throw BN254Error(.sizeMismatch, "test")
            }
        }
    }

    @Test("a serial G1 MSM (4096 points, large windows) equals the naive sum")
    func serialMSM() throws {
        var generator = Generator(state: 61)
        let bases = MultiScalarMultiplicationTests.bases(G1Affine.self, count: 4096, using: &generator)
        let scalars = MultiScalarMultiplicationTests.scalars(count: 4096, using: &generator)
        let serial = try WorkSplitting.serially { () throws(BN254Error) -> JacobianPoint<G1Affine> in
            try JacobianPoint<G1Affine>.multiScalarMultiplication(bases: bases, scalars: scalars)
        }
        #expect(serial == MultiScalarMultiplicationTests.naive(bases, scalars))
    }

    @Test("a serial FFT at a parallel size (8192) equals naive evaluation and round-trips")
    func serialFFT() throws {
        var generator = Generator(state: 62)
        let size = 8192
        let domain = try EvaluationDomain(size: size)
        let coefficients = (0..<size).map { _ in Fr.random(using: &generator) }
        var values = coefficients
        try WorkSplitting.serially { () throws(BN254Error) in try domain.fft(&values) }
        for spot in [0, 1, size / 3, size - 1] {
            #expect(values[spot] == EvaluationDomainTests.evaluate(coefficients, at: domain.element(spot)))
        }
        try WorkSplitting.serially { () throws(BN254Error) in try domain.inverseFFT(&values) }
        #expect(values == coefficients)
    }
}
