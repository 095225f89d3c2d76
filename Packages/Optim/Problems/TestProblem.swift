import Tensor

/// A loss over a flat parameter vector with its gradient: the named test problems of UDL chapter 6.
///
/// ``objective`` adapts a problem to the ``Optimizer`` interface:
///
/// ```swift
/// let problem = GaborFittingProblem.notebook
/// var phi = Tensor([-1.5, 8.5])
/// var gd = SGD(learningRate: 0.2)
/// for _ in 0..<21 { gd.step(&phi, problem.objective) }
/// ```
public protocol TestProblem: Sendable {
    /// The number of parameters.
    var parameterCount: Int { get }

    /// The loss at `parameters`.
    ///
    /// - Parameter parameters: a vector of ``parameterCount`` elements.
    /// - Returns: the loss.
    func loss(at parameters: Tensor) -> Double

    /// Writes the gradient of the loss at `parameters` into `gradient` (same count).
    ///
    /// - Parameters:
    ///   - parameters: a vector of ``parameterCount`` elements.
    ///   - gradient: receives ∂loss/∂parameters.
    func gradient(at parameters: Tensor, into gradient: inout Tensor)
}

extension TestProblem {
    /// The loss and gradient as an ``Objective`` (non-throwing, so `step` needs no `try`).
    public var objective: (Tensor, inout Tensor) -> Double {
        { parameters, gradient in
            self.gradient(at: parameters, into: &gradient)
            return self.loss(at: parameters)
        }
    }

    /// The gradient at `parameters` as a new vector.
    ///
    /// - Parameter parameters: a vector of ``parameterCount`` elements.
    /// - Returns: ∂loss/∂parameters.
    public func gradient(at parameters: Tensor) -> Tensor {
        var g = Tensor.zeros([parameterCount])
        gradient(at: parameters, into: &g)
        return g
    }
}

/// A test problem whose loss is a sum over data points, with minibatch versions for SGD.
public protocol MinibatchProblem: TestProblem {
    /// The number of data points.
    var dataCount: Int { get }

    /// The loss summed over the data points `batch` (indices into the data, repeats allowed).
    ///
    /// - Parameters:
    ///   - parameters: a vector of ``TestProblem/parameterCount`` elements.
    ///   - batch: indices of the data points.
    /// - Returns: the loss over the batch.
    func loss(at parameters: Tensor, batch: [Int]) -> Double

    /// Writes the gradient of the batch loss into `gradient`.
    ///
    /// - Parameters:
    ///   - parameters: a vector of ``TestProblem/parameterCount`` elements.
    ///   - batch: indices of the data points.
    ///   - gradient: receives the gradient.
    func gradient(at parameters: Tensor, batch: [Int], into gradient: inout Tensor)
}

extension MinibatchProblem {
    /// The batch loss and gradient as an ``Objective``.
    ///
    /// - Parameter batch: indices of the data points, e.g. `Array(random.permutation(30)[0..<5])` as in
    ///   notebooks 6.3 and 6.4.
    /// - Returns: a closure for ``Optimizer/step(_:_:)``.
    public func objective(batch: [Int]) -> (Tensor, inout Tensor) -> Double {
        { parameters, gradient in
            self.gradient(at: parameters, batch: batch, into: &gradient)
            return self.loss(at: parameters, batch: batch)
        }
    }
}

/// The NumPy `np.sum` (pairwise) of `term(i)` over `indices`, for bit-faithful notebook losses.
func numpySum(_ indices: [Int], _ term: (Int) -> Double) -> Double {
    pairwiseSum(indices.map(term))
}
