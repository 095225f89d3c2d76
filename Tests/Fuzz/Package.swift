// swift-tools-version:6.0
//
// The fuzz harnesses (`make fuzz`), a package of their own so that the project's package carries no
// fuzzing flags: it depends on the project by path, and `scripts/fuzz.sh` builds it with
// `swift build --sanitize fuzzer --sanitize address --scratch-path Tests/Fuzz/.build-fuzz`, which
// instruments every module (the project's libraries included) for libFuzzer and AddressSanitizer.
// Each harness is one file without a `main`: libFuzzer's own `main` drives `LLVMFuzzerTestOneInput`.
import PackageDescription

let package = Package(
    name: "Fuzz",
    dependencies: [.package(name: "UDLToolkit", path: "../..")],
    targets: [
        .executableTarget(
            name: "fuzz-csv", dependencies: [.product(name: "Datasets", package: "UDLToolkit")],
            path: "CSVRoundTrip"),
        .executableTarget(
            name: "fuzz-model", dependencies: [.product(name: "NN", package: "UDLToolkit")],
            path: "ModelRoundTrip"),
        .executableTarget(
            name: "fuzz-slurm", dependencies: [.product(name: "Study", package: "UDLToolkit")],
            path: "SlurmScript"),
    ]
)
