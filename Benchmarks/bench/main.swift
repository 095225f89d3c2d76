import Platform

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// `bench [group …]`: runs the named benchmark groups, or all of them. Each group lives in its own file.
// Timings are the best of several repeats on one thread; nothing here is asserted, only reported.
// `bench product M K N [ta] [tb]` times one product for as long as a profiler needs (about 5 s).

let groups: [(name: String, run: () -> Void)] = [
    ("tensor", tensorBenchmarks),
    ("nn", nnBenchmarks),
    ("datasets", datasetsBenchmarks),
    ("optim", optimBenchmarks),
    ("plot", plotBenchmarks),
]

let usage = """
    USAGE: bench [<group> …]
           bench product M K N [ta] [tb]

    Runs the named benchmark groups (\(groups.map(\.name).joined(separator: ", "))), or all of them, and prints
    their timings (best of several repeats, one thread). `bench product M K N` times one M×K · K×N matrix
    product for about 5 s, for a profiler; `ta`/`tb` transpose its operands.

    Examples:
      bench nn optim                       # two groups (make bench runs them all, then the course comparison)
      bench tensor | tee tensor-bench.txt  # keep the figures of one group
      perf record .build/release/bench product 1600 50 50 tb
    """
let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.contains("--help") || arguments.contains("-h") {
    print(usage)
    exit(0)
}
if arguments.first == "product" {
    guard arguments.count >= 4, let m = Int(arguments[1]), let k = Int(arguments[2]), let n = Int(arguments[3]) else {
        StandardError.write("bench: usage: bench product M K N [ta] [tb]\n")
        exit(64)
    }
    let (ta, tb) = (arguments.contains("ta"), arguments.contains("tb"))
    var rate = 0.0
    for _ in 0..<10 { rate = productRate(m, k, n, transposeA: ta, transposeB: tb, kernel: .selected) }
    print("\(m)×\(k) · \(k)×\(n): \(fixed(rate, 1)) GFLOP/s, \(fixed(Double(2 * m * k * n) / rate / 1e3, 2)) µs")
    exit(0)
}
let requested = Set(arguments)
let unknown = requested.subtracting(groups.map(\.name))
if !unknown.isEmpty {
    StandardError.write(
        "bench: unknown group(s) \(unknown.sorted().joined(separator: ", ")); available: "
            + "\(groups.map(\.name).joined(separator: ", ")) (bench --help)\n")
    exit(64)
}
for group in groups where requested.isEmpty || requested.contains(group.name) {
    print("== \(group.name)")
    group.run()
}
