import Platform

// `bench [group …]`: runs the named benchmark groups, or all of them. Each group lives in its own file.
// Timings are the best of several repeats on one thread; nothing here is asserted, only reported.

let groups: [(name: String, run: () -> Void)] = [
    ("tensor", tensorBenchmarks),
    ("nn", nnBenchmarks),
    ("datasets", datasetsBenchmarks),
    ("optim", optimBenchmarks),
    ("plot", plotBenchmarks),
]

let requested = Set(CommandLine.arguments.dropFirst())
let unknown = requested.subtracting(groups.map(\.name))
if !unknown.isEmpty {
    print("bench: unknown group(s) \(unknown.sorted()); available: \(groups.map(\.name).joined(separator: ", "))")
    exit(64)
}
for group in groups where requested.isEmpty || requested.contains(group.name) {
    print("== \(group.name)")
    group.run()
}
