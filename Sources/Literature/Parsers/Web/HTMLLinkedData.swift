// schema.org JSON-LD in <script type="application/ld+json">: the first ScholarlyArticle-like object
// (also inside "@graph" or a top-level array) gives title, authors, year, venue, DOI and abstract.
// It ranks below Highwire and Dublin Core meta tags and above OpenGraph.

import CLibXML2
import Foundation

struct HTMLLinkedData {
    var title: String?
    var authors: [PersonName] = []
    var year: Int?
    var venue: String?
    var doi: String?
    var abstract: String?
    /// The source line of the script element.
    var line: Int = 1
    /// Values refused or changed (a year out of range, an oversized or NUL-holding string), said as warnings.
    var warnings: [String] = []

    /// schema.org types that describe a scholarly work.
    static let scholarlyTypes: Set<String> = [
        "scholarlyarticle", "article", "techarticle", "report", "thesis", "chapter", "book",
        "medicalscholarlyarticle", "publicationissue",
    ]

    /// The page's scholarly JSON-LD object, or nil when it has none (unparsable blocks are ignored).
    static func find(in tree: HTMLTree) -> HTMLLinkedData? {
        for node in tree.nodes("//script[@type]") {
            guard HTMLTree.attribute("type", of: node)?.lowercased().hasPrefix("application/ld+json") == true else { continue }
            let raw = HTMLTree.rawText(of: node)
            guard let data = raw.data(using: .utf8),
                  let json = try? JSONSerialization.jsonObject(with: data) else { continue }
            if let object = scholarlyObject(in: json, depth: 0) {
                var found = HTMLLinkedData(object)
                found.line = max(HTMLTree.line(of: node), 1)
                return found
            }
        }
        return nil
    }

    private static func scholarlyObject(in json: Any, depth: Int) -> [String: Any]? {
        guard depth < 4 else { return nil }
        if let array = json as? [Any] {
            return array.lazy.compactMap { scholarlyObject(in: $0, depth: depth + 1) }.first
        }
        guard let object = json as? [String: Any] else { return nil }
        let types = (object["@type"] as? String).map { [$0] } ?? (object["@type"] as? [String]) ?? []
        if types.contains(where: { scholarlyTypes.contains($0.lowercased()) }) { return object }
        if let graph = object["@graph"] { return scholarlyObject(in: graph, depth: depth + 1) }
        if let main = object["mainEntity"] { return scholarlyObject(in: main, depth: depth + 1) }
        return nil
    }

    private init(_ object: [String: Any]) {
        title = Self.string(object["headline"]) ?? Self.string(object["name"])
        authors = Self.list(object["author"]).compactMap(Self.person)
        if let date = Self.string(object["datePublished"]) ?? Self.string(object["dateCreated"])
            ?? Self.string(object["copyrightYear"]) {
            let parsed = ParserLimits.year(in: date)
            year = parsed.year
            if let refusal = parsed.refusal { warnings.append("JSON-LD date \(refusal)") }
        } else if let number = ["datePublished", "dateCreated", "copyrightYear"].lazy.compactMap({ object[$0] as? Double }).first {
            // A JSON number that is no Int (1e23, 2021.5) was passed over without a word.
            warnings.append("JSON-LD date \(number) is not a year in \(ParserLimits.yearRange.lowerBound)–\(ParserLimits.yearRange.upperBound); not stored")
        }
        venue = Self.name(object["isPartOf"]) ?? Self.name(object["periodical"])
        let identifiers = Self.list(object["identifier"]) + Self.list(object["sameAs"]) + Self.list(object["@id"])
        doi = identifiers.lazy.compactMap { value -> String? in
            if let text = value as? String { return PageIdentifiers.findDOI(in: text) }
            if let object = value as? [String: Any] {
                return (Self.string(object["value"]) ?? Self.string(object["@id"])).flatMap(PageIdentifiers.findDOI(in:))
            }
            return nil
        }.first
        abstract = Self.string(object["abstract"]) ?? Self.string(object["description"])
        title = checked(title, "title")
        venue = checked(venue, "venue")
        abstract = checked(abstract, "abstract")
    }

    /// `value` within `ParserLimits.maxFieldBytes` and with NULs made visible, each change a warning.
    private mutating func checked(_ value: String?, _ what: String) -> String? {
        guard let value else { return nil }
        guard value.utf8.count <= ParserLimits.maxFieldBytes else {
            warnings.append(ParserLimits.fieldTooLong("JSON-LD \(what)", bytes: value.utf8.count))
            return nil
        }
        guard let visible = ParserLimits.visibleNULs(value) else { return value }
        warnings.append("JSON-LD \(what) contains NUL characters; kept as the visible symbol ␀ (U+2400)")
        return visible
    }

    private static func string(_ value: Any?) -> String? {
        if let text = value as? String {
            let collapsed = PageText.collapse(text)
            return collapsed.isEmpty ? nil : collapsed
        }
        if let number = value as? Int { return String(number) }
        return nil
    }

    private static func list(_ value: Any?) -> [Any] {
        if let array = value as? [Any] { return array }
        return value.map { [$0] } ?? []
    }

    private static func name(_ value: Any?) -> String? {
        if let object = value as? [String: Any] { return string(object["name"]) }
        if let array = value as? [Any] { return array.lazy.compactMap(name).first }
        return string(value)
    }

    private static func person(_ value: Any) -> PersonName? {
        if let text = value as? String { return PageIdentifiers.personName(text) }
        guard let object = value as? [String: Any] else { return nil }
        if let family = string(object["familyName"]) {
            return PersonName(given: string(object["givenName"]) ?? "", family: family)
        }
        return string(object["name"]).flatMap(PageIdentifiers.personName)
    }
}

extension HTMLTree {
    /// The text nodes directly under `node`, unprocessed (for <script> content).
    static func rawText(of node: Node) -> String {
        var out = ""
        var child = node.pointee.children
        while let current = child {
            if let content = current.pointee.content { out += String(cString: content) }
            child = current.pointee.next
        }
        return out
    }
}
