import Datasets
import Platform
import Tensor

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// CSV throughput: writing and parsing one million numbers held in memory (target: parsing ≤ 0.2 s).
func datasetsBenchmarks() {
    var random = RandomState(seed: 0)
    let rows = 250_000, columns = 4
    let numbers = Double(rows * columns)
    // Full-precision doubles (17 significant digits: mostly the strtod path) and short decimals such as
    // `0.1234` or `-12.5` (the exact fast path).
    let full = random.normal(shape: [rows, columns])
    let short = full.map { ($0 * 1e4).rounded() / 1e4 }
    let names = ["a", "b", "c", "d"]
    print("CSV, 1M numbers (250,000 rows × 4 columns), in memory")
    for (label, matrix) in [("full-precision doubles", full), ("short decimals", short)] {
        var text = ""
        let write = seconds(repeats: 3, inner: 1) {
            text = (try? CSVWriter.text(columns: names, rows: matrix)) ?? ""
        }
        let bytes = Double(text.utf8.count)
        var parsed = 0
        let parse = seconds(repeats: 3, inner: 1) {
            parsed = (try? CSVTable(text: text))?.rowCount ?? -1
        }
        precondition(parsed == rows, "the benchmark's CSV did not read back")
        report(
            "write, \(label)",
            "\(fixed(write, 3)) s (\(fixed(write / numbers * 1e9, 0)) ns/number, \(fixed(bytes / write / 1e6, 0)) MB/s)"
        )
        report(
            "parse, \(label)",
            "\(fixed(parse, 3)) s (\(fixed(parse / numbers * 1e9, 0)) ns/number, \(fixed(bytes / parse / 1e6, 0)) MB/s)"
        )
    }
    // The streaming path: a file written through a descriptor, read back in 64 KiB blocks.
    let path = "/tmp/udl-bench-\(getpid()).csv"
    defer { unlink(path) }
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    precondition(descriptor >= 0, "cannot create \(path)")
    let write = seconds(repeats: 1, inner: 1) {
        var writer = try! CSVWriter(columns: names, fileDescriptor: descriptor, name: path)
        try! writer.write(rows: full)
        try! writer.flush()
    }
    close(descriptor)
    var parsed = 0
    let parse = seconds(repeats: 3, inner: 1) { parsed = (try? CSVTable(path: path))?.rowCount ?? -1 }
    precondition(parsed == rows, "the benchmark's CSV file did not read back")
    report("write file, full-precision", "\(fixed(write, 3)) s")
    report("parse file, full-precision", "\(fixed(parse, 3)) s (\(fixed(parse / numbers * 1e9, 0)) ns/number)")
}
