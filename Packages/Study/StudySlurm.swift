/// The study on a Slurm cluster: a job array whose task *i* runs line *i* of a list of pending runs.
///
/// `make study RUNNER=slurm` writes the runs that have not finished (``RunCompletion``) to a list, submits
/// this script with `sbatch --parsable --wait`, and then checks every run again; the results land in the
/// same `<results>/runs/` on the cluster's shared filesystem, so the summaries and the report follow as on
/// one machine.
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

    /// The `sbatch` script for `count` runs listed one shell command per line in `lines`: one task per
    /// line, one CPU each, run from `directory` (the repository, where the commands' relative paths start),
    /// each task's output in `output` with `%a` replaced by the task's number (Slurm's pattern).
    ///
    /// - Precondition: `count > 0` and `options.parallel > 0`.
    public static func script(
        lines: String, count: Int, directory: String, output: String, options: Options = Options()
    ) -> String {
        precondition(count > 0 && options.parallel > 0, "a job array needs runs and a positive parallelism")
        var directives = [
            "--job-name=\(options.jobName)",
            "--array=1-\(count)%\(min(options.parallel, count))",
            "--cpus-per-task=1",
            "--ntasks=1",
            "--time=\(options.timeLimit)",
            "--output=\(output)",
        ]
        if let partition = options.partition { directives.insert("--partition=\(partition)", at: 1) }
        return """
            #!/bin/sh
            # The optimizer study's runs as a Slurm job array: task i runs line i of \(lines).
            # Written by `study slurm-script`; submitted by `make study RUNNER=slurm`.
            \(directives.map { "#SBATCH " + $0 }.joined(separator: "\n"))
            set -eu
            cd \(StudyPlan.shellWord(directory))
            line=$(sed -n "${SLURM_ARRAY_TASK_ID}p" \(StudyPlan.shellWord(lines)))
            if [ -z "$line" ]; then
                echo "task $SLURM_ARRAY_TASK_ID: no line $SLURM_ARRAY_TASK_ID in \(lines)" >&2
                exit 64
            fi
            exec sh -c "$line"

            """
    }
}
