import NN
import Notebooks
import Tensor
import TestSupport
import Testing

/// Notebook 7.2 (backpropagation in a deep ReLU network) through NN's forward and backward passes: the
/// notebook's network (``BackpropagationNotebook/network()``) against the reference's solved values, and
/// its finite-difference check. (NN's own tests build their networks themselves: NN is below Notebooks.)
@Suite struct Notebook72Tests {
    @Test func notebook72ForwardAndBackward() {
        let network = BackpropagationNotebook.network()
        let workspace = NetworkWorkspace(network.architecture, capacity: 1)
        var gradient = Tensor.zeros([network.architecture.parameterCount])
        let loss = workspace.lossAndGradient(
            parameters: network.parameters, inputs: Tensor(shape: [1, 1], scalars: [1.2]),
            targets: Tensor(shape: [1, 1], scalars: [20.0]), loss: .sse, gradient: &gradient, inputGradient: true)
        expectClose(workspace.output.scalar, 1.9066049977294031, absolute: 1e-12, relative: 1e-12)
        expectClose(loss / 327.37094270819063, 1, absolute: 1e-12, relative: 1e-12)
        expectClose(
            workspace.preActivations(0).scalars,
            [
                2.87790054030819, 0.6018636665334963, 1.6183488136723128, 3.022746166416016, 3.7351486613375666,
                -1.377891719617494,
            ], absolute: 1e-12, relative: 1e-12)
        expectClose(
            workspace.preActivations(4).scalars,
            [
                -7.223161550351734, -20.70636514776969, -14.327368143143442, -14.817097600373646, 11.062883842963927,
                -20.80230784695514,
            ], absolute: 1e-12, relative: 1e-12)
        expectClose(workspace.activationGradients(0).scalar / -54.53747284585685, 1, absolute: 1e-12, relative: 1e-12)

        let trained = Network(network.architecture, parameters: gradient)
        let biases: [[Double]] = [
            [-4.4859487556554924, 4.947444659487175, 6.811528751851823, -3.8834628061538528, -24.93526671528312, 0.0],
            [0, -11.296896081669242, 0, 0, -10.721770787897048, 0],
            [0, 0, 0.9378865854831568, 0, -9.993352941785815, 0.507566422190971],
            [0, -4.799953101238755, -1.6613597510127596, 0, 3.3934542786013644, 5.390964399379986],
            [0, 0, 0, 0, -5.212474461102878, 0],
            [-36.186790004541194],
        ]
        let weights: [[Double]] = [
            [-5.383138506786591, 5.9369335913846095, 8.173834502222187, -4.660155367384623, -29.922320058339743, 0.0],
            [
                0, 0, 0, 0, 0, 0, -32.511343337241385, -6.799191296161338, -18.28231837194882, -34.14764932326581,
                -42.19558627671647, 0,
            ]
                + [Double](repeating: 0, count: 12)
                + [
                    -30.856189943549484, -6.453044278135451, -17.351565035059647, -32.40919154630703,
                    -40.047407805581884, 0,
                ]
                + [Double](repeating: 0, count: 6),
            [Double](repeating: 0, count: 12) + [0, 5.371356219433391, 0, 0, 3.1446004763144946, 0]
                + [Double](repeating: 0, count: 6) + [0, -57.23278198845525, 0, 0, -33.50629266600474, 0]
                + [0, 2.906876056028192, 0, 0, 1.7017981040433965, 0],
            [Double](repeating: 0, count: 6) + [0, 0, -3.6740447224587367, 0, -42.90504609101559, -10.998434747443804]
                + [0, 0, -1.271660346793496, 0, -14.850294406535923, -3.8067781972343973]
                + [Double](repeating: 0, count: 6)
                + [0, 0, 2.5974634585456142, 0, 30.33286141766065, 7.775635441521082]
                + [0, 0, 4.126424546813457, 0, 48.18788249633721, 12.352656145134302],
            [Double](repeating: 0, count: 24) + [
                0, -81.63541186649071, -49.1356066390429, 0, -22.006697705674377, -10.145546058654217,
            ]
                + [Double](repeating: 0, count: 6),
            [0, 0, 0, 0, -400.3302544699673, 0],
        ]
        for k in 0...5 {
            let scale = max(1, trained.biases(ofLayer: k).norm(.infinity))
            expectClose(
                trained.biases(ofLayer: k).scalars.map { $0 / scale }, biases[k].map { $0 / scale }, absolute: 1e-12,
                relative: 1e-12, "β_\(k)")
            let wScale = max(1, trained.weights(ofLayer: k).norm(.infinity))
            expectClose(
                trained.weights(ofLayer: k).scalars.map { $0 / wScale }, weights[k].map { $0 / wScale },
                absolute: 1e-12, relative: 1e-12, "Ω_\(k)")
        }
    }

    /// Notebook 7.2's check: forward differences with δ = 1e-6 pass allclose(rtol 1e-5, atol 1e-8) for each
    /// of the 12 Ω_k and β_k (the reference: all "Success"); the largest error sits at Ω_5[0, 4], where L is
    /// quadratic with ∂²L/∂ω² = 2·h_5[4]², so the error is h_5[4]²·δ ≈ 1.2e-4.
    @Test func notebook72ForwardDifferences() {
        let network = BackpropagationNotebook.network()
        let x = Tensor(shape: [1, 1], scalars: [1.2]), y = Tensor(shape: [1, 1], scalars: [20.0])
        let check = network.gradientCheck(inputs: x, targets: y, loss: .sse, step: 1e-6, difference: .forward)
        for layer in network.layers {
            #expect(check.allClose(layer.weightOffset..<layer.biasOffset))
            #expect(check.allClose(layer.biasOffset..<(layer.biasOffset + layer.outputs)))
        }
        let last = network.layers[5]
        #expect(check.worstParameter == last.weightOffset + 4)
        let h = 11.062883842963927
        expectClose(check.maxAbsoluteError(0..<check.analytic.count), h * h * 1e-6, absolute: 1e-7, relative: 1e-7)
    }
}
