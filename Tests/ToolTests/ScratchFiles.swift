import Foundation

/// Runs `body` in a fresh temporary directory holding the given files (name → contents); the directory is
/// removed afterwards.
func withScratchFiles(_ files: [String: String], _ body: (URL) throws -> Void) throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tool-files-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    for (name, contents) in files { try Data(contents.utf8).write(to: directory.appendingPathComponent(name)) }
    try body(directory)
}
