import CGMP
import CMPFI
import CMPFR

/// The versions of the tool and of the C libraries linked into this process, for provenance in every output.
public enum LibraryVersions {
    /// This tool's version (semantic versioning).
    public static let flowverify = "0.1.15"
    /// GMP's run-time version (`gmp_version`).
    public static var gmp: String { String(cString: fv_gmp_version()) }
    /// MPFR's run-time version (`mpfr_get_version`).
    public static var mpfr: String { String(cString: mpfr_get_version()) }
    /// MPFI's run-time version (`mpfi_get_version`).
    public static var mpfi: String { String(cString: mpfi_get_version()) }
}
