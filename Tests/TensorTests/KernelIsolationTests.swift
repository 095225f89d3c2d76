import Foundation
import Tensor
import Testing

/// The AVX2 module is compiled for x86-64-v3 and linked into every binary; it must define nothing but its
/// micro-kernel, or an AVX-compiled copy of some shared function could be picked by the linker and run
/// on a processor without AVX. This inspects the module's object files with `nm`.
@Suite struct KernelIsolationTests {
    @Test func avx2ModuleDefinesOnlyItsKernel() throws {
        #if arch(x86_64) && os(Linux)
        let buildDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [buildDirectory, buildDirectory.deletingLastPathComponent()]
            .map { $0.appendingPathComponent("TensorKernelsAVX2.build") }
        guard let module = candidates.first(where: { FileManager.default.fileExists(atPath: $0.path) }) else {
            Issue.record("TensorKernelsAVX2.build not found next to \(buildDirectory.path)")
            return
        }
        let objects = try FileManager.default.contentsOfDirectory(atPath: module.path).filter { $0.hasSuffix(".o") }
        #expect(!objects.isEmpty)
        for object in objects {
            let nm = Process()
            nm.executableURL = URL(fileURLWithPath: "/usr/bin/nm")
            nm.arguments = ["--defined-only", module.appendingPathComponent(object).path]
            let pipe = Pipe()
            nm.standardOutput = pipe
            try nm.run()
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            nm.waitUntilExit()
            let code = output.split(separator: "\n").filter { line in
                let fields = line.split(separator: " ")
                return fields.count == 3 && "TtWw".contains(fields[1])
            }
            #expect(code.count == 1, "\(object) defines: \(code)")
            #expect(code.allSatisfy { $0.contains("TensorKernelsAVX2") && $0.contains("microKernel6x8") })
        }
        #endif
    }
}
