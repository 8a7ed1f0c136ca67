import BN254
import Foundation

/// The raw bytes of one counted vector of points in a key file, decoded (and validated) separately so
/// that a proving key's five vectors decode on all cores at once.
struct PointSection: Sendable {
    /// The vector's name in error messages ("A query").
    let element: String
    /// The file's description in error messages ("proving key").
    let what: String
    /// count × width bytes.
    let bytes: ArraySlice<UInt8>
    /// 64 (G1) or 128 (G2).
    let width: Int

    var count: Int { bytes.count / width }

    private func slice(_ index: Int) -> ArraySlice<UInt8> {
        let start = bytes.startIndex + index * width
        return bytes[start..<(start + width)]
    }

    /// The points, each canonical and on G1.
    func decodeG1() throws(Groth16Error) -> [G1Affine] {
        var points = [G1Affine]()
        points.reserveCapacity(count)
        for index in 0..<count {
            points.append(try KeyFileReader.decodeG1(slice(index), "\(element)[\(index)]", what: what))
        }
        return points
    }

    /// The points, each canonical and on the twist (subgroup membership not checked; see
    /// ``G2Affine/init(uncompressedBytes:checkingSubgroup:)``).
    func decodeG2OnTwist() throws(Groth16Error) -> [G2Affine] {
        var points = [G2Affine]()
        points.reserveCapacity(count)
        for index in 0..<count {
            points.append(
                try KeyFileReader.decodeG2(slice(index), "\(element)[\(index)]", what: what, checkSubgroup: false))
        }
        return points
    }
}

/// Decodes several sections concurrently; the first error (in section order) is thrown.
enum ParallelPointDecoding {
    /// One decoded section.
    enum Decoded: Sendable {
        case g1([G1Affine])
        case g2([G2Affine])
    }

    /// Decodes `sections` (G2 where `isG2` says so) on all cores.
    static func decode(_ sections: [(PointSection, isG2: Bool)]) throws(Groth16Error) -> [Decoded] {
        let results = DecodingResults(count: sections.count)
        let jobs = sections.map { (section, isG2) in (section, isG2) }
        DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
            let (section, isG2) = jobs[index]
            do throws(Groth16Error) {
                results.store(index, .success(isG2 ? .g2(try section.decodeG2OnTwist()) : .g1(try section.decodeG1())))
            } catch {
                results.store(index, .failure(error))
            }
        }
        return try results.values()
    }
}

/// Results written once per index by concurrent decoders and read after they all finish.
private final class DecodingResults: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [Result<ParallelPointDecoding.Decoded, Groth16Error>?]

    init(count: Int) { stored = Array(repeating: nil, count: count) }

    func store(_ index: Int, _ result: Result<ParallelPointDecoding.Decoded, Groth16Error>) {
        lock.withLock { stored[index] = result }
    }

    func values() throws(Groth16Error) -> [ParallelPointDecoding.Decoded] {
        var out: [ParallelPointDecoding.Decoded] = []
        for result in lock.withLock({ stored }) {
            switch result {
            case .success(let value): out.append(value)
            case .failure(let error): throw error
            case nil: throw Groth16Error(.malformedKey, "internal: a key section was not decoded")
            }
        }
        return out
    }
}
