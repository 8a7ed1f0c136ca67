/// The parameters of BN254's base field, q = 21888242871839275222246405745257275088696311157297823662689037894645226208583.
public enum FqParameters: PrimeFieldParameters {
    /// q.
    @inlinable public static var modulus: UInt256 {
        UInt256(0x3c20_8c16_d87c_fd47, 0x9781_6a91_6871_ca8d, 0xb850_45b6_8181_585d, 0x3064_4e72_e131_a029)
    }
    /// −q⁻¹ mod 2^64.
    @inlinable public static var montgomeryInverse: UInt64 { 0x87d2_0782_e486_6389 }
    /// 2^256 mod q.
    @inlinable public static var montgomeryOne: UInt256 {
        UInt256(0xd35d_438d_c58f_0d9d, 0x0a78_eb28_f5c7_0b3d, 0x666e_a36f_7879_462c, 0x0e0a_77c1_9a07_df2f)
    }
    /// 2^512 mod q.
    @inlinable public static var montgomeryRSquared: UInt256 {
        UInt256(0xf32c_fc5b_538a_fa89, 0xb5e7_1911_d445_01fb, 0x47ab_1eff_0a41_7ff6, 0x06d8_9f71_cab8_351f)
    }
    /// "Fq".
    public static var fieldName: String { "Fq" }
}

/// An element of BN254's base field Fq: the coordinates of G1 points and the base of the tower.
public typealias Fq = PrimeField<FqParameters>
