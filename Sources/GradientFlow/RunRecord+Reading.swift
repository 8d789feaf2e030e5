import Foundation
import MultiPrecision
import TwoLayerNet

/// Why a run record (RUN.json) cannot be read back as a trajectory.
public enum RunRecordError: Error, Equatable, CustomStringConvertible {
    /// Not a regular file, too large, or not readable.
    case unreadable(path: String, reason: String)
    /// Not a run record: the JSON decoder's complaint, with the field it names.
    case invalid(path: String, reason: String)
    /// The precision field is neither "double" nor a number of bits MPFR accepts.
    case precision(String)
    /// A number that does not parse, or is NaN or infinite.
    case number(field: String, text: String)
    /// A state whose length is not the network's parameter count.
    case stateLength(field: String, count: Int, expected: Int)
    /// The run failed (a non-finite quantity): there is no end state to read.
    case failedRun(FlowStatus)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): return "run record \(DecimalSyntax.excerpt(path, limit: 120)): \(reason)"
        case .invalid(let path, let reason): return "run record \(DecimalSyntax.excerpt(path, limit: 120)): \(reason)"
        case .precision(let text): return "field provenance.precision: '\(DecimalSyntax.excerpt(text))' is neither 'double' nor a number of bits"
        case .number(let field, let text): return "field \(field): '\(DecimalSyntax.excerpt(text))' is not a finite number"
        case .stateLength(let field, let count, let expected):
            return "field \(field): \(count) parameters, the problem's network has \(expected)"
        case .failedRun(let status): return "field status: the run failed (\(status.rawValue)); there is no end state to judge"
        }
    }
}

extension RunRecord {
    /// The largest run record read (bytes): 4,096 samples of a P = 44 state at 4,096 bits take
    /// about 220 MB.
    public static let maximumFileSize = 1 << 30

    /// Reads a run record (a regular file of at most `maximumFileSize` bytes: a FIFO or a device
    /// is refused, not read forever).
    public init(contentsOf path: String) throws(RunRecordError) {
        let data: Data
        do { data = try RegularFile.read(path, maximumBytes: RunRecord.maximumFileSize) } catch {
            throw .unreadable(path: path, reason: error.reason)
        }
        do {
            self = try JSONDecoder().decode(RunRecord.self, from: data)
        } catch let error as DecodingError {
            throw .invalid(path: path, reason: RunRecord.describe(error))
        } catch {
            throw .invalid(path: path, reason: "\(error)")
        }
    }

    /// A decoding error in one line: the field it names and what is wrong there.
    static func describe(_ error: DecodingError) -> String {
        func field(_ path: [any CodingKey]) -> String {
            var text = ""
            for key in path {
                if let i = key.intValue { text += "[\(i)]" } else { text += (text.isEmpty ? "" : ".") + key.stringValue }
            }
            return text.isEmpty ? "the top level" : "field " + text
        }
        switch error {
        case .keyNotFound(let key, let context): return "\(field(context.codingPath + [key])): missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "\(field(context.codingPath)): \(DecimalSyntax.excerpt(context.debugDescription, limit: 160))"
        case .dataCorrupted(let context): return "\(field(context.codingPath)): \(DecimalSyntax.excerpt(context.debugDescription, limit: 160))"
        @unknown default: return DecimalSyntax.excerpt("\(error)")
        }
    }

    /// The working precision the run was written at (`provenance.precision`); nil for the
    /// Double fast path, as in `ProblemRun.run(_:precision:options:)`.
    public func workingPrecision() throws(RunRecordError) -> Precision? {
        let text = provenance.precision
        if text == "double" { return nil }
        guard let bits = Int(text), let p = try? Precision(bits: bits) else { throw .precision(text) }
        return p
    }
}

extension Trajectory {
    /// The trajectory a `flowverify run` wrote (RUN.json), read back at `precision`: its
    /// samples, end state, status and accepted steps, each number parsed once (correctly
    /// rounded; a record written at this precision reads back exactly). Events and the
    /// per-method step counts are not restored. Throws for a failed run, a number that is not
    /// finite, and a state whose length is not `parameterCount`.
    public init(record: RunRecord, precision: Precision, parameterCount: Int) throws(RunRecordError) {
        guard record.status.isComplete || record.status.isIncomplete else { throw .failedRun(record.status) }
        func number(_ text: String, _ field: String) throws(RunRecordError) -> S {
            guard let x = try? S(parsing: text, precision: precision), x.isFinite else { throw .number(field: field, text: text) }
            return x
        }
        func state(_ texts: [String], _ field: String) throws(RunRecordError) -> [S] {
            guard texts.count == parameterCount else {
                throw .stateLength(field: field, count: texts.count, expected: parameterCount)
            }
            var values: [S] = []
            for (i, text) in texts.enumerated() { values.append(try number(text, "\(field)[\(i)]")) }
            return values
        }
        var samples: [FlowSample<S>] = []
        for (i, s) in record.samples.enumerated() {
            samples.append(FlowSample(time: try number(s.time, "samples[\(i)].time"), state: try state(s.state, "samples[\(i)].state"),
                                      loss: try number(s.loss, "samples[\(i)].loss")))
        }
        var statistics = FlowStatistics()
        statistics.acceptedSteps = record.work.acceptedSteps
        statistics.rejectedSteps = record.work.rejectedSteps
        statistics.wallSeconds = record.work.wallSeconds
        self.init(samples: samples, events: [],
                  final: FlowSample(time: try number(record.finalTime, "finalTime"), state: try state(record.finalState, "finalState"),
                                    loss: try number(record.finalLoss, "finalLoss")),
                  status: record.status, statistics: statistics, toleranceBits: record.provenance.toleranceBits)
    }
}
