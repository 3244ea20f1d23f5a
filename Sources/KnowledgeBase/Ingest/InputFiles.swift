// Which files an ingest reads. Directory walks use lstat, so a symbolic link is seen as a link: links
// that leave the walked directory are not followed, and FIFOs, sockets and devices are never opened
// (opening a FIFO would block). Every file left out is reported with its reason.
import Foundation
import Literature
#if canImport(Glibc)
import Glibc
#endif

/// A file an ingest did not read, and why.
public struct SkippedInput: Sendable, Hashable {
    public enum Kind: String, Sendable {
        /// Hidden entries and extensions nnid does not read: counted, listed with --verbose.
        case ignored
        /// Symbolic links out of the walked directory, FIFOs, sockets, devices: a warning per file.
        case refused
        /// A path the system cannot open (longer than PATH_MAX): an error per file.
        case unreadable
    }

    public var path: String
    public var reason: String
    public var kind: Kind

    /// The diagnostic for a refused or unreadable file (nil for an ignored one).
    public var diagnostic: Diagnostic? {
        switch kind {
        case .ignored: return nil
        case .refused: return Diagnostic(.warning, at: SourceLocation(file: path), reason)
        case .unreadable: return Diagnostic(.error, at: SourceLocation(file: path), reason)
        }
    }
}

/// The files to read and the ones left out.
public struct InputSelection: Sendable {
    public var files: [String] = []
    public var skipped: [SkippedInput] = []
}

extension Ingester {
    /// The longest path the system opens (Linux PATH_MAX, counting the terminating NUL).
    static let maximumPathBytes = Int(PATH_MAX) - 1

    /// The files under `paths`: a named file is read whatever its extension (the content decides an
    /// unknown one) unless it is not a regular file; directories are walked recursively in sorted order,
    /// reading files with a known extension. Throws `missingInput` for a path that does not exist.
    public static func selectInputs(_ paths: [String]) throws(KnowledgeBaseError) -> InputSelection {
        var selection = InputSelection()
        for path in paths {
            guard let info = status(path, followLinks: true) else { throw .missingInput(path: path) }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                let base = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
                let root = URL(fileURLWithPath: base).resolvingSymlinksInPath().path
                walk(base, root: root, into: &selection)
            case S_IFREG:
                selection.files.append(path)
            default:
                selection.skipped.append(SkippedInput(path: path, reason: "\(kindName(info.st_mode)), not a regular file; not read",
                                                      kind: .unreadable))
            }
        }
        return selection
    }

    private static func walk(_ directory: String, root: String, into selection: inout InputSelection) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            selection.skipped.append(SkippedInput(path: directory, reason: "cannot list the directory (check permissions)",
                                                  kind: .unreadable))
            return
        }
        for name in names.sorted() {
            let full = directory + "/" + name
            if name.hasPrefix(".") {
                selection.skipped.append(SkippedInput(path: full, reason: "hidden", kind: .ignored))
                continue
            }
            if full.utf8.count > maximumPathBytes {
                selection.skipped.append(SkippedInput(path: full,
                    reason: "path is \(full.utf8.count) bytes, longer than the system limit of \(maximumPathBytes) (PATH_MAX); not read",
                    kind: .unreadable))
                continue
            }
            guard let info = status(full, followLinks: false) else {
                selection.skipped.append(SkippedInput(path: full, reason: "cannot read its status (\(String(cString: strerror(errno))))",
                                                      kind: .unreadable))
                continue
            }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                walk(full, root: root, into: &selection)
            case S_IFREG:
                addByExtension(full, into: &selection)
            case S_IFLNK:
                followLink(full, root: root, into: &selection)
            default:
                selection.skipped.append(SkippedInput(path: full, reason: "\(kindName(info.st_mode)), not a regular file; not read",
                                                      kind: .refused))
            }
        }
    }

    /// A link is followed only to a regular file inside the walked root; directories behind links are not
    /// walked (that could loop).
    private static func followLink(_ path: String, root: String, into selection: inout InputSelection) {
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        guard let info = status(path, followLinks: true) else {
            selection.skipped.append(SkippedInput(path: path, reason: "broken symbolic link; not read", kind: .refused))
            return
        }
        guard target == root || target.hasPrefix(root + "/") else {
            selection.skipped.append(SkippedInput(path: path,
                reason: "symbolic link to \(target), outside the walked directory \(root); not followed", kind: .refused))
            return
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: addByExtension(path, into: &selection)
        case S_IFDIR:
            selection.skipped.append(SkippedInput(path: path, reason: "symbolic link to a directory; not followed", kind: .refused))
        default:
            selection.skipped.append(SkippedInput(path: path, reason: "symbolic link to \(kindName(info.st_mode)); not read",
                                                  kind: .refused))
        }
    }

    private static func addByExtension(_ path: String, into selection: inout InputSelection) {
        if SourceFormat.byExtension(path) != nil {
            selection.files.append(path)
        } else {
            let ext = (path as NSString).pathExtension
            selection.skipped.append(SkippedInput(path: path, reason: ext.isEmpty
                ? "no file extension (name the file on the command line to read it by its content)"
                : "unknown extension '.\(ext)' (name the file on the command line to read it by its content)",
                kind: .ignored))
        }
    }

    private static func status(_ path: String, followLinks: Bool) -> stat? {
        var info = stat()
        let result = followLinks ? stat(path, &info) : lstat(path, &info)
        return result == 0 ? info : nil
    }

    private static func kindName(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFIFO: return "a named pipe (FIFO)"
        case S_IFSOCK: return "a socket"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFLNK: return "a symbolic link"
        case S_IFDIR: return "a directory"
        default: return "not a regular file"
        }
    }
}
