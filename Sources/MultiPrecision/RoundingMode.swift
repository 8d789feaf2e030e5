import CMPFR

/// A rounding direction, as in IEEE 754 and MPFR. Every operation defaults to
/// `.toNearest` (ties to even); the others are asked for explicitly.
public enum RoundingMode: Sendable, CaseIterable {
    /// Round to nearest, ties to even (`MPFR_RNDN`).
    case toNearest
    /// Round toward zero (`MPFR_RNDZ`).
    case towardZero
    /// Round toward +∞ (`MPFR_RNDU`).
    case up
    /// Round toward −∞ (`MPFR_RNDD`).
    case down
    /// Round away from zero (`MPFR_RNDA`).
    case awayFromZero

    @inlinable public var mpfr: mpfr_rnd_t {
        switch self {
        case .toNearest: return MPFR_RNDN
        case .towardZero: return MPFR_RNDZ
        case .up: return MPFR_RNDU
        case .down: return MPFR_RNDD
        case .awayFromZero: return MPFR_RNDA
        }
    }
}

/// Where a correctly rounded result lies relative to the exact one: MPFR's ternary value.
public enum Inexactness: Sendable, Equatable {
    /// The stored result is the exact result.
    case exact
    /// The stored result is above the exact result.
    case above
    /// The stored result is below the exact result.
    case below

    @inlinable public init(ternary: Int32) {
        self = ternary == 0 ? .exact : (ternary > 0 ? .above : .below)
    }
}
