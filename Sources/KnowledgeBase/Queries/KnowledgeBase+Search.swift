extension KnowledgeBase {
    /// Full-text search over work titles and abstracts, passages and claim statements, best (bm25) first.
    /// Every word of `text` must occur (stemmed, accents folded); FTS5 operators in `text` are not interpreted.
    public func search(_ text: String, limit: Int = 20) throws(KnowledgeBaseError) -> [SearchHit] {
        guard let match = FullTextQuery.match(text), limit > 0 else { return [] }
        return try connection.query("""
            SELECT d.kind, d.ref, d.title, snippet(search_index, -1, '[', ']', '…', 12),
                   bm25(search_index, 10.0, 1.0, 5.0) AS rank
            FROM search_index JOIN search_documents d ON d.rowid = search_index.rowid
            WHERE search_index MATCH ? ORDER BY rank, d.rowid LIMIT ?
            """, [.text(match), .integer(Int64(limit))]) { r in
            SearchHit(kind: SearchHit.Kind(rawValue: r.text(0)) ?? .work, reference: r.text(1), title: r.text(2),
                      snippet: r.text(3), rank: r.double(4))
        }
    }
}

/// Turns user text into an FTS5 query: each word quoted (so `-`, `:`, `AND` are plain text), all required.
enum FullTextQuery {
    static func match(_ text: String) -> String? {
        var words: [String] = []
        var current = ""
        for character in text {
            if character.isLetter || character.isNumber {
                current.append(character)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        guard !words.isEmpty else { return nil }
        return words.map { "\"\($0)\"" }.joined(separator: " ")
    }
}
