import Datasets
import Foundation
import Tensor
import TestSupport
import Testing

/// The chapter-5 data sets, checked through the losses the notebooks print (`udl-notebooks.md`, 5.1–5.3):
/// each loss sums over all 20 points, so a wrong digit anywhere changes it.
@Suite struct NotebookDataTests {
    /// The notebooks' `shallow_nn` with β0 = [0.3, −1, −0.5], Ω0 = [−1, 1.8, 0.65] and the given output
    /// layer: h = ReLU(β0 + Ω0 x), y = β1 + Ω1 h.
    func shallowNetwork(_ x: Double, beta1: [Double], omega1: [[Double]]) -> [Double] {
        let h = zip([0.3, -1.0, -0.5], [-1.0, 1.8, 0.65]).map { max(0, $0 + $1 * x) }
        return zip(beta1, omega1).map { b, row in b + zip(row, h).map(*).reduce(0, +) }
    }

    @Test func shapes() {
        for data in [NotebookData.leastSquares, .binaryClassification, .multiclassClassification] {
            #expect(data.inputs.shape == [20, 1] && data.targets.shape == [20, 1])
            #expect(data.inputs == NotebookData.leastSquares.inputs)
        }
    }

    @Test func leastSquares51() {
        let data = NotebookData.leastSquares
        var squares = 0.0, negativeLogLikelihood = 0.0
        let sigma = 0.2
        for (x, y) in zip(data.inputs.scalars, data.targets.scalars) {
            let mu = shallowNetwork(x, beta1: [0.1], omega1: [[-2, -1, 7]])[0]
            squares += (y - mu) * (y - mu)
            negativeLogLikelihood +=
                (y - mu) * (y - mu) / (2 * sigma * sigma) + 0.5 * log(2 * Double.pi * sigma * sigma)
        }
        expectClose(squares, 2.020992571901951, relative: 1e-12)
        expectClose(negativeLogLikelihood, 11.452419564185830, relative: 1e-12)
    }

    @Test func binaryCrossEntropy52() {
        let data = NotebookData.binaryClassification
        #expect(data.targets.scalars.allSatisfy { $0 == 0 || $0 == 1 })
        var negativeLogLikelihood = 0.0
        for (x, y) in zip(data.inputs.scalars, data.targets.scalars) {
            let lambda = 1 / (1 + exp(-shallowNetwork(x, beta1: [2.6], omega1: [[-24, -8, 50]])[0]))
            negativeLogLikelihood -= y * log(lambda) + (1 - y) * log(1 - lambda)
        }
        expectClose(negativeLogLikelihood, 9.563639387120910, relative: 1e-12)
    }

    @Test func multiclassCrossEntropy53() {
        let data = NotebookData.multiclassClassification
        var negativeLogLikelihood = 0.0
        for (x, y) in zip(data.inputs.scalars, data.targets.scalars) {
            let f = shallowNetwork(x, beta1: [2, -2, 0], omega1: [[-24, -8, 50], [-2, 8, -30], [16, -8, -8]])
            let total = f.map(exp).reduce(0, +)
            negativeLogLikelihood -= log(exp(f[Int(y)]) / total)
        }
        expectClose(negativeLogLikelihood, 17.015457866763509, relative: 1e-12)
    }
}
