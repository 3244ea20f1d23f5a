import ArgumentParser
import Foundation
import KnowledgeBase

/// stderr writing, progress lines (only on a terminal) and NO_COLOR.
enum Terminal {
    /// One message on stderr; control characters from data in it are escaped (TerminalText).
    static func error(_ message: String) {
        FileHandle.standardError.write(Data((TerminalText.escape(message, keepingLineBreaks: true) + "\n").utf8))
    }

    /// Prints an error about the database (or anything else) and returns the exit status to throw:
    /// a KnowledgeBaseError's own status (README, "Exit statuses"), else 1.
    static func failure(_ command: String, _ error: Error) -> ExitCode {
        Terminal.error("nnid \(command): error: \(error)")
        if case .store(let store)? = error as? ExportError { return ExitCode(store.exitStatus) }
        return ExitCode((error as? KnowledgeBaseError)?.exitStatus ?? ExitStatus.failure)
    }

    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }

    /// The terminal's width in columns: the window size of stdout, else $COLUMNS, else nil (no limit).
    static var columns: Int? {
        var size = winsize()
        if isatty(STDOUT_FILENO) != 0, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            return Int(size.ws_col)
        }
        if let text = ProcessInfo.processInfo.environment["COLUMNS"], let value = Int(text), value > 0 { return value }
        return nil
    }

    /// A one-line progress indicator on stderr, silent when stderr is not a terminal.
    static func progress(_ message: String) {
        guard stderrIsTerminal else { return }
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + TerminalText.escape(message)).utf8))
    }

    static func endProgress() {
        guard stderrIsTerminal else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    /// Colour only on a terminal and only when NO_COLOR is unset.
    static var useColor: Bool {
        isatty(STDOUT_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }
}

/// Exit statuses shared by every command: 0 success, 1 a check failed or an input had errors, 2 usage.
enum ExitStatus {
    static let failure: Int32 = 1
    static let usage: Int32 = 2
}
