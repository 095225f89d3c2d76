import Platform

/// The study on a Slurm cluster: a job array whose task *i* runs line *i* of a list of pending runs.
///
/// `make study RUNNER=slurm` writes the runs that have not finished (``RunCompletion``) to a list, submits
/// this script with `sbatch --parsable --wait`, and then checks every run again; the results land in the
/// same `<results>/runs/` on the cluster's shared filesystem, so the summaries and the report follow as on
/// one machine.
///
/// Nothing given to ``script(lines:count:directory:output:options:)`` runs as a command: the values of the
/// `#SBATCH` directives are checked against what Slurm accepts for them (a job or partition name of
/// letters, digits and `_ . + -`; a time in one of Slurm's forms; an output path without spaces, quotes or
/// control characters), and the paths used by the script's commands are quoted as one shell word each and
/// may not hold control characters (a line break would end the comment or the directive it is in).
public enum StudySlurm {
    /// What the job array asks of the cluster.
    public struct Options: Sendable, Equatable {
        /// The partition (`--partition`); the cluster's default when nil.
        public var partition: String?
        /// The time limit of each task (`--time`, Slurm's `[D-]HH:MM:SS` form).
        public var timeLimit: String
        /// How many tasks may run at once (the `%M` of `--array=1-N%M`).
        public var parallel: Int
        /// The job's name.
        public var jobName: String

        /// Options with a one-hour limit per run, 32 runs at once.
        public init(
            partition: String? = nil, timeLimit: String = "01:00:00", parallel: Int = 32, jobName: String = "udl-study"
        ) {
            self.partition = partition
            self.timeLimit = timeLimit
            self.parallel = parallel
            self.jobName = jobName
        }
    }

    /// A value that cannot be written into the script safely, or that Slurm would not accept.
    public struct ScriptError: Error, Equatable, Sendable, CustomStringConvertible {
        /// The values of the script, each of which is checked.
        public enum Field: String, Sendable, CaseIterable {
            /// ``Options/jobName``.
            case jobName = "job name"
            /// ``Options/partition``.
            case partition
            /// ``Options/timeLimit``.
            case timeLimit = "time limit"
            /// ``Options/parallel``.
            case parallel
            /// The number of runs.
            case count = "number of runs"
            /// The run list's path.
            case lines = "run list"
            /// The directory the tasks run in.
            case directory
            /// The tasks' output pattern.
            case output
        }

        /// The value that was refused.
        public var field: Field
        /// The value as given, for the message (control characters are shown escaped).
        public var value: String
        /// What is wrong with it, e.g. `contains a line break`.
        public var reason: String

        /// An error for `field`'s `value`.
        public init(_ field: Field, _ value: String, _ reason: String) {
            self.field = field
            self.value = value
            self.reason = reason
        }

        /// `job name "x\necho INJECTED": contains a line break …`.
        public var description: String { "\(field.rawValue) \(escapedForMessage(value)): \(reason)" }
    }

    /// The characters Slurm takes in a job or partition name without quoting.
    static func isNameCharacter(_ c: Character) -> Bool {
        c.isASCII && (c.isLetter || c.isNumber || "_.+-".contains(c))
    }

    /// Why `text` cannot be a job or partition name, or nil when it can.
    static func nameProblem(_ text: String) -> String? {
        if text.isEmpty { return "is empty" }
        if text.count > 200 { return "is longer than 200 characters" }
        if let bad = text.first(where: { !isNameCharacter($0) }) {
            return "contains \(describe(bad)); use letters, digits and _ . + - only"
        }
        return nil
    }

    /// Whether `text` is one of Slurm's time forms: `M`, `M:S`, `H:M:S`, `D-H`, `D-H:M`, `D-H:M:S`, or
    /// `UNLIMITED` / `INFINITE`.
    static func isSlurmTime(_ text: String) -> Bool {
        if ["UNLIMITED", "INFINITE"].contains(text.uppercased()) { return true }
        func numbers(_ part: Substring) -> [Substring]? {
            let fields = part.split(separator: ":", omittingEmptySubsequences: false)
            let digits = fields.allSatisfy {
                !$0.isEmpty && $0.count <= 9 && $0.allSatisfy { $0.isASCII && $0.isNumber }
            }
            return digits ? fields : nil
        }
        let days = text.split(separator: "-", omittingEmptySubsequences: false)
        switch days.count {
        case 1: return numbers(days[0]).map { (1...3).contains($0.count) } ?? false
        case 2: return numbers(days[0])?.count == 1 && (numbers(days[1]).map { (1...3).contains($0.count) } ?? false)
        default: return false
        }
    }

    /// Why `path` cannot be used by the script, or nil: control characters are refused everywhere, and
    /// in a directive (`inDirective`) also spaces and quotes, which `sbatch` would split or strip.
    static func pathProblem(_ path: String, inDirective: Bool) -> String? {
        if path.isEmpty { return "is empty" }
        if let bad = path.first(where: { $0.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F } }) {
            return "contains \(describe(bad)), which would end the script's line; rename it"
        }
        if inDirective, let bad = path.first(where: { $0.isWhitespace || "\"'\\".contains($0) }) {
            return "contains \(describe(bad)), which an #SBATCH directive cannot hold; choose another path"
        }
        return nil
    }

    /// A character as a message names it: `a line break`, `a space`, `"$"`.
    static func describe(_ c: Character) -> String {
        switch c {
        case "\n", "\r", "\r\n": return "a line break"
        case " ": return "a space"
        case "\t": return "a tab"
        default:
            return c.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
                ? "a control character" : "\"\(c)\""
        }
    }

    /// Checks every value of a script as ``script(lines:count:directory:output:options:)`` does.
    ///
    /// - Throws: ``ScriptError`` naming the first value refused.
    public static func validate(
        lines: String, count: Int, directory: String, output: String, options: Options
    ) throws(ScriptError) {
        if let problem = nameProblem(options.jobName) { throw ScriptError(.jobName, options.jobName, problem) }
        if let partition = options.partition, let problem = nameProblem(partition) {
            throw ScriptError(.partition, partition, problem)
        }
        guard isSlurmTime(options.timeLimit) else {
            throw ScriptError(
                .timeLimit, options.timeLimit,
                "expected Slurm's form M, M:S, H:M:S, D-H, D-H:M or D-H:M:S (e.g. 02:00:00), or UNLIMITED")
        }
        guard options.parallel > 0 else { throw ScriptError(.parallel, "\(options.parallel)", "expected at least 1") }
        guard count > 0 else { throw ScriptError(.count, "\(count)", "expected at least 1 run") }
        if let problem = pathProblem(lines, inDirective: false) { throw ScriptError(.lines, lines, problem) }
        if let problem = pathProblem(directory, inDirective: false) {
            throw ScriptError(.directory, directory, problem)
        }
        if let problem = pathProblem(output, inDirective: true) { throw ScriptError(.output, output, problem) }
    }

    /// The `sbatch` script for `count` runs listed one shell command per line in `lines`: one task per
    /// line, one CPU each, run from `directory` (the repository, where the commands' relative paths start),
    /// each task's output in `output` with `%a` replaced by the task's number (Slurm's pattern).
    ///
    /// - Throws: ``ScriptError`` for a value refused by
    ///   ``validate(lines:count:directory:output:options:)``; nothing given ends up as a command.
    public static func script(
        lines: String, count: Int, directory: String, output: String, options: Options = Options()
    ) throws(ScriptError) -> String {
        try validate(lines: lines, count: count, directory: directory, output: output, options: options)
        var directives = [
            "--job-name=\(options.jobName)",
            "--array=1-\(count)%\(min(options.parallel, count))",
            "--cpus-per-task=1",
            "--ntasks=1",
            "--time=\(options.timeLimit)",
            "--output=\(output)",
        ]
        if let partition = options.partition { directives.insert("--partition=\(partition)", at: 1) }
        let list = StudyPlan.shellWord(lines)
        return """
            #!/bin/sh
            # The optimizer study's runs as a Slurm job array: task i runs line i of \(list).
            # Written by `study slurm-script`; submitted by `make study RUNNER=slurm`.
            \(directives.map { "#SBATCH " + $0 }.joined(separator: "\n"))
            set -eu
            cd \(StudyPlan.shellWord(directory))
            line=$(sed -n "${SLURM_ARRAY_TASK_ID}p" \(list))
            if [ -z "$line" ]; then
                echo "task $SLURM_ARRAY_TASK_ID: no line $SLURM_ARRAY_TASK_ID in" \(list) >&2
                exit 64
            fi
            exec sh -c "$line"

            """
    }
}
