import Foundation
import PackagePlugin

/// The build step that lists the optimizers of the Optim target, so that adding an optimizer is one file.
///
/// It runs `generate.sh` (beside this file; POSIX `sh`, `sed` and `grep`, so that nothing is compiled for
/// it) over every Swift source of the target. The script writes `OptimizerCatalog+Generated.swift` into the
/// plugin's work directory: an array of every type whose declaration or extension states a conformance to
/// `CatalogedOptimizer` on its first line. SwiftPM runs it again whenever a source of the target changes or
/// one is added, so a new optimizer's file is picked up by the next build with nothing else to edit.
@main
struct OptimizerCatalogPlugin: BuildToolPlugin {
    /// The one command: the script over the target's Swift sources.
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let target = target as? SourceModuleTarget else { return [] }
        let sources = target.sourceFiles(withSuffix: "swift").map(\.url).sorted { $0.path < $1.path }
        let script = context.package.directoryURL.appending(path: "Plugins/OptimizerCatalogPlugin/generate.sh")
        let output = context.pluginWorkDirectoryURL.appending(path: "OptimizerCatalog+Generated.swift")
        return [
            .buildCommand(
                displayName: "Listing the optimizers of \(target.name)", executable: URL(filePath: "/bin/sh"),
                arguments: [script.path, output.path] + sources.map(\.path), inputFiles: [script] + sources,
                outputFiles: [output])
        ]
    }
}
