/// The parameters of BN254's scalar field, r = 21888242871839275222246405745257275088548364400416034343698204186575808495617
/// (the order of G1 and G2; 2-adicity 28, so radix-2 FFTs up to 2^28 points exist).
public enum FrParameters: PrimeFieldParameters {
    /// r.
    @inlinable public static var modulus: UInt256 {
        UInt256(0x43e1_f593_f000_0001, 0x2833_e848_79b9_7091, 0xb850_45b6_8181_585d, 0x3064_4e72_e131_a029)
    }
    /// −r⁻¹ mod 2^64.
    @inlinable public static var montgomeryInverse: UInt64 { 0xc2e1_f593_efff_ffff }
    /// 2^256 mod r.
    @inlinable public static var montgomeryOne: UInt256 {
        UInt256(0xac96_341c_4fff_fffb, 0x36fc_7695_9f60_cd29, 0x666e_a36f_7879_462e, 0x0e0a_77c1_9a07_df2f)
    }
    /// 2^512 mod r.
    @inlinable public static var montgomeryRSquared: UInt256 {
        UInt256(0x1bb8_e645_ae21_6da7, 0x53fe_3ab1_e35c_59e3, 0x8c49_833d_53bb_8085, 0x0216_d0b1_7f4e_44a5)
    }
    /// "Fr".
    public static var fieldName: String { "Fr" }
}

/// An element of BN254's scalar field Fr: witnesses, scalars, and the field of the R1CS.
public typealias Fr = PrimeField<FrParameters>
