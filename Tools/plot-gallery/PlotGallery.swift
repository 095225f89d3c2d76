import ArgumentParser
import Plot
import PlotToolSupport
import ToolSupport

/// `plot-gallery`: draws one example of every figure type into a directory (`make gallery`).
@main
struct PlotGallery: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot-gallery",
        abstract: "Draw one PNG of every figure type the Plot library makes.",
        discussion: """
            Writes loss-curves.png, error-bands.png, bars.png, scatter.png, heatmap.png, contours.png,
            optimizer-paths.png, surface-3d.png, residuals.png and line-styles.png into the output directory.

            Examples:
              plot-gallery --output docs/gallery
              plot-gallery -o gallery | cut -d ' ' -f 1 | xargs ls -l     # each figure's path, then its size
            """,
        version: toolkitVersion)

    @Option(name: .shortAndLong, help: "The directory to write the PNG files into (created if missing).")
    var output = "docs/gallery"

    func run() throws {
        try runReportingErrors(tool: "plot-gallery") { try draw() }
    }

    /// Draws every figure into ``output``, printing each file's path and time.
    func draw() throws {
        try OutputFile.createDirectory(output, option: "--output")
        let figures: [(String, () -> Figure)] = [
            ("loss-curves", Gallery.lossCurves), ("error-bands", Gallery.errorBands), ("bars", Gallery.bars),
            ("scatter", Gallery.scatter), ("heatmap", Gallery.heatmap), ("contours", Gallery.contours),
            ("optimizer-paths", Gallery.optimizerPaths), ("surface-3d", Gallery.surface3D),
            ("residuals", Gallery.residuals), ("line-styles", Gallery.lineStyles),
        ]
        for (name, make) in figures {
            let path = output + "/" + name + ".png"
            let clock = ContinuousClock()
            let elapsed = try clock.measure { try make().write(to: path) }
            let (seconds, attoseconds) = elapsed.components
            StandardOutput.print("\(path)  (\(seconds * 1000 + attoseconds / 1_000_000_000_000_000) ms)")
        }
        try StandardOutput.check()
    }
}
