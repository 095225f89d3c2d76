import Study

/// libFuzzer's entry point: nothing given to the sbatch generator ends up as a command.
///
/// The input is split at NUL bytes into the job name, partition, time limit, output pattern, run list,
/// directory and task count. Whatever `StudySlurm.script` accepts must give a script of exactly the
/// template's lines: the same number of lines as with plain values, every `#SBATCH` line one directive
/// whose value is the one given, and the run list and directory each inside one shell word. A refused
/// input must be refused with the field it names. A difference traps, which libFuzzer records as a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSlurmScript(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    var fields = bytes.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
    while fields.count < 7 { fields.append("") }
    let count = Int(fields[6].prefix(6)) ?? 1
    let options = StudySlurm.Options(
        partition: fields[1].isEmpty ? nil : fields[1], timeLimit: fields[2], parallel: 4, jobName: fields[0])
    let script: String
    do {
        script = try StudySlurm.script(
            lines: fields[4], count: count, directory: fields[5], output: fields[3], options: options)
    } catch {
        precondition(!error.description.contains("\n"), "a message of two lines: \(error)")
        return 0
    }
    let plain = try! StudySlurm.script(
        lines: "/l", count: 1, directory: "/d", output: "/o",
        options: .init(partition: options.partition == nil ? nil : "p", timeLimit: "1", parallel: 4, jobName: "j"))
    let lines = script.split(separator: "\n", omittingEmptySubsequences: false)
    precondition(lines.count == plain.split(separator: "\n", omittingEmptySubsequences: false).count, script)
    let directives = lines.filter { $0.hasPrefix("#SBATCH ") }
    precondition(directives.count == (options.partition == nil ? 6 : 7), script)
    for directive in directives {
        precondition(!directive.dropFirst(8).contains { $0 == " " || $0 == "\t" || $0 == "\r" }, script)
    }
    precondition(directives.contains("#SBATCH --job-name=\(fields[0])"), script)
    precondition(directives.contains("#SBATCH --time=\(fields[2])"), script)
    precondition(directives.contains("#SBATCH --output=\(fields[3])"), script)
    // The paths of the commands: plain words or one single-quoted word.
    for path in [fields[4], fields[5]] where !path.allSatisfy({ $0.isLetter || $0.isNumber || "-_./=,:".contains($0) })
    {
        precondition(script.contains("'" + path.replacing("'", with: "'\\''") + "'"), script)
    }
    return 0
}
