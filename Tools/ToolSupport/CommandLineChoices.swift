import NN
import Plot

// The closed sets of the tools' options: activations and losses (NN), surface styles and colormaps (Plot),
// and batch sizes. Each lists its words with one line of help for `--help`. Optim's optimizers and line
// searches conform in `train`, their only user (ToolSupport does not depend on Optim).

extension Activation: CommandLineChoice {
    /// The names of ``Activation/names`` with their formulas.
    public static var choices: [(word: String, help: String)] {
        names.compactMap { name in Activation(name: name).map { (name, $0.formula) } }
    }

    /// The activation called `word` (with its default parameters).
    public init?(word: String) {
        self.init(name: word)
    }
}

extension Loss: CommandLineChoice {
    /// The names of ``Loss/names`` with their formulas.
    public static var choices: [(word: String, help: String)] {
        names.compactMap { name in Loss(name: name).map { (name, $0.formula) } }
    }

    /// The loss called `word`.
    public init?(word: String) {
        self.init(name: word)
    }
}

/// The rows of one minibatch: all of them (`full`, one step per epoch) or a positive number.
public enum BatchSize: CommandLineChoice, Equatable {
    /// The whole training set.
    case full
    /// This many rows (≥ 1).
    case rows(Int)

    /// `full`; a number is the other choice.
    public static let choices = [
        (word: "full", help: "the whole training set: one step per epoch (a positive number: rows per minibatch)")
    ]

    /// `full` or a positive integer.
    public init?(word: String) {
        if word == "full" {
            self = .full
        } else if let rows = Int(word), rows >= 1 {
            self = .rows(rows)
        } else {
            return nil
        }
    }

    /// The rows per minibatch, nil for the whole set.
    public var rowCount: Int? {
        if case let .rows(rows) = self { return rows }
        return nil
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
