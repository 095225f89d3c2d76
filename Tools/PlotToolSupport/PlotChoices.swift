import Plot
import ToolSupport

// What the tools that draw share beyond ToolSupport, which does not depend on Plot (so a tool that draws
// nothing does not link the renderer): Plot's errors as exit statuses, and its surface styles and colormaps
// as command-line choices.

extension PlotError: ExitStatusProviding {
    /// 65 for data that cannot be drawn (empty, non-finite, not a grid, non-positive on a log axis), 74 when
    /// the figure cannot be written, 70 for a missing font or a failed encoding (the installation, not the
    /// user's data).
    public var exitStatus: SysExit {
        switch self {
        case .emptyData, .nonFiniteData, .notAGrid, .nonPositiveOnLogAxis: .dataError
        case .cannotWrite: .ioError
        case .fontUnavailable, .encodingFailed: .software
        }
    }
}

extension SurfaceFigure.Style: CommandLineChoice {
    /// The three ways to draw a surface.
    public static var choices: [(word: String, help: String)] {
        allCases.map { style in
            switch style {
            case .surface: return (style.rawValue, "a shaded 3-D view from --elevation and --azimuth")
            case .heatmap: return (style.rawValue, "a colour image seen from above")
            case .contour: return (style.rawValue, "filled contours with labelled contour lines")
            }
        }
    }

    /// The style called `word`.
    public init?(word: String) {
        self.init(rawValue: word)
    }
}

extension Colormap: CommandLineChoice {
    /// The colormaps of ``Colormap/all``.
    public static var choices: [(word: String, help: String)] {
        let help = [
            "viridis": "perceptually uniform, dark blue → green → yellow (matplotlib's default)",
            "magma": "perceptually uniform, black → purple → orange → pale yellow",
            "cividis": "perceptually uniform and colour-vision-deficiency friendly, dark blue → grey → yellow",
            "rdbu": "diverging for signed data such as residuals: blue → near white → red",
        ]
        return all.map { ($0.name, help[$0.name] ?? "") }
    }

    /// The colormap called `word` (any case).
    public init?(word: String) {
        guard let colormap = Colormap.named(word) else { return nil }
        self = colormap
    }
}
