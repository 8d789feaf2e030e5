/// What can be wrong with a sweep spec or a store, naming the field (by its dotted path in the
/// sweep file, as `ProblemError` does for problem files) or the path. The CLI prints it on one
/// line and exits with 65.
public enum SweepError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidJSON(reason: String)
    case unreadable(path: String, reason: String)
    case missingField(field: String)
    case wrongType(field: String, expected: String)
    case invalidValue(field: String, text: String, reason: String)
    case unknownKey(field: String)
    /// A grid point whose instantiated problem the problem-file decoder rejects.
    case invalidPoint(point: String, problemError: String)
    case tooManyRuns(count: String, limit: Int)
    case store(path: String, reason: String)
    /// Two stores hold different results for one run.
    case conflict(hash: String, column: String, left: String, right: String)

    public var description: String {
        switch self {
        case .invalidJSON(let reason): "not a sweep file: \(reason)"
        case .unreadable(let path, let reason): "cannot read \(path): \(reason)"
        case .missingField(let field): "\(field): missing"
        case .wrongType(let field, let expected): "\(field): expected \(expected)"
        case .invalidValue(let field, let text, let reason): "\(field): \"\(text)\" \(reason)"
        case .unknownKey(let field): "\(field): unknown key (a misspelling?)"
        case .invalidPoint(let point, let problemError): "grid point \(point): template.\(problemError)"
        case .tooManyRuns(let count, let limit): "axes: the grid has \(count) runs, more than the limit of \(limit); split the sweep"
        case .store(let path, let reason): "store \(path): \(reason)"
        case .conflict(let hash, let column, let left, let right):
            "run \(hash): the stores disagree on \(column) (\(left) vs \(right)); not merged"
        }
    }
}
