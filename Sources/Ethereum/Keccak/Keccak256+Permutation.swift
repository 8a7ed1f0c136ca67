/// The Keccak-f[1600] permutation (generated code). Two rounds per loop iteration, reading one set
/// of 25 lanes and writing the other plane by plane, so only five θ-ρ-π results are live at a
/// time. Lanes are named `<set><x + 5y>`; offsets and constants are the Keccak reference's.
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
        var e0: UInt64 = 0
        var e1: UInt64 = 0
        var e2: UInt64 = 0
        var e3: UInt64 = 0
        var e4: UInt64 = 0
        var e5: UInt64 = 0
        var e6: UInt64 = 0
        var e7: UInt64 = 0
        var e8: UInt64 = 0
        var e9: UInt64 = 0
        var e10: UInt64 = 0
        var e11: UInt64 = 0
        var e12: UInt64 = 0
        var e13: UInt64 = 0
        var e14: UInt64 = 0
        var e15: UInt64 = 0
        var e16: UInt64 = 0
        var e17: UInt64 = 0
        var e18: UInt64 = 0
        var e19: UInt64 = 0
        var e20: UInt64 = 0
        var e21: UInt64 = 0
        var e22: UInt64 = 0
        var e23: UInt64 = 0
        var e24: UInt64 = 0
        roundConstants.withUnsafeBufferPointer { constants in
            var round = 0
            while round < 24 {
                do {
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
                    do {
                        let b0 = a0 ^ d0
                        let b1 = (a6 ^ d1).rotatedLeft(by: 44)
                        let b2 = (a12 ^ d2).rotatedLeft(by: 43)
                        let b3 = (a18 ^ d3).rotatedLeft(by: 21)
                        let b4 = (a24 ^ d4).rotatedLeft(by: 14)
                        e0 = b0 ^ (~b1 & b2) ^ constants[round]
                        e1 = b1 ^ (~b2 & b3)
                        e2 = b2 ^ (~b3 & b4)
                        e3 = b3 ^ (~b4 & b0)
                        e4 = b4 ^ (~b0 & b1)
                    }
                    do {
                        let b0 = (a3 ^ d3).rotatedLeft(by: 28)
                        let b1 = (a9 ^ d4).rotatedLeft(by: 20)
                        let b2 = (a10 ^ d0).rotatedLeft(by: 3)
                        let b3 = (a16 ^ d1).rotatedLeft(by: 45)
                        let b4 = (a22 ^ d2).rotatedLeft(by: 61)
                        e5 = b0 ^ (~b1 & b2)
                        e6 = b1 ^ (~b2 & b3)
                        e7 = b2 ^ (~b3 & b4)
                        e8 = b3 ^ (~b4 & b0)
                        e9 = b4 ^ (~b0 & b1)
                    }
                    do {
                        let b0 = (a1 ^ d1).rotatedLeft(by: 1)
                        let b1 = (a7 ^ d2).rotatedLeft(by: 6)
                        let b2 = (a13 ^ d3).rotatedLeft(by: 25)
                        let b3 = (a19 ^ d4).rotatedLeft(by: 8)
                        let b4 = (a20 ^ d0).rotatedLeft(by: 18)
                        e10 = b0 ^ (~b1 & b2)
                        e11 = b1 ^ (~b2 & b3)
                        e12 = b2 ^ (~b3 & b4)
                        e13 = b3 ^ (~b4 & b0)
                        e14 = b4 ^ (~b0 & b1)
                    }
                    do {
                        let b0 = (a4 ^ d4).rotatedLeft(by: 27)
                        let b1 = (a5 ^ d0).rotatedLeft(by: 36)
                        let b2 = (a11 ^ d1).rotatedLeft(by: 10)
                        let b3 = (a17 ^ d2).rotatedLeft(by: 15)
                        let b4 = (a23 ^ d3).rotatedLeft(by: 56)
                        e15 = b0 ^ (~b1 & b2)
                        e16 = b1 ^ (~b2 & b3)
                        e17 = b2 ^ (~b3 & b4)
                        e18 = b3 ^ (~b4 & b0)
                        e19 = b4 ^ (~b0 & b1)
                    }
                    do {
                        let b0 = (a2 ^ d2).rotatedLeft(by: 62)
                        let b1 = (a8 ^ d3).rotatedLeft(by: 55)
                        let b2 = (a14 ^ d4).rotatedLeft(by: 39)
                        let b3 = (a15 ^ d0).rotatedLeft(by: 41)
                        let b4 = (a21 ^ d1).rotatedLeft(by: 2)
                        e20 = b0 ^ (~b1 & b2)
                        e21 = b1 ^ (~b2 & b3)
                        e22 = b2 ^ (~b3 & b4)
                        e23 = b3 ^ (~b4 & b0)
                        e24 = b4 ^ (~b0 & b1)
                    }
                }
                do {
                    let c0 = e0 ^ e5 ^ e10 ^ e15 ^ e20
                    let c1 = e1 ^ e6 ^ e11 ^ e16 ^ e21
                    let c2 = e2 ^ e7 ^ e12 ^ e17 ^ e22
                    let c3 = e3 ^ e8 ^ e13 ^ e18 ^ e23
                    let c4 = e4 ^ e9 ^ e14 ^ e19 ^ e24
                    let d0 = c4 ^ c1.rotatedLeft(by: 1)
                    let d1 = c0 ^ c2.rotatedLeft(by: 1)
                    let d2 = c1 ^ c3.rotatedLeft(by: 1)
                    let d3 = c2 ^ c4.rotatedLeft(by: 1)
                    let d4 = c3 ^ c0.rotatedLeft(by: 1)
                    do {
                        let b0 = e0 ^ d0
                        let b1 = (e6 ^ d1).rotatedLeft(by: 44)
                        let b2 = (e12 ^ d2).rotatedLeft(by: 43)
                        let b3 = (e18 ^ d3).rotatedLeft(by: 21)
                        let b4 = (e24 ^ d4).rotatedLeft(by: 14)
                        a0 = b0 ^ (~b1 & b2) ^ constants[round + 1]
                        a1 = b1 ^ (~b2 & b3)
                        a2 = b2 ^ (~b3 & b4)
                        a3 = b3 ^ (~b4 & b0)
                        a4 = b4 ^ (~b0 & b1)
                    }
                    do {
                        let b0 = (e3 ^ d3).rotatedLeft(by: 28)
                        let b1 = (e9 ^ d4).rotatedLeft(by: 20)
                        let b2 = (e10 ^ d0).rotatedLeft(by: 3)
                        let b3 = (e16 ^ d1).rotatedLeft(by: 45)
                        let b4 = (e22 ^ d2).rotatedLeft(by: 61)
                        a5 = b0 ^ (~b1 & b2)
                        a6 = b1 ^ (~b2 & b3)
                        a7 = b2 ^ (~b3 & b4)
                        a8 = b3 ^ (~b4 & b0)
                        a9 = b4 ^ (~b0 & b1)
                    }
                    do {
                        let b0 = (e1 ^ d1).rotatedLeft(by: 1)
                        let b1 = (e7 ^ d2).rotatedLeft(by: 6)
                        let b2 = (e13 ^ d3).rotatedLeft(by: 25)
                        let b3 = (e19 ^ d4).rotatedLeft(by: 8)
                        let b4 = (e20 ^ d0).rotatedLeft(by: 18)
                        a10 = b0 ^ (~b1 & b2)
                        a11 = b1 ^ (~b2 & b3)
                        a12 = b2 ^ (~b3 & b4)
                        a13 = b3 ^ (~b4 & b0)
                        a14 = b4 ^ (~b0 & b1)
                    }
                    do {
                        let b0 = (e4 ^ d4).rotatedLeft(by: 27)
                        let b1 = (e5 ^ d0).rotatedLeft(by: 36)
                        let b2 = (e11 ^ d1).rotatedLeft(by: 10)
                        let b3 = (e17 ^ d2).rotatedLeft(by: 15)
                        let b4 = (e23 ^ d3).rotatedLeft(by: 56)
                        a15 = b0 ^ (~b1 & b2)
                        a16 = b1 ^ (~b2 & b3)
                        a17 = b2 ^ (~b3 & b4)
                        a18 = b3 ^ (~b4 & b0)
                        a19 = b4 ^ (~b0 & b1)
                    }
                    do {
                        let b0 = (e2 ^ d2).rotatedLeft(by: 62)
                        let b1 = (e8 ^ d3).rotatedLeft(by: 55)
                        let b2 = (e14 ^ d4).rotatedLeft(by: 39)
                        let b3 = (e15 ^ d0).rotatedLeft(by: 41)
                        let b4 = (e21 ^ d1).rotatedLeft(by: 2)
                        a20 = b0 ^ (~b1 & b2)
                        a21 = b1 ^ (~b2 & b3)
                        a22 = b2 ^ (~b3 & b4)
                        a23 = b3 ^ (~b4 & b0)
                        a24 = b4 ^ (~b0 & b1)
                    }
                }
                round += 2
            }
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
