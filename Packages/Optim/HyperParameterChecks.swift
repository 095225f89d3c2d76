/// The range checks of the optimizers' initializers, with PyTorch's requirements.
///
/// A failed check throws ``ConfigurationError/invalidValue(name:option:value:requirement:)`` naming the
/// optimizer by its ``OptimizerCatalog`` name and the hyper-parameter by PyTorch's keyword, so
/// `try Adam(learningRate: -1)` and `OptimizerConfiguration(parsing: "adam(lr=-1)")` (or
/// `train --optimizer adam --lr=-1`) fail with the same message: `adam: lr=-1: expected a number >= 0`.
struct HyperParameterChecks {
    /// The optimizer's name in messages.
    let name: String

    /// Checks for the optimizer called `name` in ``OptimizerCatalog``.
    init(_ name: String) {
        self.name = name
    }

    /// Throws unless `condition` holds, with `value` as the message shows it.
    func require(_ condition: Bool, _ option: String, _ value: OptionValue, _ requirement: String)
        throws(ConfigurationError)
    {
        guard condition else {
            throw .invalidValue(name: name, option: option, value: value.description, requirement: requirement)
        }
    }

    /// A finite number.
    func finite(_ x: Double, _ option: String) throws(ConfigurationError) {
        try require(x.isFinite, option, .number(x), "a number")
    }

    /// A finite number ≥ 0 (torch's check of `lr`, `eps`, `weight_decay`, `momentum`…).
    func nonNegative(_ x: Double, _ option: String) throws(ConfigurationError) {
        try require(x.isFinite && x >= 0, option, .number(x), "a number >= 0")
    }

    /// A finite number > 0.
    func positive(_ x: Double, _ option: String) throws(ConfigurationError) {
        try require(x.isFinite && x > 0, option, .number(x), "a number > 0")
    }

    /// A decay rate in [0, 1).
    func unitInterval(_ x: Double, _ option: String) throws(ConfigurationError) {
        try require(x >= 0 && x < 1, option, .number(x), "a number in [0, 1)")
    }

    /// A number in [0, 1] (Adadelta's ρ).
    func closedUnitInterval(_ x: Double, _ option: String) throws(ConfigurationError) {
        try require(x >= 0 && x <= 1, option, .number(x), "a number in [0, 1]")
    }

    /// An integer ≥ `minimum`.
    func integer(_ n: Int, _ option: String, minimum: Int) throws(ConfigurationError) {
        try require(n >= minimum, option, .number(Double(n)), "an integer >= \(minimum)")
    }
}
