import JSON
import NN
import Platform

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How much of the study runs and how long: the seeds, the epochs, the size grid and the precision that
/// `make study` can be given (`SEEDS=0,1,2 EPOCHS=2500 SIZE_EPOCHS=1000 WIDTHS=4,10,20,50,100 DEPTHS=1,2,3,4
/// EXPERIMENTS=comparison,noise,size,final DTYPE=float64`), recorded in `<results>/plan.json` by `study prepare` so that
/// the plan, the summaries and the report all know what was run.
///
/// The seeds serve the comparison, the noise experiment and the final model's refits; `epochs` the
/// comparison and the noise experiment (the course's 2,500); `sizeEpochs`, `widths` and `depths` the size
/// experiment. The final model's candidates keep their own epochs (``StudyFinal/candidates``).
public struct StudyScope: Equatable, Sendable {
    /// The experiments a study can run, in the plan's order.
    public static let allExperiments = ["comparison", "noise", "size", "final"]

    /// Seeds of the initial weights and the minibatch order.
    public var seeds: [Int]
    /// Epochs of the comparison and noise experiments.
    public var epochs: Int
    /// Epochs of the size experiment.
    public var sizeEpochs: Int
    /// Hidden-layer widths of the size experiment.
    public var widths: [Int]
    /// Numbers of hidden layers of the size experiment.
    public var depths: [Int]
    /// The experiments run, a subset of ``allExperiments``; the report needs all of them.
    public var experiments: [String]
    /// The type every run's passes compute in (`make study DTYPE=float32`); the report's study is Float64.
    public var precision: Precision = .float64

    /// A scope; the defaults are the study the report describes.
    public init(
        seeds: [Int] = [0, 1, 2], epochs: Int = 2500, sizeEpochs: Int = 1000, widths: [Int] = [4, 10, 20, 50, 100],
        depths: [Int] = [1, 2, 3, 4], experiments: [String] = StudyScope.allExperiments
    ) {
        self.seeds = seeds
        self.epochs = epochs
        self.sizeEpochs = sizeEpochs
        self.widths = widths
        self.depths = depths
        self.experiments = experiments
    }

    /// The file that records the scope of a results directory.
    public static let file = "plan.json"

    /// Whether an experiment is part of the study.
    public func includes(_ experiment: String) -> Bool { experiments.contains(experiment) }

    /// Checks the values a user can give: at least one seed, positive epochs and sizes, known experiments.
    ///
    /// - Throws: ``StudyError/invalidScope(_:)`` naming the field.
    public func validate() throws {
        func require(_ condition: Bool, _ message: String) throws {
            if !condition { throw StudyError.invalidScope(message) }
        }
        try require(
            !seeds.isEmpty && seeds.allSatisfy { $0 >= 0 && $0 <= Int(UInt32.max) }, "seeds: expected seeds in 0…2³²−1")
        try require(Set(seeds).count == seeds.count, "seeds: a seed is given twice")
        try require(epochs > 0 && sizeEpochs > 0, "epochs: expected a positive number of epochs")
        try require(
            !widths.isEmpty && widths.allSatisfy { $0 > 0 && $0 <= 100_000 }, "widths: expected widths in 1…100000")
        try require(!depths.isEmpty && depths.allSatisfy { $0 > 0 && $0 <= 100 }, "depths: expected depths in 1…100")
        try require(
            !experiments.isEmpty && experiments.allSatisfy(Self.allExperiments.contains),
            "experiments: expected some of \(Self.allExperiments.joined(separator: ", "))")
    }

    /// Writes `<results>/plan.json`.
    public func write(results: String) throws {
        let fields: [(String, String)] =
            [
                ("seeds", list(seeds)), ("epochs", "\(epochs)"), ("size_epochs", "\(sizeEpochs)"),
                ("widths", list(widths)), ("depths", list(depths)),
                ("experiments", JSONOutput.array(experiments.map(JSONOutput.string)).compact),
            ]
            // Written only when it is not the default, so a Float64 study's file is as it always was.
            + (precision == .float64 ? [] : [("dtype", JSONOutput.string(precision.rawValue).compact)])
        let text = "{\n" + fields.map { "  \"\($0)\": \($1)" }.joined(separator: ",\n") + "\n}\n"
        try StudyPreparation.writeText(text, to: "\(results)/\(Self.file)")
    }

    private func list(_ values: [Int]) -> String { "[" + values.map(String.init).joined(separator: ", ") + "]" }

    /// The scope recorded in `<results>/plan.json`, or the default scope when there is none (a results
    /// directory from before the file existed is the default study).
    ///
    /// - Throws: ``StudyError/invalidScope(_:)`` naming the file, line and column of what cannot be read.
    public static func read(results: String) throws -> StudyScope {
        let path = "\(results)/\(file)"
        guard access(path, F_OK) == 0 else { return StudyScope() }
        return try parse(try StudyPreparation.readText(path), file: path)
    }

    /// Reads a scope from the text of a plan file; missing fields take their defaults.
    ///
    /// - Throws: ``StudyError/invalidScope(_:)`` naming `file`, the line and column, and the field.
    public static func parse(_ text: String, file: String) throws -> StudyScope {
        let document: JSONValue
        do {
            document = try JSONValue.parse(text)
        } catch {
            throw StudyError.invalidScope("\(file):\(error.line):\(error.column): \(error.message)")
        }
        guard case .object(let members) = document.kind else {
            throw StudyError.invalidScope("\(file):\(document.line):\(document.column): expected an object")
        }
        var scope = StudyScope()
        for (key, value) in members {
            func fail(_ expected: String, at place: JSONValue? = nil) -> StudyError {
                let place = place ?? value
                return .invalidScope(
                    "\(file):\(place.line):\(place.column): \(key): expected \(expected), found \(place.typeName)")
            }
            func integer(_ v: JSONValue) throws -> Int {
                guard case .number(let x) = v.kind, x == x.rounded(), abs(x) < 1e15 else {
                    throw fail("a whole number", at: v)
                }
                return Int(x)
            }
            func integers() throws -> [Int] {
                guard case .array(let items) = value.kind else { throw fail("an array of whole numbers") }
                return try items.map(integer)
            }
            switch key {
            case "seeds": scope.seeds = try integers()
            case "epochs": scope.epochs = try integer(value)
            case "size_epochs": scope.sizeEpochs = try integer(value)
            case "widths": scope.widths = try integers()
            case "depths": scope.depths = try integers()
            case "experiments":
                guard case .array(let items) = value.kind else { throw fail("an array of names") }
                scope.experiments = try items.map {
                    guard case .string(let name) = $0.kind else { throw fail("a name", at: $0) }
                    return name
                }
            case "dtype":
                guard case .string(let name) = value.kind, let precision = Precision(rawValue: name) else {
                    throw fail("\"float64\" or \"float32\"")
                }
                scope.precision = precision
            default:
                throw StudyError.invalidScope("\(file):\(value.line):\(value.column): unknown field \(key)")
            }
        }
        do {
            try scope.validate()
        } catch let StudyError.invalidScope(message) {
            throw StudyError.invalidScope("\(file): \(message)")
        }
        return scope
    }
}
