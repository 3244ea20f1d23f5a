// One meaning for "verified" (issue 14, item 12): a work, edge or claim is verified only when the curated
// corpus vouches for it. Records read from a user's files keep their facts but arrive unverified, with
// where they came from; only the built-in corpus (or a file with exactly its bytes) keeps its statuses.
import Literature

extension WorkRecord {
    /// The record as read from a user's file: unverified, its provenance naming the file and line
    /// (a scraped page's own provenance is kept).
    func imported() -> WorkRecord {
        var copy = self
        copy.verified = false
        if copy.provenance == nil {
            copy.provenance = "imported from \(location.file):\(location.line), not a curated record"
        }
        return copy
    }

    /// True for a bibliographic record no user file brought in: the curated corpus, or records handed to
    /// the library already parsed (page records carry a provenance, imported ones too).
    var isCurated: Bool { provenance == nil }
}

extension ParseResult {
    /// Every record of a user's file marked unverified (works, citation edges, claim cards); acknowledged
    /// anomalies stay acknowledged, since that is a note about the edge, not a confirmation.
    func imported() -> ParseResult {
        var copy = self
        copy.works = works.map { $0.imported() }
        for index in copy.citations.indices { copy.citations[index].verified = false }
        for index in copy.claims.indices { copy.claims[index].verified = false }
        return copy
    }
}

extension WorkRow {
    /// True for a stored bibliographic record that came from a user's file: unverified, and not written
    /// from the built-in corpus (whose source names a corpus file, "corpus/works.bib:28"). Imports are
    /// the only unverified bibliographic records outside the corpus that the CLI stores.
    var isImported: Bool {
        guard isAuthoritative, !verified, !isStub, let file = sourceFile else { return false }
        return !EmbeddedCorpus.files.contains { $0.path == file }
    }
}
