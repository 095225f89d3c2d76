import Foundation
import Plot
import Testing

/// How Plot finds its fonts (``FontFiles``): as fontconfig's `fc-match` answers, else in the distributions'
/// directories, else an error that says what was tried.
@Suite struct FontFilesTests {
    /// What `fc-match --format=%{file} pattern` prints, run here as a user would.
    func fcMatch(_ pattern: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["fc-match", "--format=%{file}", pattern]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "fc-match is missing: make setup installs fontconfig")
        return String(decoding: data, as: UTF8.self)
    }

    @Test func fontconfigChoosesTheFiles() throws {
        let fonts = try FontFiles.locate()
        #expect(fonts.source == "fc-match")
        #expect(fonts.regular == (try fcMatch("DejaVu Sans:style=Book")))
        #expect(fonts.bold == (try fcMatch("DejaVu Sans:style=Bold")))
        // The renderer uses them: on this machine, Debian's DejaVu Sans, as the figures always have.
        let renderer = try TextRenderer()
        #expect(renderer.fonts == fonts)
        #expect(renderer.fontDirectory == "/usr/share/fonts/truetype/dejavu")
    }

    /// Without fontconfig (no program, or one that names no readable file) the known directories are searched.
    @Test func withoutFontconfigTheDirectoriesAreSearched() throws {
        let missing = try FontFiles.locate(fcMatch: "/nonexistent/fc-match")
        #expect(missing.source == "/usr/share/fonts/truetype/dejavu")
        #expect(missing.regular == "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let fake = directory.appendingPathComponent("fc-match")
        try "#!/bin/sh\nprintf /nonexistent/font.ttf\n".write(to: fake, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake.path)
        let wrong = try FontFiles.locate(
            fcMatch: fake.path, fallbackDirectories: ["/nonexistent", "/usr/share/fonts/truetype/dejavu"])
        #expect(wrong.source == "/usr/share/fonts/truetype/dejavu")
    }

    @Test func noFontIsAnErrorThatSaysWhatWasTried() {
        let error = #expect(throws: PlotError.self) {
            try FontFiles.locate(
                fcMatch: "/nonexistent/fc-match", fallbackDirectories: ["/nonexistent/a", "/nonexistent/b"])
        }
        #expect(
            error?.description
                == "DejaVu Sans: cannot load font (/nonexistent/fc-match found no readable font; no DejaVuSans.ttf and DejaVuSans-Bold.ttf in /nonexistent/a, /nonexistent/b; install the DejaVu fonts (Debian: fonts-dejavu-core) or set PLOT_FONT_DIR)"
        )
        // A directory given must hold both faces: the missing file is named.
        let given = #expect(throws: PlotError.self) { try FontFiles.locate(directory: "/nonexistent/fonts") }
        #expect(given?.description == "/nonexistent/fonts/DejaVuSans.ttf: cannot load font (no such readable file)")
    }
}
