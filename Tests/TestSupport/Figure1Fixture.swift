import Foundation

/// The assignment's Figure 1 exercise (`examples/figure1`) and the independent NumPy computation of it,
/// `scripts/reference/backprop_figure1.py` → `Tests/Fixtures/nn/figure1.json`.
public enum Figure1Fixture {
    /// The fixture: one case per hidden activation and loss convention.
    public static let fixture = try! JSONFixture(named: "nn/figure1.json")
    /// The path of the example's model file.
    public static let model = repositoryURL("examples/figure1/model.json").path
    /// The path of the example's data file.
    public static let data = repositoryURL("examples/figure1/data.csv").path

    /// Every case's (activation, loss).
    public static let cases = fixture["cases"].array.map { ($0["activation"].string, $0["loss"].string) }

    /// The case of an activation and a loss.
    public static func expected(_ activation: String, _ loss: String) -> JSONFixture {
        fixture["cases"].array.first { $0["activation"].string == activation && $0["loss"].string == loss }!
    }

    /// `%.9g`, as the text and Markdown reports write numbers by default.
    public static func g(_ x: Double) -> String { String(format: "%.9g", x) }

    /// A `{"layers": [{"weights", "biases"}]}` object as one flat list (Ω_0, β_0, Ω_1, …).
    public static func flat(_ layers: JSONFixture) -> [Double] {
        layers.array.flatMap { $0["weights"].array.flatMap(\.doubles) + $0["biases"].doubles }
    }

    /// The fixture's weights and biases lists (`{"weights": [Ω_k…], "biases": [β_k…]}`) in the same order.
    public static func flat(weights: JSONFixture, biases: JSONFixture) -> [Double] {
        zip(weights.array, biases.array).flatMap { $0.array.flatMap(\.doubles) + $1.doubles }
    }
}
