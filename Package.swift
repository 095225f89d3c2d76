// swift-tools-version:6.0
//
// One package, many products: a library per concern (Tensor, NN, Optim, Datasets, Training, Plot)
// and one executable per command-line tool. The dependency graph is a DAG:
//
//   Tensor ← NN, Optim, Datasets ← Training ← tools;   Plot ← CLibPNG, CFreeType (stands alone)
//
// No target has build flags, so other packages can depend on any library product by version. Tensor's
// SIMD kernels are C functions compiled per instruction set with `__attribute__((target(...)))`
// (Packages/CTensorKernels) and chosen at run time; `TARGET_CPU=<llvm cpu> make build` compiles the Swift
// code for one processor through the Makefile (`-Xswiftc -target-cpu`), for local builds only.
import PackageDescription

let numerics: Target.Dependency = .product(name: "RealModule", package: "swift-numerics")
let argumentParser: Target.Dependency = .product(name: "ArgumentParser", package: "swift-argument-parser")

/// A library target under `Packages/`.
func library(_ name: String, _ dependencies: [Target.Dependency] = []) -> Target {
    .target(name: name, dependencies: dependencies, path: "Packages/\(name)")
}

/// A command-line tool under `Tools/`.
func tool(_ name: String, _ dependencies: [Target.Dependency]) -> Target {
    .executableTarget(
        name: name, dependencies: dependencies + [argumentParser], path: "Tools/\(name)")
}

/// A Swift Testing target under `Tests/`.
func tests(_ name: String, _ dependencies: [Target.Dependency]) -> Target {
    .testTarget(
        name: name, dependencies: dependencies, path: "Tests/\(name)")
}

let package = Package(
    name: "UDLToolkit",
    products: [
        .library(name: "Tensor", targets: ["Tensor"]),
        .library(name: "NN", targets: ["NN"]),
        .library(name: "Optim", targets: ["Optim"]),
        .library(name: "Training", targets: ["Training"]),
        .library(name: "Datasets", targets: ["Datasets"]),
        .executable(name: "surface-data", targets: ["surface-data"]),
        .executable(name: "init-study", targets: ["init-study"]),
        .executable(name: "train", targets: ["train"]),
        .executable(name: "predict", targets: ["predict"]),
        .executable(name: "study", targets: ["study"]),
        .library(name: "Plot", targets: ["Plot"]),
        .library(name: "Notebooks", targets: ["Notebooks"]),
        .library(name: "Study", targets: ["Study"]),
        .library(name: "NNReports", targets: ["NNReports"]),
        .executable(name: "notebook", targets: ["notebook"]),
        .executable(name: "plot-gallery", targets: ["plot-gallery"]),
        .executable(name: "backprop-check", targets: ["backprop-check"]),
        .executable(name: "surface-plot", targets: ["surface-plot"]),
        .executable(name: "curve-plot", targets: ["curve-plot"]),
        .executable(name: "bench", targets: ["bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.0.0"),
        // `make docs`: the DocC catalogs under Packages/<Library>/<Library>.docc.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.4.0"),
    ],
    targets: [
        // Libraries
        library("Tensor", [numerics, "CTensorKernels"]),
        // SIMD kernels compiled per function for AVX2 and AVX-512, called after a run-time CPU check.
        .target(name: "CTensorKernels", path: "Packages/CTensorKernels"),
        library("NN", ["Tensor", numerics]),
        library("Optim", ["Tensor"]),
        library("Datasets", ["Tensor"]),
        library("Training", ["NN", "Optim", "Datasets", "Tensor"]),
        library("Plot", ["CLibPNG", "CFreeType"]),
        library("NNReports", ["NN", "Tensor"]),
        library("Study", ["Datasets", "NN", "Plot", "Tensor", numerics]),
        library("Notebooks", ["NN", "Optim", "Datasets", "Plot", "Tensor", numerics]),
        .systemLibrary(name: "CLibPNG", path: "Packages/CLibPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CFreeType", path: "Packages/CFreeType", pkgConfig: "freetype2", providers: [.apt(["libfreetype-dev"])]),

        // Tools
        .target(
            name: "ToolSupport", dependencies: ["Datasets", "NN", "Plot", argumentParser], path: "Tools/ToolSupport"),
        tool("surface-data", ["ToolSupport", "Datasets"]),
        tool("init-study", ["ToolSupport", "NN", "Datasets", "Tensor", "Plot", numerics]),
        tool("plot-gallery", ["Plot"]),
        tool("notebook", ["ToolSupport", "Notebooks"]),
        tool("study", ["ToolSupport", "Study", "Plot"]),
        tool("predict", ["ToolSupport", "NN", "Datasets", "Tensor"]),
        tool("train", ["ToolSupport", "Training", "NN", "Optim", "Datasets", "Tensor", numerics]),
        tool("backprop-check", ["ToolSupport", "NNReports", "NN", "Datasets", "Tensor"]),
        tool("surface-plot", ["ToolSupport", "Plot", "NN", "Datasets", "Tensor"]),
        tool("curve-plot", ["ToolSupport", "Plot", "Datasets"]),

        // Benchmarks (`make bench`)
        .executableTarget(
            name: "bench", dependencies: ["Tensor", "NN", "Optim", "Datasets", "Plot", "CAllocationCounter"], path: "Benchmarks/bench"),
        .target(name: "CAllocationCounter", path: "Benchmarks/CAllocationCounter"),

        // Tests
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        tests("TensorTests", ["Tensor", "TestSupport"]),
        tests("NNTests", ["NN", "Tensor", "TestSupport"]),
        tests("DatasetsTests", ["Datasets"]),
        tests("OptimTests", ["Optim", "Tensor"]),
        tests("StudyTests", ["Study", "TestSupport"]),
        tests("NotebooksTests", ["Notebooks", "TestSupport"]),
        tests("PlotTests", ["Plot", "CLibPNG", "TestSupport"]),
        tests("ToolTests", [
            "ToolSupport", "Datasets", "NN", "Plot", "CLibPNG", "TestSupport",
            "surface-data", "init-study", "train", "predict", "backprop-check", "surface-plot", "curve-plot",
        ]),
    ]
)
