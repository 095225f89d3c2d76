import Foundation
import Testing

/// Reading the fixtures of `Tests/Fixtures/datasets/`, made by `scripts/reference/datasets_fixtures.py`.
///
/// They are decoded with `JSONDecoder`, which parses doubles exactly; `JSONSerialization` is avoided
/// because on Linux it returns `NSDecimalNumber`s whose `doubleValue` can be off by an ulp.
enum Fixture {
    /// The directory of this area's fixtures.
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../Fixtures/datasets")

    /// Every fixture names the script that made it.
    private struct Provenance: Decodable { var provenance: String }

    /// A fixture file decoded as `T`, after checking its provenance.
    static func load<T: Decodable>(_ name: String, as type: T.Type) throws -> T {
        let data = try Data(contentsOf: directory.appendingPathComponent(name))
        let provenance = try JSONDecoder().decode(Provenance.self, from: data).provenance
        #expect(provenance.hasPrefix("scripts/reference/datasets_fixtures.py"))
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(type, from: data)
    }

    /// A fixture file holding a list of cases.
    static func cases<Case: Decodable>(_ name: String, as type: Case.Type) throws -> [Case] {
        try load(name, as: Cases<Case>.self).cases
    }

    private struct Cases<Case: Decodable>: Decodable { var cases: [Case] }

    /// A double written in the fixture as the hex of its IEEE bits, `0x…`.
    static func double(bits text: String) -> Double {
        Double(bitPattern: UInt64(text.dropFirst(2), radix: 16)!)
    }

    /// `numbers.json`: number tokens with the bits of Python's `float()` of each, and random doubles with
    /// their Python `repr`.
    struct Numbers: Decodable {
        var tokens: [String]
        var bits: [String]
        var randomBits: [String]
        var randomRepr: [String]
    }

    /// A case of `surface.json`.
    struct Surface: Decodable {
        var grid: Int, low: Double, high: Double, noise: Double, seed: UInt32
        var x: [Double], y: [Double], z: [Double], zClean: [Double], zLibm: [Double], zCleanLibm: [Double]
    }

    /// A case of `permutations.json`: `np.random.seed(seed); [np.random.permutation(n) for …]`.
    struct Permutations: Decodable {
        var seed: UInt32, n: Int, epochs: [[Int]]
    }

    /// A case of `splits.json`.
    struct Split: Decodable {
        var seed: UInt32, n: Int, fraction: Double, validation: [Int], training: [Int]
    }
}
