// Identifiers and names as web pages write them: DOIs with or without resolver prefixes, arXiv ids with
// versions, and author names either "Family, Given" or "Given Family".

enum PageIdentifiers {
    /// A DOI lower-cased without "doi:" or a resolver prefix, or nil when `raw` holds none.
    static func doi(_ raw: String) -> String? {
        var text = PageText.trim(raw)
        for prefix in ["https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/",
                       "doi.org/", "info:doi/", "doi:", "doi: "] where PageText.lower(text).hasPrefix(prefix) {
            text = PageText.trim(text.dropFirst(prefix.count))
        }
        return findDOI(in: text)
    }

    /// The first DOI ("10.<digits>/<suffix>") inside free text, lower-cased, trailing punctuation removed.
    static func findDOI(in text: String) -> String? {
        guard let start = text.firstRange(of: "10.") else { return nil }
        var search = text[start.lowerBound...]
        while true {
            let afterPrefix = search.dropFirst(3)
            let registrant = afterPrefix.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            let rest = afterPrefix.dropFirst(registrant.count)
            if registrant.count >= 4, rest.first == "/" {
                let suffix = rest.dropFirst().prefix { !PageText.isSpace($0) && !"\"<>".contains($0) }
                var doi = "10." + registrant + "/" + suffix
                while let last = doi.last, ".,;:)]}".contains(last) { doi.removeLast() }
                if doi.count > registrant.count + 4 { return doi.lowercased() }
            }
            guard let next = search.dropFirst().firstRange(of: "10.") else { return nil }
            search = search[next.lowerBound...]
        }
    }

    /// An arXiv id without "arXiv:" or a version suffix ("2006.11727", "cond-mat/0112463"), or nil.
    static func arxiv(_ raw: String) -> String? {
        var text = PageText.trim(raw)
        let lower = PageText.lower(text)
        for marker in ["arxiv.org/abs/", "arxiv.org/pdf/", "arxiv:"] {
            if let range = lower.firstRange(of: marker) {
                let offset = lower.distance(from: lower.startIndex, to: range.upperBound)
                text = String(text.dropFirst(offset))
                break
            }
        }
        text = PageText.trim(text)
        let id = text.prefix { !PageText.isSpace($0) && !";,)]".contains($0) }
        var core = String(id)
        if core.hasSuffix(".pdf") { core.removeLast(4) }
        if let vIndex = core.lastIndex(of: "v"), core[core.index(after: vIndex)...].allSatisfy(\.isNumber),
           core.index(after: vIndex) < core.endIndex {
            core = String(core[..<vIndex])
        }
        return isArXivId(core) ? core : nil
    }

    /// The first arXiv id written as "arXiv:NNNN.NNNNN" or an arxiv.org link inside free text.
    static func findArXiv(in text: String) -> String? {
        let lower = PageText.lower(text)
        for marker in ["arxiv:", "arxiv.org/abs/", "arxiv.org/pdf/"] {
            if let range = lower.firstRange(of: marker) {
                let offset = lower.distance(from: lower.startIndex, to: range.lowerBound)
                if let id = arxiv(String(text.dropFirst(offset))) { return id }
            }
        }
        return nil
    }

    private static func isArXivId(_ id: String) -> Bool {
        let parts = id.split(separator: ".")
        if parts.count == 2, parts[0].count == 4, (4...5).contains(parts[1].count),
           parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }) {
            return true
        }
        let oldStyle = id.split(separator: "/")   // "cond-mat/0112463"
        return oldStyle.count == 2 && oldStyle[1].count == 7 && oldStyle[1].allSatisfy { $0.isASCII && $0.isNumber }
            && oldStyle[0].allSatisfy { $0.isLetter || $0 == "-" || $0 == "." }
    }

    /// A personal name from a meta tag: "Family, Given" or "Given [particle] Family"; nil when empty.
    static func personName(_ raw: String) -> PersonName? {
        let text = PageText.collapse(raw)
        guard !text.isEmpty else { return nil }
        if let comma = text.firstIndex(of: ",") {
            let family = PageText.trim(text[..<comma])
            let given = PageText.trim(text[text.index(after: comma)...])
            let (particle, core) = splitParticle(family)
            return PersonName(given: given, particle: particle, family: core.isEmpty ? family : core)
        }
        var words = text.split(separator: " ").map(String.init)
        guard let family = words.popLast() else { return nil }
        var particles: [String] = []
        while let last = words.last, words.count > 1, isParticle(last) {
            particles.insert(last, at: 0)
            words.removeLast()
        }
        return PersonName(given: words.joined(separator: " "), particle: particles.joined(separator: " "),
                          family: family)
    }

    private static func splitParticle(_ family: String) -> (particle: String, family: String) {
        var words = family.split(separator: " ").map(String.init)
        var particles: [String] = []
        while words.count > 1, let first = words.first, isParticle(first) {
            particles.append(first)
            words.removeFirst()
        }
        return (particles.joined(separator: " "), words.joined(separator: " "))
    }

    private static func isParticle(_ word: String) -> Bool {
        ["van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "la", "le", "ter", "ten", "zu"]
            .contains(word)
    }
}
