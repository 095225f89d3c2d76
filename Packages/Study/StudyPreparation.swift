import Datasets
import NN
import Platform
import Tensor

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes what the runs read: the surface at every noise level, the clean surface, and one initial model
/// per architecture and seed.
public enum StudyPreparation {
    /// Creates `<results>/data`, `<results>/init`, `<results>/runs` and `<results>/final`, records the
    /// scope in `<results>/plan.json`, and fills the first two: the data sets, the final experiment's
    /// cross-validation folds (``StudyFinal``), and the initial models of every run and refit of the scope.
    ///
    /// Every noise level draws its noise from seed 0, as the course's notebook draws one `ruido·N(0, 1)`
    /// per point. Initial models use PyTorch's `nn.Linear` initialisation from the run's seed.
    public static func prepare(results: String, scope: StudyScope = StudyScope()) throws {
        try scope.validate()
        for directory in ["", "/data", "/init", "/runs", "/final"] { try makeDirectory(results + directory) }
        try scope.write(results: results)
        if scope.includes("final") { try StudyFinal.prepareFolds(results: results) }
        try write(SurfaceData(noise: 0).table(includingClean: true), to: "\(results)/\(StudyPlan.cleanFile)")
        for noise in StudyPlan.noiseLevels {
            try write(SurfaceData(noise: noise, seed: 0).table(), to: "\(results)/\(StudyPlan.dataFile(noise: noise))")
        }
        let refits =
            scope.includes("final")
            ? StudyFinal.candidates.flatMap { candidate in
                scope.seeds.map {
                    StudyRun(
                        experiment: "refit", optimizer: candidate.label, seed: $0, noise: StudyFinal.noise,
                        hidden: candidate.hidden, epochs: candidate.epochs)
                }
            } : []
        for run in StudyPlan.runs(scope) + refits {
            let path = "\(results)/\(StudyPlan.initialModel(hidden: run.hidden, seed: run.seed))"
            guard access(path, F_OK) != 0 else { continue }
            let architecture = Architecture(inputs: 2, hidden: run.hidden, activation: .relu, outputs: 1)
            let network = Network(architecture, initializer: .pytorchDefault, seed: UInt32(run.seed))
            try writeText(ModelFile.json(network), to: path)
        }
    }

    static func write(_ table: CSVTable, to path: String) throws {
        try writeText(try CSVWriter.text(columns: table.columnNames, rows: table.values), to: path)
    }

    /// Writes a whole file, atomically.
    static func writeText(_ text: String, to path: String) throws {
        do {
            try AtomicFile.write(Array(text.utf8), to: path)
        } catch is AtomicFileError {
            throw StudyError.cannotWrite(path)
        }
    }

    /// Reads a whole text file.
    static func readText(_ path: String) throws -> String {
        do throws(SystemError) {
            let file = try FileDescriptor.open(readingFrom: path)
            defer { try? file.close() }
            return String(decoding: try file.readAll(), as: UTF8.self)
        } catch {
            throw StudyError.missingRun(path)
        }
    }

    static func makeDirectory(_ path: String) throws {
        if mkdir(path, 0o755) != 0 && errno != EEXIST { throw StudyError.cannotWrite(path) }
    }
}

/// What can go wrong in the study's own bookkeeping.
public enum StudyError: Error, CustomStringConvertible, Equatable {
    /// A file or directory could not be written.
    case cannotWrite(String)
    /// A run's metrics file does not exist.
    case missingRun(String)
    /// A run's metrics file (its path) has no evaluated epoch.
    case emptyRun(String)
    /// A report template names a value that the results do not have.
    case unknownValue(String)
    /// The final run's loss stopped being finite (the reason, as `StopReason` says it).
    case finalRunDiverged(String)
    /// A study scope (`plan.json`, or the sizing options) that cannot be used; the message names the field.
    case invalidScope(String)

    /// A one-line explanation.
    public var description: String {
        switch self {
        case let .cannotWrite(path): return "cannot write \(path)"
        case let .missingRun(name): return "no metrics for run \(name) (run the plan first)"
        case let .emptyRun(path): return "\(path): no epoch with a training loss (the run stopped before epoch 0?)"
        case let .unknownValue(key): return "the template names \(key), which the results do not have"
        case let .finalRunDiverged(reason): return "the final run \(reason)"
        case let .invalidScope(message): return message
        }
    }
}
