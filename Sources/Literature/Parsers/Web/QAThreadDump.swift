// Stack Exchange threads (Cross Validated and its siblings) dumped as text. Two renderings occur: one
// with "## Best Answer" headings and Markdown emphasis, one with bullet comments carrying
// `$\begingroup$ … $\endgroup$ – Name Nov 30 '17 at 19:33`. Posts are split at answer headings and
// after each run of comments; the question's first sentence becomes the thread's title because the
// dumps carry none.

enum QAThreadDump {
    /// Site name used when the dump does not say which Stack Exchange site it comes from.
    static let defaultSite = "Cross Validated"

    private struct Post {
        var role: String
        var line: Int
        var paragraphs: [String] = []
    }

    static func parse(_ lines: [PageLine], file: String) -> ParseResult {
        var passages: [PassageRecord] = []
        var repairs: [String] = []
        var diagnostics: [Diagnostic] = []
        var explicitTitle: String?
        var post: Post?
        var postIsClosed = false            // a run of comments ends the post above it
        var nextAnswerRole = "answer"

        func flush() {
            if let open = post, !open.paragraphs.isEmpty {
                passages.append(PassageRecord(role: open.role, text: open.paragraphs.joined(separator: "\n\n"),
                                              line: open.line))
            }
            post = nil
        }

        let firstLine = lines.first { !$0.trimmed.isEmpty }?.number
        for line in lines {
            let text = PageText.trim(line.text)
            if text.isEmpty { continue }
            if line.number == firstLine, text.hasPrefix("# ") {
                explicitTitle = PageText.trim(text.dropFirst(2))
                continue
            }
            if let role = answerHeadingRole(text) {
                flush()
                nextAnswerRole = role
                postIsClosed = true
                continue
            }
            if let rule = threadBoilerplateRule(text) {
                repairs.append("line \(line.number): removed \(rule) '\(PageBoilerplate.abbreviated(text))'")
                continue
            }
            if let comment = QAComment.parse(text) {
                if let refusal = comment.dateRefusal {
                    diagnostics.append(Diagnostic(.warning, at: SourceLocation(file: file, line: line.number), refusal))
                }
                flush()
                passages.append(PassageRecord(role: "comment", author: comment.author, text: comment.text,
                                              date: comment.date, line: line.number))
                postIsClosed = true
                continue
            }
            if post == nil || postIsClosed {
                flush()
                let role = passages.contains { $0.role == "question" } ? nextAnswerRole : "question"
                post = Post(role: role, line: line.number)
                nextAnswerRole = "answer"
                postIsClosed = false
            }
            post?.paragraphs.append(bodyText(text))
        }
        flush()

        guard let question = passages.first(where: { $0.role == "question" }) else {
            diagnostics.append(Diagnostic(.error, at: SourceLocation(file: file),
                                          "Q&A page dump without a question: nothing to store"))
            return ParseResult(diagnostics: diagnostics)
        }
        let title = explicitTitle ?? PageText.strippingEmphasis(PageText.firstSentence(
            question.text.split(separator: "\n\n").first.map(String.init) ?? question.text))
        let location = SourceLocation(file: file, line: question.line ?? 1)
        let work = WorkRecord(kind: .discussion, title: title, venue: defaultSite,
                              note: "Stack Exchange thread; the dump names no site, \(defaultSite) assumed; title is the question's first sentence",
                              location: location)
        let document = DocumentRecord(work: WorkReference(title: title), kind: PageDumpKind.qaThread.rawValue,
                                      title: title, passages: passages, repairs: repairs, location: location)
        return ParseResult(works: [work.scraped(from: "Stack Exchange thread")], documents: [document],
                           diagnostics: diagnostics)
    }

    /// "accepted-answer" for "Best Answer"/"Accepted answer" headings, "answer" for "N Answers"; else nil.
    static func answerHeadingRole(_ line: String) -> String? {
        guard line.utf8.count <= 200 else { return nil }   // headings are short; keeps long lines cheap
        var text = PageText.trim(line)
        while text.hasPrefix("#") { text.removeFirst() }
        // Every heading below has at most two words; counting them first keeps prose lines cheap.
        guard PageText.asciiWords(in: text, upTo: 2) <= 2 else { return nil }
        let heading = PageText.lower(PageText.collapse(text))
        if ["best answer", "accepted answer", "accepted solution"].contains(heading) { return "accepted-answer" }
        let words = heading.split(separator: " ")
        if heading == "answer" || (words.count == 2 && words[0].allSatisfy(\.isNumber) && words[1].hasPrefix("answer")) {
            return "answer"
        }
        return nil
    }

    /// Stack Exchange chrome: the answer form, "Not the answer…", lone vote counts, share/follow links.
    static func threadBoilerplateRule(_ text: String) -> String? {
        guard text.utf8.count <= PageLimits.maximumShortLineBytes else { return nil }
        let lower = PageText.lower(PageText.collapse(text))
        var bare = Substring(lower)
        if bare.hasPrefix("•") || bare.hasPrefix("-") || bare.hasPrefix("*") { bare = bare.dropFirst() }
        let core = PageText.trim(bare)
        if !core.isEmpty, core.allSatisfy({ $0.isNumber || $0 == "-" || $0 == "+" }), core.count <= 6 {
            return "vote count"
        }
        if lower == "your answer" || lower.contains("post your answer") { return "answer form" }
        if lower.hasPrefix("not the answer you") { return "related-questions prompt" }
        if ["share improve this", "add a comment", "show ", "highest score", "sorted by"]
            .contains(where: lower.hasPrefix), lower.count <= 80 { return "thread controls" }
        return PageBoilerplate.lineRule(text)
    }

    /// The post text of a dump line: list bullets normalised, LaTeX kept as is.
    private static func bodyText(_ text: String) -> String {
        if text.hasPrefix("• ") { return "- " + PageText.trim(text.dropFirst(2)) }
        if text.hasPrefix("#") { return PageText.trim(text.drop { $0 == "#" }) }   // a heading inside a post
        return text
    }
}
