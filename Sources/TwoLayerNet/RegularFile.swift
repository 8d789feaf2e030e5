import Foundation

/// Why an input file cannot be read, in words: "not a regular file", "larger than 256 MiB", or
/// the system's message.
public struct RegularFileError: Error, Equatable {
    public let reason: String
}

/// Whole input files (problem files, sweep files, run records): only a regular file, of at most
/// a given size, is read, so a FIFO or a device is refused instead of read forever, and nothing
/// is allocated for a file beyond the limit.
public enum RegularFile {
    public static func read(_ path: String, maximumBytes: Int) throws(RegularFileError) -> Data {
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            guard attributes[.type] as? FileAttributeType == .typeRegular else { throw RegularFileError(reason: "not a regular file") }
            guard let size = attributes[.size] as? NSNumber, size.intValue <= maximumBytes else {
                throw RegularFileError(reason: "larger than \(maximumBytes >> 20) MiB")
            }
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch let error as RegularFileError {
            throw error
        } catch {
            throw RegularFileError(reason: (error as NSError).localizedDescription)
        }
    }
}
