import ArgumentParser
import Foundation
import MultiPrecision

/// The limits every command enforces on its arguments.
enum CommandLimits {
    /// The largest working precision accepted: 4096 bits (about 1,233 decimal digits). MPFR
    /// accepts up to 2^63 bits, but the run's cost grows much faster than the precision: the
    /// Taylor order follows the tolerance 2^−p (K ≈ 0.35 p), so the jets' memory grows like p²
    /// and a step's work like p³. Measured on P1 to t = 1e-3 (release build, shared 2-core
    /// machine): 4096 bits run in a few minutes in about 200 MB; 8192 bits did not finish in
    /// five. The verifier's ladders (1024 bits by default) and selfcheck's default (4096) lie
    /// within it.
    static let maximumPrecisionBits = 4_096

    /// The working precision of `--precision`: bits in 2 ... `maximumPrecisionBits`, or
    /// "double" (nil, the Double fast path).
    static func precision(_ text: String, option: String = "--precision") throws -> Precision? {
        if text == "double" { return nil }
        guard let bits = Int(text), bits >= 2, bits <= maximumPrecisionBits else {
            throw ValidationError("\(option): \"\(DecimalSyntax.excerpt(text))\" is not 'double' nor a number of bits in 2...\(maximumPrecisionBits)")
        }
        return try! Precision(bits: bits)
    }

    /// The memory a run may plan to use when --memory-limit is not given: half the physical
    /// memory, and at most half the address-space limit (`ulimit -v`) when one is set.
    static var defaultMemoryLimit: Double {
        var limit = Double(ProcessInfo.processInfo.physicalMemory) / 2
        var r = rlimit()
        if getrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &r) == 0, r.rlim_cur != rlim_t.max {
            limit = min(limit, Double(r.rlim_cur) / 2)
        }
        return limit
    }

    /// A memory size: a whole number of bytes with an optional binary suffix K, M, G or T
    /// ("512M", "16G"), from 1M to 1024T.
    static func memorySize(_ text: String) throws -> Double {
        let units: [Character: Double] = ["K": 0x1p10, "M": 0x1p20, "G": 0x1p30, "T": 0x1p40]
        var digits = Substring(text.uppercased())
        var unit = 1.0
        if let last = digits.last, let u = units[last] { unit = u; digits = digits.dropLast() }
        if digits.hasSuffix("I") || digits.hasSuffix("B") { digits = "" }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), digits.count <= 16,
              let v = Double(digits), v * unit >= Double(1 << 20), v * unit <= Double(1 << 50) else {
            throw ValidationError("--memory-limit: \"\(DecimalSyntax.excerpt(text))\" is not a size from 1M to 1024T (bytes, or a number with K, M, G or T)")
        }
        return v * unit
    }
}
