import NN

// The closed sets of the tools' options: activations, losses and precisions (NN) and batch sizes. Each lists its words
// with one line of help for `--help`. Plot's surface styles and colormaps conform in PlotToolSupport, and
// Optim's line searches in `train`, their only user (ToolSupport depends on neither).

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

extension Precision: CommandLineChoice {
    /// `float64` and `float32`.
    public static var choices: [(word: String, help: String)] {
        [
            ("float64", "Float64 passes (the default; results identical run after run)"),
            ("float32", "Float32 forward and backward passes, Float64 optimizer and model file"),
        ]
    }

    /// The precision called `word`.
    public init?(word: String) {
        self.init(rawValue: word)
    }
}

extension Initializer: CommandLineChoice {
    /// ``Initializer/names``, each with the distribution it draws Ω_k from: the one set every tool that
    /// initialises a network offers (`train`, `init-study`).
    public static var choices: [(word: String, help: String)] {
        let help = [
            "pytorch": "PyTorch's nn.Linear: Ω and β from U(±1/√fan_in)",
            "he": "He (Kaiming): N(0, 2/fan_in), UDL eq. 7.32",
            "he-uniform": "U(±√(6/fan_in))",
            "xavier": "Xavier (Glorot): N(0, 2/(fan_in + fan_out))",
            "xavier-uniform": "U(±√(6/(fan_in + fan_out)))",
            "lecun": "LeCun: N(0, 1/fan_in)",
            "zeros": "every parameter 0",
            "normal:VARIANCE": "N(0, σ²) with the σ² given, e.g. normal:0.25",
        ]
        return names.map { ($0, help[$0] ?? "") }
    }

    /// The initializer called `word` (``Initializer/init(name:)``: also `normal:0.25`).
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
