// swift-tools-version:6.0
//
// One package, many products: a library per concern (Tensor, NN, Optim, Datasets, Training, Plot)
// and one executable per command-line tool. The dependency graph is a DAG:
//
//   Tensor ← NN, Optim, Datasets ← Training ← tools;   Plot ← CLibPNG, CFreeType (stands alone)
//   NN ← NNReports (the course's exercises: backpropagation report, initialisation study) ← Notebooks, tools
//   NN, Optim, Datasets, Plot ← Study (the optimizer study and its final model) ← the study tool
//
// Below them all sit two internal targets that depend on nothing: Platform (the POSIX write loop, atomic
// files, standard error) and JSON (read and written). docs/ARCHITECTURE.md's table lists what each target
// may import, and `make lint` checks every import against it (scripts/lint-imports.py).
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
        // The Swift Jupyter kernel: its host (`swift-kernel`), the cell logic it runs on, the helpers every
        // cell imports, and the one shared library the cells link against (every library a cell imports, so
        // that all cells of a session share one copy of each).
        .library(name: "NotebookKernel", targets: ["NotebookKernel"]),
        .library(name: "NotebookSupport", targets: ["NotebookSupport"]),
        .library(
            name: "UDLNotebookCells", type: .dynamic,
            targets: ["NotebookSupport", "Notebooks", "Training", "Plot", "Datasets", "Optim", "NN", "Tensor"]),
        .executable(name: "swift-kernel", targets: ["swift-kernel"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.0.0"),
        // `make docs`: the DocC catalogs under Packages/<Library>/<Library>.docc.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.4.0"),
        // The Jupyter kernel splits a cell into declarations and statements with Swift's own parser.
        .package(url: "https://github.com/swiftlang/swift-syntax", from: "603.0.0"),
    ],
    targets: [
        // Libraries
        // Internal (not a product): the libraries and tools above build on it.
        .target(name: "Platform", path: "Packages/Platform"),
        // Internal too: how numbers are written for people (decimal point or comma, significant digits).
        .target(name: "NumberFormatting", path: "Packages/NumberFormatting"),
        // Internal too: JSON read with the place of each value (model files, plan.json) and written.
        .target(name: "JSON", path: "Packages/JSON"),
        library("Tensor", [numerics, "CTensorKernels", "Platform", "NumberFormatting"]),
        // SIMD kernels compiled per function for AVX2 and AVX-512, called after a run-time CPU check.
        .target(name: "CTensorKernels", path: "Packages/CTensorKernels"),
        library("NN", ["Tensor", "JSON", numerics]),
        // Optim's build step lists the optimizers of its files (Plugins/OptimizerCatalogPlugin), so that
        // adding one is one file.
        .target(
            name: "Optim", dependencies: ["Tensor", "Platform", "NumberFormatting"], path: "Packages/Optim",
            plugins: ["OptimizerCatalogPlugin"]),
        .plugin(name: "OptimizerCatalogPlugin", capability: .buildTool(), path: "Plugins/OptimizerCatalogPlugin"),
        library("Datasets", ["Tensor", "Platform"]),
        library("Training", ["NN", "Optim", "Datasets", "Tensor"]),
        library("Plot", ["CLibPNG", "CFreeType", "Platform", "NumberFormatting"]),
        library("NNReports", ["NN", "Tensor", "Platform", "NumberFormatting", "JSON", numerics]),
        library(
            "Study", ["Datasets", "NN", "Optim", "Plot", "Tensor", "Platform", "JSON", "NumberFormatting", numerics]),
        library(
            "Notebooks",
            [
                "NN", "NNReports", "Optim", "Datasets", "Plot", "Tensor", "Platform", "NumberFormatting", numerics,
            ]),
        library(
            "NotebookKernel",
            [
                .product(name: "SwiftSyntax", package: "swift-syntax"),
                .product(name: "SwiftParser", package: "swift-syntax"), "Platform", "JSON",
            ]),
        library("NotebookSupport", ["Plot", "Platform", "JSON", "NumberFormatting"]),
        .systemLibrary(
            name: "CLibPNG", path: "Packages/CLibPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev"])]),
        .systemLibrary(
            name: "CFreeType", path: "Packages/CFreeType", pkgConfig: "freetype2",
            providers: [.apt(["libfreetype-dev"])]),

        // Tools
        .target(
            name: "ToolSupport", dependencies: ["Datasets", "NN", "Platform", argumentParser], path: "Tools/ToolSupport"
        ),
        // What the tools that draw share: Plot's errors as exit statuses, its styles and colormaps as choices.
        .target(name: "PlotToolSupport", dependencies: ["ToolSupport", "Plot"], path: "Tools/PlotToolSupport"),
        tool("surface-data", ["ToolSupport", "Datasets"]),
        tool(
            "init-study",
            ["ToolSupport", "PlotToolSupport", "NN", "NNReports", "Datasets", "Tensor", "Plot", "Platform", numerics]),
        tool("plot-gallery", ["ToolSupport", "PlotToolSupport", "Plot"]),
        tool("notebook", ["ToolSupport", "PlotToolSupport", "Notebooks"]),
        tool("study", ["ToolSupport", "PlotToolSupport", "Study", "NN", "Plot", "Platform"]),
        tool("predict", ["ToolSupport", "NN", "Datasets", "Tensor"]),
        tool(
            "train",
            ["ToolSupport", "Training", "NN", "Optim", "Datasets", "Tensor", "Platform", "NumberFormatting", "JSON"]),
        tool("backprop-check", ["ToolSupport", "NNReports", "NN", "Datasets", "Tensor", "Platform"]),
        tool("surface-plot", ["ToolSupport", "PlotToolSupport", "Plot", "NN", "Datasets", "Tensor"]),
        tool("curve-plot", ["ToolSupport", "PlotToolSupport", "Plot", "Datasets", "Platform"]),
        tool("swift-kernel", ["NotebookKernel", "Platform"]),

        // Benchmarks (`make bench`)
        .executableTarget(
            name: "bench",
            dependencies: ["Tensor", "NN", "Optim", "Datasets", "Plot", "Platform", "CAllocationCounter"],
            path: "Benchmarks/bench"),
        .target(name: "CAllocationCounter", path: "Benchmarks/CAllocationCounter"),

        // Tests
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        tests("TensorTests", ["Tensor", "TestSupport"]),
        tests("NNTests", ["NN", "Tensor", "TestSupport"]),
        tests("DatasetsTests", ["Datasets", "TestSupport"]),
        tests("OptimTests", ["Optim", "Tensor", "TestSupport"]),
        tests("TrainingTests", ["Training", "NN", "Optim", "Datasets", "Tensor", "TestSupport"]),
        tests("NNReportsTests", ["NNReports", "NN", "Tensor", "TestSupport"]),
        tests("StudyTests", ["Study", "TestSupport"]),
        tests("NotebooksTests", ["Notebooks", "NN", "Optim", "Tensor", "TestSupport"]),
        tests("NotebookKernelTests", ["NotebookKernel"]),
        tests("NotebookSupportTests", ["NotebookSupport"]),
        tests("PlotTests", ["Plot", "Platform", "CLibPNG", "TestSupport"]),
        tests(
            "ToolTests",
            [
                "ToolSupport", "PlotToolSupport", "Datasets", "NN", "Plot", "Platform", "CLibPNG", "TestSupport",
                "surface-data", "init-study", "train", "predict", "backprop-check", "surface-plot", "curve-plot",
                "notebook", "study", "plot-gallery", "swift-kernel",
            ]),
    ]
)
