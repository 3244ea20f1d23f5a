// The rows every method inserts, built once before any timing, and the schema they go into.

/// One work with its authors in list order, as plain values.
struct WorkRow: Sendable {
    let key: String
    let title: String
    let year: Int64
    let venue: String?
    let doi: String?
    let authors: [String]
}

/// Number of author rows per work.
let authorsPerWork = 3

/// A shape like nnid's `works` / `work_authors`, reduced to the columns this benchmark fills.
let benchmarkSchema = """
    CREATE TABLE works (
        id    INTEGER PRIMARY KEY,
        key   TEXT    NOT NULL UNIQUE,
        title TEXT    NOT NULL,
        year  INTEGER,
        venue TEXT,
        doi   TEXT
    );
    CREATE TABLE work_authors (
        work_id  INTEGER NOT NULL REFERENCES works (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        name     TEXT    NOT NULL,
        PRIMARY KEY (work_id, position)
    ) WITHOUT ROWID;
    """

let insertWorkSQL = "INSERT INTO works (key, title, year, venue, doi) VALUES (?, ?, ?, ?, ?)"
let insertAuthorSQL = "INSERT INTO work_authors (work_id, position, name) VALUES (?, ?, ?)"

/// Deterministic, varied rows; some venues and DOIs are NULL so both binding paths are exercised.
func makeWorkload(count: Int) -> [WorkRow] {
    let venues = ["NeurIPS", "ICML", "ICLR", "COLT", "JMLR", "Neural Computation", "AISTATS"]
    let surnames = ["Rolnick", "Kording", "Bui Thi Mai", "Stock", "Petzka", "Grigsby", "Phuong", "Lampert",
                    "Fefferman", "Sussmann", "Albertini", "Sontag", "Carlini", "Jagielski", "Mironov"]
    return (0..<count).map { i in
        let authors = (0..<authorsPerWork).map { p in
            "\(surnames[(i &* 7 &+ p &* 3) % surnames.count]), A. \(p + 1)-\(i % 97)"
        }
        return WorkRow(
            key: "W\(i)",
            title: "On the identifiability of network number \(i) with \(i % 13 + 2) hidden layers",
            year: Int64(1990 + i % 36),
            venue: i % 5 == 4 ? nil : venues[i % venues.count],
            doi: i % 3 == 2 ? nil : "10.5555/bench.\(i)",
            authors: authors)
    }
}
