// Author lists as paper pages print them: "Authors: A. Smith, B. Jones and C. Wu" (arXiv, HAL, OpenReview),
// a bare line of names under the title (PMLR, NeurIPS, Semantic Scholar), "Family, Given; Family, Given"
// (zbMATH), names followed by affiliation marks ("Ann Lee 1, 2 , Bo Chen 2*"), and JSON-ish dumps with
// `"authors": ["…", …]` or `"authors": [{"name": "…"}]`.

import Foundation

enum PageAuthors {
    /// Labels that introduce an author list on the same line.
    private static let labels = ["authors:", "author(s):", "author:", "authors :", "author :", "by:", "by "]

    /// The authors of a labelled line ("Authors: …"), or nil when the line has no such label.
    static func labelled(_ line: PageLine) -> (names: [PersonName], etAl: Bool)? {
        labelled(line.trimmed, normal: line.normal)
    }

    /// `normal` is `PageText.Normal(line)` when the caller has it already.
    static func labelled(_ line: String, normal: PageText.Normal? = nil) -> (names: [PersonName], etAl: Bool)? {
        guard line.utf8.count <= PageLimits.maximumShortLineBytes else { return nil }
        let normal = normal ?? PageText.Normal(line)
        let text = normal.collapsed
        let lower = normal.lower
        guard let label = labels.first(where: { lower.opens($0) }) else { return nil }
        let rest = PageText.trim(text.dropFirst(label.count))
        // "By clicking …" and similar sentences are not author lists.
        guard let list = names(in: rest, strict: label == "by "), !list.names.isEmpty else { return nil }
        return list
    }

    /// True for a heading line that announces the author list on the next line ("Authors").
    static func isAuthorsHeading(_ line: String) -> Bool {
        guard line.utf8.count <= 40 else { return false }
        let text = PageText.lower(PageText.collapse(line))
        return ["authors", "author", "author(s)", "authors:", "author:"].contains(text)
    }

    /// Names on a line that is nothing but a list of names; `strict` demands every item look like a name.
    static func names(in line: String, strict: Bool = true) -> (names: [PersonName], etAl: Bool)? {
        guard line.utf8.count <= PageLimits.maximumShortLineBytes else { return nil }
        var text = PageText.collapse(line)
        var etAl = false
        for tail in ["et al.", "et al", "and others"] where PageText.lower(text).hasSuffix(tail) {
            text = PageText.trim(text.dropLast(tail.count))
            etAl = true
        }
        // Semantic Scholar's "+3 authors" / "…, +1".
        if PageText.containsBytes(text, "+"), let plus = text.range(of: #",?\s*\+\s*\d+( authors?)?$"#, options: .regularExpression) {
            text = PageText.trim(text[..<plus.lowerBound])
            etAl = true
        }
        while let last = text.last, ",;".contains(last) { text.removeLast() }
        guard !text.isEmpty else { return nil }
        var items: [String]
        let familyFirst: Bool
        if text.contains(";") {
            // "Vlačić, Verner; Bölcskei, Helmut": items are "Family, Given".
            items = text.split(separator: ";").map { PageText.trim($0) }
            familyFirst = items.allSatisfy { $0.contains(",") }
        } else {
            items = splitNameList(text)
            familyFirst = false
        }
        items = items.map(strippingMarks).filter { !$0.isEmpty }
        guard !items.isEmpty, items.count <= 100 else { return nil }
        var result: [PersonName] = []
        for item in items {
            guard looksLikeName(item, familyFirst: familyFirst) else {
                if strict { return nil }
                continue
            }
            if let name = PageIdentifiers.personName(item) { result.append(name) }
        }
        return result.isEmpty ? nil : (result, etAl)
    }

    /// The names of a JSON `"authors": [...]` array anywhere in `text` (strings or objects with a name).
    static func jsonList(in text: String) -> [PersonName]? {
        guard PageText.containsBytes(text, "\"authors\""), let key = text.range(of: #""authors"\s*:\s*\["#, options: .regularExpression) else { return nil }
        let open = text.index(before: key.upperBound)
        guard let close = matchingBracket(in: text, from: open) else { return nil }
        let json = String(text[open...close])
        guard let data = json.data(using: .utf8),
              let array = try? JSONSerialization.jsonObject(with: data) as? [Any] else { return nil }
        var names: [PersonName] = []
        for element in array {
            if let string = element as? String, let name = PageIdentifiers.personName(string) {
                names.append(name)
            } else if let object = element as? [String: Any] {
                if let family = object["family"] as? String ?? object["familyName"] as? String ?? object["last"] as? String {
                    let given = object["given"] as? String ?? object["givenName"] as? String ?? object["first"] as? String ?? ""
                    names.append(PersonName(given: PageText.collapse(given), family: PageText.collapse(family)))
                } else if let full = object["name"] as? String ?? object["fullname"] as? String,
                          let name = PageIdentifiers.personName(full) {
                    names.append(name)
                }
            }
        }
        return names.isEmpty ? nil : names
    }

    /// The index of the "]" that closes the "[" at `open`, skipping brackets inside JSON strings.
    private static func matchingBracket(in text: String, from open: String.Index) -> String.Index? {
        var depth = 0
        var inString = false
        var escaped = false
        var index = open
        var scanned = 0
        while index < text.endIndex, scanned < 1_000_000 {
            let character = text[index]
            if inString {
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { inString = false }
            } else if character == "\"" {
                inString = true
            } else if character == "[" {
                depth += 1
            } else if character == "]" {
                depth -= 1
                if depth == 0 { return index }
            }
            index = text.index(after: index)
            scanned += 1
        }
        return nil
    }

    /// "A, B and C" / "A, B, and C" / "A & B" → ["A", "B", "C"].
    private static func splitNameList(_ text: String) -> [String] {
        var items: [String] = []
        for part in text.split(separator: ",") {
            var piece = PageText.trim(part)
            if piece.lowercased().hasPrefix("and ") { piece = PageText.trim(piece.dropFirst(4)) }
            for sub in piece.components(separatedBy: " and ").flatMap({ $0.components(separatedBy: " & ") }) {
                items.append(PageText.trim(sub))
            }
        }
        return items
    }

    /// "Ann Lee 1, 2" → "Ann Lee"; "Bo Chen*†" → "Bo Chen"; a bare "2" → "".
    private static func strippingMarks(_ item: String) -> String {
        var words = item.split(separator: " ").map(String.init)
        let marks = CharacterSet(charactersIn: "0123456789*†‡§¶#¹²³⁴⁵⁶⁷⁸⁹⁰()[]")
        while let last = words.last, last.unicodeScalars.allSatisfy(marks.contains) { words.removeLast() }
        guard var last = words.popLast() else { return "" }
        while let scalar = last.unicodeScalars.last, marks.contains(scalar), last.count > 1 { last.removeLast() }
        words.append(last)
        return words.joined(separator: " ")
    }

    /// Words that show a line is about something other than people.
    private static let nonNameWords: Set<String> = [
        "university", "institute", "department", "school", "college", "laboratory", "lab", "center", "centre",
        "science", "sciences", "computer", "mathematics", "statistics", "learning", "network", "networks",
        "neural", "deep", "machine", "the", "of", "for", "in", "on", "with", "abstract", "pdf", "download",
        "paper", "papers", "conference", "journal", "proceedings", "published", "accepted", "open", "access",
        "cite", "share", "view", "references", "citations", "year", "and", "inria", "cnrs", "research",
        "summary", "quick", "ai", "key", "findings", "details", "similar", "related", "source", "readers",
        "everyone", "keywords", "subjects", "comments", "search", "help", "home", "main", "content", "menu",
    ]

    /// A personal name: 2–5 words, capitalised words or initials (particles allowed), no digits.
    static func looksLikeName(_ item: String, familyFirst: Bool) -> Bool {
        let source = familyFirst ? item.replacingOccurrences(of: ",", with: " ") : item
        let words = source.split(separator: " ").map(String.init)
        guard (2...5).contains(words.count) else { return false }
        guard !item.contains(where: { $0.isNumber || "?!:@/|=<>\"".contains($0) }) else { return false }
        var capitalised = 0
        for word in words {
            if nonNameWords.contains(word.lowercased().trimmingCharacters(in: .punctuationCharacters)) { return false }
            if ["van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "la", "le", "ter", "ten", "zu",
                "bin", "al", "el"].contains(word) { continue }
            guard let first = word.first, first.isUppercase else { return false }
            capitalised += 1
        }
        return capitalised >= 2
    }
}

private extension String {
    /// `hasPrefix` on bytes where they decide (see PageText.hasPrefix).
    func opens(_ prefix: String) -> Bool { PageText.hasPrefix(self, prefix) }
}
