/// Why a weight or sample file could not be read. Every case names where the problem is (a field, a
/// layer, a byte offset) so that the user can find it; the CLI prints it as one sentence.
public struct ModelError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The file (or a description of the input) the problem is in; empty when unknown.
    public var file: String
    /// The message without the file name.
    public var message: String

    public init(_ message: String, file: String = "") {
        self.file = file
        self.message = message
    }

    /// The same error attributed to `file`.
    public func inFile(_ file: String) -> ModelError { ModelError(message, file: file) }

    public var description: String { file.isEmpty ? message : "\(file): \(message)" }
}
