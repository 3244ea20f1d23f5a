// Field values as biber reads them: ISO 8601 / EDTF dates with ranges and uncertainty, years, the AAS
// journal macros, and the name-list roles. Every value that is changed or refused yields a warning.

/// A warning about one field value, at the value's byte offset.
struct FieldWarning {
    var field: String
    var message: String
}

enum BibLaTeXFields {
    /// Name-list fields other than `author`, in the order biblatex's data model lists them.
    static let contributorRoles = [
        "editor", "editora", "editorb", "editorc", "translator", "annotator", "commentator", "introduction",
        "foreword", "afterword", "bookauthor", "holder",
    ]

    /// A biblatex `date` (also `urldate`-style values): `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, ranges `A/B`
    /// (open ends allowed), EDTF uncertainty markers `?`, `~`, `%` and unspecified digits `X`. Returns the
    /// start year and month, and a warning for anything approximate or invalid.
    static func parseDate(_ raw: String) -> (year: Int?, month: Int?, warning: String?) {
        let value = LaTeXText.trimmed(raw.filter { $0 != "{" && $0 != "}" })
        guard !value.isEmpty else { return (nil, nil, "empty date") }
        let ends = value.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard ends.count <= 2 else { return (nil, nil, "'\(value)' is not a biblatex date") }
        let start = ends[0].isEmpty || ends[0] == ".." ? nil : ends[0]
        if ends.count == 2 {
            let end = ends[1]
            if !(end.isEmpty || end == ".."), dateParts(end) == nil {
                return (nil, nil, "'\(value)' is not a biblatex date range: the end '\(end)' is invalid")
            }
        }
        guard let start else {
            return (nil, nil, ends.count == 2 ? "date range '\(value)' has an open start; no year stored" : "empty date")
        }
        guard let parts = dateParts(start) else {
            return (nil, nil, "'\(value)' is not a biblatex date (expected YYYY, YYYY-MM or YYYY-MM-DD, optionally a range A/B); not stored")
        }
        var notes: [String] = []
        if parts.uncertain { notes.append("uncertain or approximate (EDTF '?', '~' or '%')") }
        if parts.unspecifiedYear { return (nil, nil, "'\(value)' has unspecified year digits (X); no year stored") }
        if parts.unspecifiedMonth { notes.append("month unspecified") }
        if ends.count == 2 { notes.append("a range; its start is stored") }
        let warning = notes.isEmpty ? nil : "date '\(value)' is " + notes.joined(separator: ", ")
        return (parts.year, parts.month, warning)
    }

    private struct DateParts {
        var year: Int?
        var month: Int?
        var uncertain = false
        var unspecifiedYear = false
        var unspecifiedMonth = false
    }

    /// One date: year (4 digits, optionally negative), month 01–12 (or 21–24 seasons), day 01–31.
    private static func dateParts(_ text: String) -> DateParts? {
        var body = text
        var parts = DateParts()
        while let last = body.last, "?~%".contains(last) { body.removeLast(); parts.uncertain = true }
        if body.contains("T") { body = String(body.prefix { $0 != "T" }) }   // a time of day is ignored
        let negative = body.hasPrefix("-")
        if negative { body.removeFirst() }
        let fields = body.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard (1...3).contains(fields.count), fields[0].count == 4 else { return nil }
        let allowed = Set("0123456789X")
        guard fields.allSatisfy({ !$0.isEmpty && $0.allSatisfy(allowed.contains) }) else { return nil }
        if fields[0].contains("X") { parts.unspecifiedYear = true } else {
            guard let year = Int(fields[0]) else { return nil }
            parts.year = negative ? -year : year
        }
        if fields.count >= 2 {
            guard fields[1].count == 2 else { return nil }
            if fields[1].contains("X") { parts.unspecifiedMonth = true } else {
                guard let month = Int(fields[1]), (1...12).contains(month) || (21...24).contains(month) else { return nil }
                parts.month = month <= 12 ? month : nil
            }
        }
        if fields.count == 3 {
            guard fields[2].count == 2 else { return nil }
            if !fields[2].contains("X") {
                guard let day = Int(fields[2]), (1...31).contains(day) else { return nil }
            }
        }
        return parts
    }

    /// A `year` field: digits (optionally with a trailing letter such as "2021a"); anything else or a
    /// year outside `ParserLimits.yearRange` is refused with a warning, never clamped.
    static func parseYear(_ raw: String) -> (year: Int?, warning: String?) {
        // The usual value: four ASCII digits.
        if raw.utf8.count == 4, raw.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let year = Int(raw),
           ParserLimits.yearRange.contains(year) {
            return (year, nil)
        }
        let unsorted = raw.utf8.contains(UInt8(ascii: "\\")) ? withoutSortingCommands(raw) : raw
        let value = LaTeXText.trimmed(unsorted.filter { $0 != "{" && $0 != "}" })
        var digits = Substring(value)
        if let last = digits.last, last.isLetter, last.isASCII, digits.dropLast().allSatisfy(\.isASCII) {
            digits = digits.dropLast()
        }
        if !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) {
            guard digits.count <= 4, let year = Int(digits), ParserLimits.yearRange.contains(year) else {
                return (nil, "year '\(value)' is outside \(ParserLimits.yearRange.lowerBound)–\(ParserLimits.yearRange.upperBound); not stored")
            }
            return (year, digits.count == value.count ? nil : "year '\(value)' stored as \(year)")
        }
        // "2021/2022", "circa 1950": the first four-digit run is the year, said in a warning ("circa 19999"
        // is refused, not cut to 1999).
        if !value.contains(where: { $0.isNumber && !$0.isASCII }) {
            let parsed = ParserLimits.year(in: value)
            if let year = parsed.year { return (year, "year '\(value)' is not a plain number; stored as \(year)") }
            if let refusal = parsed.refusal { return (nil, "year \(refusal)") }
        }
        return (nil, "year '\(value)' is not a year; not stored")
    }

    /// `raw` without `\noopsort{…}` / `\SortNoop{…}` and their argument, which only steer sorting
    /// (`{\noopsort{1973c}}1981` prints 1981).
    static func withoutSortingCommands(_ raw: String) -> String {
        var text = raw
        for command in ["\\noopsort", "\\SortNoop", "\\sortnoop"] {
            while let start = text.range(of: command + "{") {
                var depth = 1
                var index = start.upperBound
                while index < text.endIndex, depth > 0 {
                    if text[index] == "{" { depth += 1 } else if text[index] == "}" { depth -= 1 }
                    index = text.index(after: index)
                }
                text.removeSubrange(start.lowerBound..<index)
            }
        }
        return text
    }

    /// Full journal names for the AAS macros that ADS exports (`journal = \mnras`), as defined by
    /// aastex's journal abbreviations; nil for other values.
    static func expandJournalMacro(_ raw: String) -> String? {
        guard raw.utf8.contains(UInt8(ascii: "\\")) else { return nil }
        let value = LaTeXText.trimmed(raw.filter { $0 != "{" && $0 != "}" })
        guard value.hasPrefix("\\"), value.dropFirst().allSatisfy({ $0.isLetter && $0.isASCII }) else { return nil }
        return aasJournals[String(value.dropFirst())]
    }

    /// True when a value is a single command LaTeX decoding would drop (`\foo`).
    static func isLoneMacro(_ raw: String) -> Bool {
        guard raw.utf8.contains(UInt8(ascii: "\\")) else { return false }
        let value = LaTeXText.trimmed(raw.filter { $0 != "{" && $0 != "}" })
        return value.hasPrefix("\\") && value.count > 1 && value.dropFirst().allSatisfy { $0.isLetter && $0.isASCII }
    }

    static let aasJournals: [String: String] = [
        "aj": "Astronomical Journal", "actaa": "Acta Astronomica", "araa": "Annual Review of Astronomy and Astrophysics",
        "apj": "Astrophysical Journal", "apjl": "Astrophysical Journal Letters", "apjs": "Astrophysical Journal Supplement",
        "ao": "Applied Optics", "apss": "Astrophysics and Space Science", "aap": "Astronomy and Astrophysics",
        "aapr": "Astronomy and Astrophysics Reviews", "aaps": "Astronomy and Astrophysics Supplement",
        "azh": "Astronomicheskii Zhurnal", "baas": "Bulletin of the American Astronomical Society",
        "caa": "Chinese Astronomy and Astrophysics", "cjaa": "Chinese Journal of Astronomy and Astrophysics",
        "icarus": "Icarus", "jcap": "Journal of Cosmology and Astroparticle Physics",
        "jrasc": "Journal of the Royal Astronomical Society of Canada", "memras": "Memoirs of the Royal Astronomical Society",
        "mnras": "Monthly Notices of the Royal Astronomical Society", "na": "New Astronomy",
        "nar": "New Astronomy Review", "pra": "Physical Review A", "prb": "Physical Review B",
        "prc": "Physical Review C", "prd": "Physical Review D", "pre": "Physical Review E",
        "prl": "Physical Review Letters", "pasa": "Publications of the Astronomical Society of Australia",
        "pasp": "Publications of the Astronomical Society of the Pacific",
        "pasj": "Publications of the Astronomical Society of Japan", "qjras": "Quarterly Journal of the Royal Astronomical Society",
        "rmxaa": "Revista Mexicana de Astronomía y Astrofísica", "skytel": "Sky and Telescope", "solphys": "Solar Physics",
        "sovast": "Soviet Astronomy", "ssr": "Space Science Reviews", "zap": "Zeitschrift für Astrophysik",
        "nat": "Nature", "iaucirc": "IAU Circulars", "aplett": "Astrophysics Letters",
        "apspr": "Astrophysics Space Physics Research", "bain": "Bulletin of the Astronomical Institutes of the Netherlands",
        "fcp": "Fundamental Cosmic Physics", "gca": "Geochimica et Cosmochimica Acta", "grl": "Geophysical Research Letters",
        "jcp": "Journal of Chemical Physics", "jgr": "Journal of Geophysical Research",
        "jqsrt": "Journal of Quantitative Spectroscopy and Radiative Transfer",
        "memsai": "Memorie della Società Astronomica Italiana", "nphysa": "Nuclear Physics A",
        "physrep": "Physics Reports", "physscr": "Physica Scripta", "planss": "Planetary and Space Science",
        "procspie": "Proceedings of the SPIE", "psj": "Planetary Science Journal", "dps": "DPS meeting abstracts",
        "aas": "American Astronomical Society Meeting Abstracts",
    ]
}
