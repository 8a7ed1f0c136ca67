/// Conversion of many Jacobian points to affine form at the cost of one field inversion.
extension JacobianPoint {
    /// The affine forms of `points`, computed with one inversion (Montgomery's trick) and three
    /// multiplications per point; points at infinity stay at infinity.
    @inlinable
    public static func batchNormalise(_ points: [Self]) -> [Affine] {
        var zs = points.map(\.z)
        Field.batchInvertInPlace(&zs)
        var result = [Affine]()
        result.reserveCapacity(points.count)
        for index in points.indices {
            let point = points[index]
            if point.isInfinity {
                result.append(.infinity)
            } else {
                let zInverse = zs[index]
                let zInverse2 = zInverse.squared()
                result.append(Affine(x: point.x * zInverse2, y: point.y * zInverse2 * zInverse))
            }
        }
        return result
    }
}
