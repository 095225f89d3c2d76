import Platform

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The two faces ``TextRenderer`` draws with, DejaVu Sans and DejaVu Sans Bold, and how they were found.
///
/// ``locate(directory:fcMatch:fallbackDirectories:)`` looks, in this order: in a directory named by the
/// caller or by `PLOT_FONT_DIR` (both files must be there); through fontconfig, as the system finds fonts
/// (`fc-match 'DejaVu Sans:style=Book'` and `'DejaVu Sans:style=Bold'`, whatever the distribution's layout; on a
/// system without DejaVu it answers with the closest family it has); then in the directories where
/// distributions put DejaVu (``fallbackDirectories``). When none has them, the error says what was tried and
/// what to install.
public struct FontFiles: Sendable, Equatable {
    /// The regular face's file.
    public let regular: String
    /// The bold face's file.
    public let bold: String
    /// Where they were found: `fontDirectory`, `PLOT_FONT_DIR`, `fc-match`, or the fallback directory.
    public let source: String

    /// The files of a face pair.
    public init(regular: String, bold: String, source: String) {
        self.regular = regular
        self.bold = bold
        self.source = source
    }

    /// The file names of DejaVu Sans's two faces in a directory of them.
    public static let fileNames = (regular: "DejaVuSans.ttf", bold: "DejaVuSans-Bold.ttf")

    /// Where DejaVu Sans is installed on Debian and Ubuntu (`fonts-dejavu-core`), Fedora, openSUSE, Arch,
    /// and Homebrew on macOS.
    public static let fallbackDirectories = [
        "/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu-sans-fonts", "/usr/share/fonts/truetype",
        "/usr/share/fonts/TTF", "/opt/homebrew/share/fonts", "/usr/local/share/fonts",
    ]

    /// The faces found for a default ``TextRenderer`` (no directory given), looked up once per process.
    static let standard = Result { () throws(PlotError) in try locate() }

    /// Finds the two faces.
    ///
    /// - Parameters:
    ///   - directory: a directory that must hold `DejaVuSans.ttf` and `DejaVuSans-Bold.ttf`; nil for
    ///     `PLOT_FONT_DIR`, or when that is not set, fontconfig and then the fallbacks.
    ///   - fcMatch: the `fc-match` program (looked up in `PATH` unless it holds a `/`); nil not to ask
    ///     fontconfig.
    ///   - fallbackDirectories: where to look when fontconfig does not answer.
    /// - Throws: `PlotError.fontUnavailable` naming the file missing from the directory given, or, when
    ///   nothing was given and nothing found, saying what was tried.
    public static func locate(
        directory: String? = nil, fcMatch: String? = "fc-match", fallbackDirectories: [String] = fallbackDirectories
    ) throws(PlotError) -> FontFiles {
        let variable = getenv(TextRenderer.fontDirectoryVariable).map { String(cString: $0) } ?? ""
        if let directory = directory ?? (variable.isEmpty ? nil : variable) {
            for file in [fileNames.regular, fileNames.bold] where !isReadable(directory + "/" + file) {
                throw .fontUnavailable(path: directory + "/" + file, reason: "no such readable file")
            }
            return FontFiles(
                regular: directory + "/" + fileNames.regular, bold: directory + "/" + fileNames.bold,
                source: directory == variable ? TextRenderer.fontDirectoryVariable : "fontDirectory")
        }
        var tried: [String] = []
        if let fcMatch {
            if let regular = match(fcMatch, "DejaVu Sans:style=Book"),
                let bold = match(fcMatch, "DejaVu Sans:style=Bold")
            {
                return FontFiles(regular: regular, bold: bold, source: "fc-match")
            }
            tried.append("\(fcMatch) found no readable font")
        }
        for directory in fallbackDirectories {
            let regular = directory + "/" + fileNames.regular, bold = directory + "/" + fileNames.bold
            if isReadable(regular) && isReadable(bold) {
                return FontFiles(regular: regular, bold: bold, source: directory)
            }
        }
        tried.append(
            "no \(fileNames.regular) and \(fileNames.bold) in " + fallbackDirectories.joined(separator: ", "))
        throw .fontUnavailable(
            path: "DejaVu Sans",
            reason: tried.joined(separator: "; ")
                + "; install the DejaVu fonts (Debian: fonts-dejavu-core) or set \(TextRenderer.fontDirectoryVariable)"
        )
    }

    /// Whether `path` is a file this process can read.
    static func isReadable(_ path: String) -> Bool {
        var status = stat()
        return access(path, R_OK) == 0 && stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
    }

    /// The file fontconfig chooses for `pattern` (`fc-match --format=%{file} pattern`), when the program runs,
    /// succeeds and names a readable file.
    static func match(_ program: String, _ pattern: String) -> String? {
        guard let run = try? Subprocess.run([program, "--format=%{file}", pattern], standardError: .discarded),
            run.exitCode == 0, !run.output.isEmpty, isReadable(run.output)
        else { return nil }
        return run.output
    }
}
