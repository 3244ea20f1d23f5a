import Foundation

extension KnowledgeBase {
    /// Full-text search over works (title, abstract, authors, passages) and claims (title, id, statement,
    /// hypotheses, locators), one hit per work or claim, best (bm25) first. The query is relaxed step by step
    /// until something matches: all words, then any word, then every word as a prefix; `word*` asks for a
    /// prefix directly. When nothing matches, `SearchResult.suggestions` holds the index's own words closest
    /// to the query's (edit distance). FTS5 operators in `text` are plain words, except `OR` between words.
    public func search(_ text: String, limit: Int = 20) throws(KnowledgeBaseError) -> SearchResult {
        let query = try SearchQuery(text)
        guard !query.terms.isEmpty, limit > 0 else { return SearchResult(hits: [], strategy: .allWords, suggestions: []) }
        let strategies = try relaxations(of: query)
        for (strategy, match) in strategies {
            let hits = try searchHits(match: match, limit: limit)
            if !hits.isEmpty { return SearchResult(hits: hits, strategy: strategy, suggestions: []) }
        }
        return SearchResult(hits: [], strategy: strategies.last?.0 ?? .allWords,
                            suggestions: try suggestions(for: query.terms.map { $0.word }))
    }

    /// The keys of the works (records or passages) that `search(text)` would list without a limit: the first
    /// relaxation that matches any document, claims included, decides. No ranking and no snippets, which
    /// would cost time for every one of possibly many thousands of matches.
    func matchingWorkKeys(_ text: String) throws(KnowledgeBaseError) -> Set<String> {
        let query = try SearchQuery(text)
        guard !query.terms.isEmpty else { return [] }
        for (_, match) in try relaxations(of: query) {
            var matchedAnything = false
            var keys = Set<String>()
            // The matching rowids first, then their documents: ~3× faster than a join with DISTINCT at 30k hits.
            _ = try connection.query("""
                SELECT d.kind = 'claim', d.ref FROM search_documents d
                WHERE d.rowid IN (SELECT rowid FROM search_index WHERE search_index MATCH ?)
                """, [.text(match)]) { r in
                matchedAnything = true
                if !r.bool(0) { keys.insert(r.text(1)) }
            }
            if matchedAnything { return keys }
        }
        return []
    }

    /// The FTS5 expressions to try in turn: all words, then any word, then every word as a prefix.
    private func relaxations(of query: SearchQuery) throws(KnowledgeBaseError) -> [(SearchResult.Strategy, String)] {
        // The index's vocabulary as a temporary view (temp objects work on read-only databases too).
        try connection.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_vocabulary USING fts5vocab(main, search_index, 'row')")
        // Each word stands for its family: itself, or the longest indexed stem it starts with, so that
        // "symmetry" also finds "symmetric" (porter stems them differently: symmetri / symmetr).
        var families: [String] = []
        for term in query.terms { families.append(try family(of: term)) }
        var strategies: [(SearchResult.Strategy, String)] = []
        if !query.wantsAnyWord { strategies.append((.allWords, families.joined(separator: " AND "))) }
        if query.wantsAnyWord || query.terms.count > 1 { strategies.append((.anyWord, families.joined(separator: " OR "))) }
        let prefixes = query.terms.map { "\"\($0.word)\"*" }
        strategies.append((.prefix, prefixes.joined(separator: query.wantsAnyWord ? " OR " : " AND ")))
        return strategies
    }

    private func searchHits(match: String, limit: Int) throws(KnowledgeBaseError) -> [SearchHit] {
        // One row per work (its record or its best passage) or claim: the first document of each in the order
        // (rank, rowid). Only the best-ranked rows are read, through a LIMIT that SQLite's sorter keeps
        // while ranking (no sort of every match, no document row read for matches never shown); when they
        // hold fewer than `limit` works and claims (several passages of one work), the window grows.
        // Snippets are made afterwards for the rows shown only: making one tokenizes its whole document.
        let ranked = try connection.prepare("""
            SELECT rowid, bm25(search_index, 10.0, 1.0, 5.0) AS rank FROM search_index
            WHERE search_index MATCH ?1 ORDER BY rank, rowid LIMIT ?2
            """)
        let documents = try connection.prepare("""
            SELECT d.rowid, d.kind, d.ref,
                   CASE WHEN d.kind = 'passage' THEN coalesce((SELECT w.title FROM works w WHERE w.key = d.ref), d.title)
                        ELSE d.title END
            FROM search_documents d WHERE d.rowid IN (SELECT value FROM json_each(?1))
            """)
        var window = limit < 1 << 40 ? 2 * limit + 16 : limit
        var hits: [(hit: SearchHit, rowid: Int64)] = []
        while true {
            let rows = try ranked.query([.text(match), .integer(Int64(window))]) { ($0.int64(0), $0.double(1)) }
            var byRowID: [Int64: (kind: String, ref: String, title: String)] = [:]
            _ = try documents.query([.text("[" + rows.map { String($0.0) }.joined(separator: ",") + "]")]) { r in
                byRowID[r.int64(0)] = (r.text(1), r.text(2), r.text(3))
            }
            hits = []
            var seen = Set<[String]>()
            for (rowid, rank) in rows {
                guard let document = byRowID[rowid],
                      seen.insert([document.kind == "claim" ? "claim" : "work", document.ref]).inserted else { continue }
                hits.append((SearchHit(kind: SearchHit.Kind(rawValue: document.kind) ?? .work, reference: document.ref,
                                       title: document.title, snippet: "", rank: rank), rowid))
                if hits.count == limit { break }
            }
            if hits.count == limit || rows.count < window { break }
            window *= 4
        }
        guard !hits.isEmpty else { return [] }
        var snippets: [Int64: String] = [:]
        // `rowid IN` handed to FTS5 re-runs the whole expression once per rowid: cheap for plain words (a
        // seek each), but a prefix term merges the doclists of every word it expands to on each run (~20M
        // instructions apiece on the 100k-work base). With a prefix, `+rowid` keeps the filter out of
        // FTS5: the expression runs once, its matches are filtered, and snippets are still made only for
        // the rows kept.
        let rowidFilter = match.contains("*") ? "+rowid" : "rowid"
        _ = try connection.query("""
            SELECT rowid, snippet(search_index, -1, '[', ']', '…', 12) FROM search_index
            WHERE search_index MATCH ?1 AND \(rowidFilter) IN (SELECT value FROM json_each(?2))
            """, [.text(match), .text("[" + hits.map { String($0.rowid) }.joined(separator: ",") + "]")]) { r in
            snippets[r.int64(0)] = r.text(1)
        }
        return hits.map { entry in
            var hit = entry.hit
            hit.snippet = snippets[entry.rowid] ?? ""
            return hit
        }
    }

    /// `term` as an FTS5 expression that also accepts the longest indexed stem the word starts with: a
    /// stemmed index stores "identifiability" as "identifi", which the plain prefix "identifiab"* misses.
    private func family(of term: SearchQuery.Term) throws(KnowledgeBaseError) -> String {
        let word = term.word.lowercased()
        // Only stems of 5 or more characters count, so every candidate lies between the word's first five
        // characters and the word itself: the range lets fts5vocab read just those terms, not all of them.
        let stem = try connection.query("""
            SELECT term FROM search_vocabulary
            WHERE term >= ?3 AND term < ?1
              AND length(term) >= max(5, ?2 - 3) AND length(term) < ?2 AND substr(?1, 1, length(term)) = term
            ORDER BY length(term) DESC LIMIT 1
            """, [.text(word), .integer(Int64(word.count)), .text(String(String.UnicodeScalarView(word.unicodeScalars.prefix(5))))]) { $0.text(0) }.first
        guard let stem else { return term.fts }
        return "(\(term.fts) OR \"\(stem)\"*)"
    }

    /// Words of the indexed titles and names within a small edit distance of each query word (at most
    /// three per word, closest and most frequent first). Titles rather than the FTS vocabulary, whose
    /// porter stems ("convolut") are not words to suggest.
    private func suggestions(for words: [String]) throws(KnowledgeBaseError) -> [String] {
        var frequency: [String: Int] = [:]
        let texts = try connection.query(
            "SELECT title || ' ' || people FROM search_documents WHERE kind != 'passage'") { $0.text(0) }
        for text in texts {
            for word in SearchQuery.words(in: Substring(text.folding(options: [.caseInsensitive, .diacriticInsensitive],
                                                                     locale: nil)))
            where word.count >= 3 {
                frequency[word, default: 0] += 1
            }
        }
        var out: [String] = []
        for word in words.map({ $0.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil) })
        where word.count >= 3 {
            let limit = word.count <= 5 ? 1 : 2
            let scored = frequency.compactMap { candidate, count -> (String, Int, Int)? in
                guard candidate != word, let distance = EditDistance.between(word, candidate, limit: limit) else { return nil }
                return (candidate, distance, count)
            }
            let best = scored.sorted { ($0.1, -$0.2, $0.0) < ($1.1, -$1.2, $1.0) }.prefix(3).map(\.0)
            out += best.filter { !out.contains($0) }
        }
        return out
    }
}

/// The outcome of a search: the hits, which relaxation found them, and words to suggest when none did.
public struct SearchResult: Sendable, Hashable {
    public enum Strategy: String, Sendable, Codable {
        case allWords = "all-words", anyWord = "any-word", prefix
    }

    public var hits: [SearchHit]
    public var strategy: Strategy
    public var suggestions: [String]
}

/// User text as FTS5 terms: each word quoted (so `-`, `:`, `AND`, `NEAR` are plain text), `word*` a prefix,
/// and `OR` between words asking for any of them.
struct SearchQuery {
    /// More distinct words than this are refused: every term costs a pass over its posting list and the
    /// relaxation steps multiply that, so very long queries are almost always pasted text by mistake.
    static let maximumTerms = 32

    struct Term: Hashable {
        var word: String
        var isPrefix: Bool
        var fts: String { "\"\(word)\"" + (isPrefix ? "*" : "") }
    }

    var terms: [Term] = []
    var wantsAnyWord = false

    init(_ text: String) throws(KnowledgeBaseError) {
        var seen = Set<Term>()
        for token in text.split(whereSeparator: \.isWhitespace) {
            if token == "OR" { wantsAnyWord = true; continue }
            let isPrefix = token.hasSuffix("*")
            for word in Self.words(in: token) {
                let term = Term(word: word, isPrefix: isPrefix)
                if seen.insert(term).inserted { terms.append(term) }
            }
        }
        guard terms.count <= Self.maximumTerms else {
            throw KnowledgeBaseError.invalidValue(
                "the query has \(terms.count) distinct words; search takes at most \(Self.maximumTerms)")
        }
    }

    var allWords: String { terms.map(\.fts).joined(separator: " ") }
    var anyWord: String { terms.map(\.fts).joined(separator: " OR ") }

    static func words(in token: Substring) -> [String] {
        var words: [String] = []
        var current = ""
        for character in token {
            if character.isLetter || character.isNumber {
                current.append(character)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }
}

/// Levenshtein distance with an early exit once every entry of a row exceeds `limit`.
public enum EditDistance {
    /// The candidates closest to `word` (case-insensitive), at most `count`, within a distance that grows
    /// with the word's length (1 up to 4 characters, 2 up to 8, then 3).
    public static func closest(to word: String, among candidates: [String], count: Int = 3) -> [String] {
        let lower = word.lowercased()
        let limit = lower.count <= 4 ? 1 : lower.count <= 8 ? 2 : 3
        let scored = candidates.compactMap { candidate -> (String, Int)? in
            guard let d = between(lower, candidate.lowercased(), limit: limit) else { return nil }
            return (candidate, d)
        }
        return scored.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.prefix(count).map(\.0)
    }

    public static func between(_ a: String, _ b: String, limit: Int) -> Int? {
        let a = Array(a), b = Array(b)
        guard abs(a.count - b.count) <= limit else { return nil }
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1..<(b.count + 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            if current.min() ?? 0 > limit { return nil }
            previous = current
        }
        let distance = a.isEmpty ? b.count : previous[b.count]
        return distance <= limit ? distance : nil
    }
}
