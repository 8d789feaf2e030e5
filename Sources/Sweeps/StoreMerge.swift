import GRDB

/// Merges run stores: every row of every input goes into the output, once per hash. A row
/// whose hash is already there is compared column by column (outside `RunRow.timingColumns`):
/// equal rows are skipped, so merging twice changes nothing; different rows for one hash are
/// an error naming the hash and the column, and nothing of that input is written (one
/// transaction per input). Sweep records are united.
public enum StoreMerge {
    public struct Summary: Sendable, Equatable {
        public var added = 0
        public var alreadyPresent = 0
    }

    public static func merge(into output: RunStore, from inputs: [RunStore]) throws(SweepError) -> Summary {
        var summary = Summary()
        for input in inputs {
            let rows = try input.rows()
            let sweeps = try input.read { db in try Row.fetchAll(db, sql: "SELECT * FROM sweeps") }
            let counts = try output.write { db -> Summary in
                var s = Summary()
                for row in rows {
                    if let existing = try Row.fetchOne(db, sql: "SELECT * FROM runs WHERE hash = ?", arguments: [row.hash]) {
                        if let d = try RunRow(row: existing).firstDifference(from: row) {
                            throw SweepError.conflict(hash: row.hash, column: d.column, left: d.mine, right: d.theirs)
                        }
                        s.alreadyPresent += 1
                    } else {
                        try row.insert(db)
                        try db.execute(sql: "DELETE FROM failures WHERE hash = ?", arguments: [row.hash])
                        s.added += 1
                    }
                }
                for sweep in sweeps {
                    try db.execute(sql: "INSERT OR IGNORE INTO sweeps (spec_hash, name, spec, planned) VALUES (?, ?, ?, ?)",
                                   arguments: StatementArguments(["spec_hash", "name", "spec", "planned"].map { sweep[$0] as DatabaseValue }))
                }
                return s
            }
            summary.added += counts.added
            summary.alreadyPresent += counts.alreadyPresent
        }
        return summary
    }
}
