import Datasets
import Foundation
import TestSupport
import Testing

/// Issue #28, "Nothing wrong kept, nothing injected, nothing lost": the third hostile-input round, each
/// case run as the probe ran it against the release tools. Each test is named after its case and says its
/// number in the issue.
@Suite struct HostileInputRound3Tests {
    static let data = TrainToolTests.data, model = TrainToolTests.model
    let helpers = HostileInputTests()

    /// A fresh scratch directory, removed after `body`.
    func inScratch(_ body: (URL) throws -> Void) throws { try helpers.inScratch(body) }

    /// `path` inside `directory`.
    func file(_ directory: URL, _ name: String) -> String { directory.appendingPathComponent(name).path }

    // MARK: 1. Shell injection

    /// Every value `study slurm-script` writes into the script is checked: a line break in the job name
    /// (the reproduction), the partition, the time or the output is refused with 64 and nothing printed.
    @Test(arguments: [
        ("jobNameLineBreak", "--job-name", "x\necho INJECTED"), ("jobNameCommand", "--job-name", "$(id)"),
        ("partitionLineBreak", "--partition", "short\necho INJECTED"), ("timeLineBreak", "--time", "1:00\nid"),
        ("timeNotATime", "--time", "tomorrow"), ("outputLineBreak", "--output", "o-%a.out\necho INJECTED"),
        ("outputSpace", "--output", "a b-%a.out"), ("listLineBreak", "--lines", "LIST\necho INJECTED"),
        ("parallelZero", "--parallel", "0"),
    ])
    func slurmScriptRefusesValuesThatWouldRun(case name: String, option: String, value: String) throws {
        try inScratch { directory in
            let list = file(directory, "pending.txt")
            try "echo one\necho two\n".write(toFile: list, atomically: true, encoding: .utf8)
            if option == "--lines" {
                try "echo one\n".write(toFile: list + "\necho INJECTED", atomically: true, encoding: .utf8)
            }
            var arguments = ["slurm-script", "--lines", list, "--output", file(directory, "plan-%a.out")]
            let shown = value.replacing("LIST", with: list)
            if let at = arguments.firstIndex(of: option) {
                arguments[at + 1] = shown
            } else {
                arguments += [option, shown]
            }
            let result = try ToolRunner.run("study", arguments)
            #expect(result.status == 64, "\(name): \(result.standardError)")
            #expect(result.standardError.hasPrefix("study: \(option) "), "\(name): \(result.standardError)")
            #expect(result.standardError.filter { $0 == "\n" }.count == 1, "\(name): \(result.standardError)")
            #expect(result.output.isEmpty, "\(name)")
        }
    }

    /// The defaults `make study RUNNER=slurm` uses still give a script.
    @Test func slurmScriptWithTheMakefilesValuesWorks() throws {
        try inScratch { directory in
            let list = file(directory, "pending.txt")
            try "echo one\n".write(toFile: list, atomically: true, encoding: .utf8)
            let result = try ToolRunner.run(
                "study",
                [
                    "slurm-script", "--lines", list, "--output", file(directory, "plan-%a.out"), "--partition", "short",
                    "--time", "02:00:00", "--parallel", "64", "--job-name", "udl-study",
                ])
            #expect(result.status == 0, "\(result.standardError)")
            #expect(result.standardOutput.contains("#SBATCH --job-name=udl-study\n"))
            #expect(result.standardOutput.contains("#SBATCH --array=1-1%1\n"))
        }
    }
}
