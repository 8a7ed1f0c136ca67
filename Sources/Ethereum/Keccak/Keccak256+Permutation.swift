/// The Keccak-f[1600] permutation, fully unrolled within a round over 25 local lanes (generated code:
/// the lane names are `a<x + 5y>`; rotation offsets and round constants are those of the Keccak reference).
extension Keccak256 {
    static let roundConstants: [UInt64] = [
        0x0000000000000001, 0x0000000000008082, 0x800000000000808A,
        0x8000000080008000, 0x000000000000808B, 0x0000000080000001,
        0x8000000080008081, 0x8000000000008009, 0x000000000000008A,
        0x0000000000000088, 0x0000000080008009, 0x000000008000000A,
        0x000000008000808B, 0x800000000000008B, 0x8000000000008089,
        0x8000000000008003, 0x8000000000008002, 0x8000000000000080,
        0x000000000000800A, 0x800000008000000A, 0x8000000080008081,
        0x8000000000008080, 0x0000000080000001, 0x8000000080008008,
    ]

    /// Applies the 24-round permutation to the 25 lanes at `state`.
    @inline(__always)
    static func permute(_ state: UnsafeMutablePointer<UInt64>) {
        var a0 = state[0]
        var a1 = state[1]
        var a2 = state[2]
        var a3 = state[3]
        var a4 = state[4]
        var a5 = state[5]
        var a6 = state[6]
        var a7 = state[7]
        var a8 = state[8]
        var a9 = state[9]
        var a10 = state[10]
        var a11 = state[11]
        var a12 = state[12]
        var a13 = state[13]
        var a14 = state[14]
        var a15 = state[15]
        var a16 = state[16]
        var a17 = state[17]
        var a18 = state[18]
        var a19 = state[19]
        var a20 = state[20]
        var a21 = state[21]
        var a22 = state[22]
        var a23 = state[23]
        var a24 = state[24]
        for round in 0..<24 {
            let c0 = a0 ^ a5 ^ a10 ^ a15 ^ a20
            let c1 = a1 ^ a6 ^ a11 ^ a16 ^ a21
            let c2 = a2 ^ a7 ^ a12 ^ a17 ^ a22
            let c3 = a3 ^ a8 ^ a13 ^ a18 ^ a23
            let c4 = a4 ^ a9 ^ a14 ^ a19 ^ a24
            let d0 = c4 ^ c1.rotatedLeft(by: 1)
            let d1 = c0 ^ c2.rotatedLeft(by: 1)
            let d2 = c1 ^ c3.rotatedLeft(by: 1)
            let d3 = c2 ^ c4.rotatedLeft(by: 1)
            let d4 = c3 ^ c0.rotatedLeft(by: 1)
            let b0 = a0 ^ d0
            let b16 = (a5 ^ d0).rotatedLeft(by: 36)
            let b7 = (a10 ^ d0).rotatedLeft(by: 3)
            let b23 = (a15 ^ d0).rotatedLeft(by: 41)
            let b14 = (a20 ^ d0).rotatedLeft(by: 18)
            let b10 = (a1 ^ d1).rotatedLeft(by: 1)
            let b1 = (a6 ^ d1).rotatedLeft(by: 44)
            let b17 = (a11 ^ d1).rotatedLeft(by: 10)
            let b8 = (a16 ^ d1).rotatedLeft(by: 45)
            let b24 = (a21 ^ d1).rotatedLeft(by: 2)
            let b20 = (a2 ^ d2).rotatedLeft(by: 62)
            let b11 = (a7 ^ d2).rotatedLeft(by: 6)
            let b2 = (a12 ^ d2).rotatedLeft(by: 43)
            let b18 = (a17 ^ d2).rotatedLeft(by: 15)
            let b9 = (a22 ^ d2).rotatedLeft(by: 61)
            let b5 = (a3 ^ d3).rotatedLeft(by: 28)
            let b21 = (a8 ^ d3).rotatedLeft(by: 55)
            let b12 = (a13 ^ d3).rotatedLeft(by: 25)
            let b3 = (a18 ^ d3).rotatedLeft(by: 21)
            let b19 = (a23 ^ d3).rotatedLeft(by: 56)
            let b15 = (a4 ^ d4).rotatedLeft(by: 27)
            let b6 = (a9 ^ d4).rotatedLeft(by: 20)
            let b22 = (a14 ^ d4).rotatedLeft(by: 39)
            let b13 = (a19 ^ d4).rotatedLeft(by: 8)
            let b4 = (a24 ^ d4).rotatedLeft(by: 14)
            a0 = b0 ^ (~b1 & b2)
            a1 = b1 ^ (~b2 & b3)
            a2 = b2 ^ (~b3 & b4)
            a3 = b3 ^ (~b4 & b0)
            a4 = b4 ^ (~b0 & b1)
            a5 = b5 ^ (~b6 & b7)
            a6 = b6 ^ (~b7 & b8)
            a7 = b7 ^ (~b8 & b9)
            a8 = b8 ^ (~b9 & b5)
            a9 = b9 ^ (~b5 & b6)
            a10 = b10 ^ (~b11 & b12)
            a11 = b11 ^ (~b12 & b13)
            a12 = b12 ^ (~b13 & b14)
            a13 = b13 ^ (~b14 & b10)
            a14 = b14 ^ (~b10 & b11)
            a15 = b15 ^ (~b16 & b17)
            a16 = b16 ^ (~b17 & b18)
            a17 = b17 ^ (~b18 & b19)
            a18 = b18 ^ (~b19 & b15)
            a19 = b19 ^ (~b15 & b16)
            a20 = b20 ^ (~b21 & b22)
            a21 = b21 ^ (~b22 & b23)
            a22 = b22 ^ (~b23 & b24)
            a23 = b23 ^ (~b24 & b20)
            a24 = b24 ^ (~b20 & b21)
            a0 ^= roundConstants[round]
        }
        state[0] = a0
        state[1] = a1
        state[2] = a2
        state[3] = a3
        state[4] = a4
        state[5] = a5
        state[6] = a6
        state[7] = a7
        state[8] = a8
        state[9] = a9
        state[10] = a10
        state[11] = a11
        state[12] = a12
        state[13] = a13
        state[14] = a14
        state[15] = a15
        state[16] = a16
        state[17] = a17
        state[18] = a18
        state[19] = a19
        state[20] = a20
        state[21] = a21
        state[22] = a22
        state[23] = a23
        state[24] = a24
    }
}

extension UInt64 {
    /// Rotation to the left by a constant (compiles to one `rol`).
    @inline(__always)
    fileprivate func rotatedLeft(by count: UInt64) -> UInt64 {
        (self &<< count) | (self &>> (64 &- count))
    }
}
