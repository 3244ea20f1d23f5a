// One Stack Exchange comment line: "• $\begingroup$ text $\endgroup$ – Author Nov 30 '17 at 19:33".

struct QAComment: Sendable, Hashable {
    var text: String
    var author: String?
    /// ISO 8601 ("2017-11-30T19:33") when the tail gives a year, else nil.
    var date: String?
    /// Why a date the tail states was not stored (a year that is not two digits, an hour past 23).
    var dateRefusal: String?

    /// The comment on `line`, or nil when the line is not a comment.
    static func parse(_ line: String) -> QAComment? {
        var text = PageText.collapse(line)
        if text.hasPrefix("•") { text = PageText.trim(text.dropFirst()) }
        let hasGroupMarkers = text.contains("$\\begingroup$")
        text = PageText.collapse(text.replacing("$\\begingroup$", with: " ").replacing("$\\endgroup$", with: " "))
        let tail = authorTail(text)
        guard hasGroupMarkers || (line.contains("•") && tail != nil) else { return nil }
        guard let tail else { return QAComment(text: text, author: nil, date: nil) }
        return QAComment(text: tail.body, author: tail.author, date: tail.date, dateRefusal: tail.refusal)
    }

    /// Splits "body – Author Mon DD ['YY] at HH:MM" into its parts.
    private static func authorTail(_ text: String) -> (body: String, author: String, date: String?, refusal: String?)? {
        let dashes: [Character] = ["–", "—"]
        guard let dash = text.lastIndex(where: { dashes.contains($0) }) else { return nil }
        let body = PageText.trim(text[..<dash])
        let words = text[text.index(after: dash)...].split(separator: " ").map(String.init)
        // The tail ends with "<Mon> <day> ['YY] at <HH:MM>"; everything before that is the author.
        guard let atIndex = words.lastIndex(of: "at"), atIndex + 1 == words.count - 1,
              isClock(words[atIndex + 1]) else { return nil }
        let hasYear = atIndex >= 3 && words[atIndex - 1].hasPrefix("'")
        let monthIndex = atIndex - (hasYear ? 3 : 2)
        guard monthIndex >= 1, let month = monthNumber(words[monthIndex]),
              let day = Int(words[monthIndex + 1]), (1...31).contains(day) else { return nil }
        let author = words[..<monthIndex].joined(separator: " ")
        var date: String?
        var refusal: String?
        if hasYear {
            // "'17" is 2017 (Stack Exchange prints two digits); anything else is refused, not padded into
            // a longer year, and so is a clock outside 00:00–23:59.
            let shortYear = words[atIndex - 1].dropFirst()
            let clock = words[atIndex + 1].split(separator: ":")
            let stated = "'\(words[monthIndex...].joined(separator: " "))'"
            if shortYear.count != 2 || !shortYear.allSatisfy({ $0.isASCII && $0.isNumber }) {
                refusal = "comment date \(stated): the year is not two digits; not stored"
            } else if let hour = Int(clock[0]), let minute = Int(clock[1]), hour <= 23, minute <= 59 {
                date = "20" + shortYear + "-" + pad(month) + "-" + pad(day) + "T" + pad(hour) + ":" + pad(minute)
            } else {
                refusal = "comment date \(stated): the time is not a clock time 00:00–23:59; not stored"
            }
        }
        return (body, author, date, refusal)
    }

    private static func isClock(_ word: String) -> Bool {
        let parts = word.split(separator: ":")
        return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.count <= 2 && $0.allSatisfy(\.isNumber) }
    }

    private static func monthNumber(_ word: String) -> Int? {
        let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        return months.firstIndex(of: String(word.lowercased().prefix(3))).map { $0 + 1 }
    }

    private static func pad(_ number: Int) -> String { number < 10 ? "0\(number)" : "\(number)" }
}
