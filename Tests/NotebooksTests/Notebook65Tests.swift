import Optim
import Tensor
import TestSupport
import Testing

/// Notebook 6.5 (plain GD, normalised gradients, Adam with and without bias correction on the Gaussian
/// well), against the values the notebook prints when run (NumPy float64), with tolerances that allow for
/// the reference's own rounding.
@Suite struct Notebook65Tests {
    let problem = GaussianWellProblem()
    let start = Tensor([-0.7, -0.9])

    func path(_ optimizer: some Optimizer, steps: Int) -> [Tensor] {
        var optimizer = optimizer
        var phi = start
        var path = [phi]
        for _ in 0..<steps {
            optimizer.step(&phi, problem.objective)
            path.append(phi)
        }
        return path
    }

    @Test func lossAndFiniteDifferenceGradient() {
        expectClose(problem.loss(at: start), 0.845103790115093, absolute: 1e-14, "L(start)")
        let g = problem.gradient(at: start)
        expectClose(g[0], -0.054213673450487214, absolute: 1e-9, "FD dL/dphi0")
        expectClose(g[1], -0.557626355601748, absolute: 1e-9, "FD dL/dphi1")
        let exact = GaussianWellProblem(gradientMethod: .analytic).gradient(at: start)
        expectClose(exact[0], -0.054213673459717, absolute: 1e-14, "analytic dL/dphi0")
        expectClose(exact[1], -0.557626355585665, absolute: 1e-14, "analytic dL/dphi1")
    }

    @Test func gradientDescent() throws {
        let slow = path(try SGD(learningRate: 0.08), steps: 200)
        let firstSteps = [
            (-0.695662906123961, -0.8553898915518602), (-0.6905985162262922, -0.8057271495654931),
            (-0.6846368291533949, -0.7504589400747378),
        ]
        for (k, expected) in firstSteps.enumerated() {
            expectClose(slow[k + 1][0], expected.0, absolute: 1e-9, "GD 0.08 phi0 at step \(k + 1)")
            expectClose(slow[k + 1][1], expected.1, absolute: 1e-9, "GD 0.08 phi1 at step \(k + 1)")
        }
        expectClose(slow[200][0], 0.6684043912345345, absolute: 1e-9, "GD 0.08 final phi0")
        expectClose(slow[200][1], -2.0975443604243083e-12, absolute: 1e-9, "GD 0.08 final phi1")
        expectClose(problem.loss(at: slow[200]), 0.000124777526294, absolute: 1e-9, "GD 0.08 final loss")

        // alpha = 1 oscillates and amplifies last-bit differences (reference: ~1e-5 tolerance).
        let fast = path(try SGD(learningRate: 1.0), steps: 40)
        let fastSteps = [
            (-0.6457863265495127, -0.342373644398252), (-0.4335697458633596, 0.5214468619155872),
            (-0.293464144653776, -0.5097398133332314), (-0.16290022927453118, 0.562123745443744),
            (-0.05842354777948412, -0.5268331749482706),
        ]
        for (k, expected) in fastSteps.enumerated() {
            expectClose(fast[k + 1][0], expected.0, absolute: 1e-9, "GD 1.0 phi0 at step \(k + 1)")
            expectClose(fast[k + 1][1], expected.1, absolute: 1e-9, "GD 1.0 phi1 at step \(k + 1)")
        }
        // NumPy's SIMD exp differs from libm by an ulp now and then; this run amplifies that to ~1e-5. The
        // reference gives both NumPy's final point and that of an independent libm/sequential port.
        expectClose(fast[40][0], 0.6961307426146874, absolute: 2e-5, "GD 1.0 final phi0 (NumPy)")
        expectClose(fast[40][1], 0.19485597944436428, absolute: 2e-5, "GD 1.0 final phi1 (NumPy)")
        expectClose(fast[40][0], 0.696130780384475, absolute: 1e-9, "GD 1.0 final phi0 (libm port)")
        expectClose(fast[40][1], 0.194868369511115, absolute: 1e-9, "GD 1.0 final phi1 (libm port)")
    }

    @Test func normalizedGradients() throws {
        let p = path(try NormalizedGradientDescent(learningRate: 0.08), steps: 40)
        let first: [(Double, Double)] = [
            (-0.7, -0.9), (-0.62, -0.82), (-0.54, -0.74), (-0.46, -0.66), (-0.38, -0.58), (-0.3, -0.5), (-0.22, -0.42),
            (-0.14, -0.34), (-0.06, -0.26), (0.02, -0.18), (0.1, -0.1), (0.18, -0.0200000000000002),
            (0.26, 0.0599999999999998), (0.34, -0.0200000000000002), (0.42, 0.0599999999999998),
            (0.5, -0.0200000000000002), (0.58, 0.0599999999999998), (0.66, -0.0200000000000002),
            (0.74, 0.0599999999999998), (0.66, -0.0200000000000002), (0.74, 0.0599999999999998),
        ]
        for (k, expected) in first.enumerated() {
            expectClose(p[k][0], expected.0, absolute: 1e-12, "normalized phi0 at step \(k)")
            expectClose(p[k][1], expected.1, absolute: 1e-12, "normalized phi1 at step \(k)")
        }
        for k in 17...40 {
            let expected = k % 2 == 0 ? (0.74, 0.06) : (0.66, -0.02)
            expectClose(p[k][0], expected.0, absolute: 1e-12, "normalized phi0 at step \(k)")
            expectClose(p[k][1], expected.1, absolute: 1e-12, "normalized phi1 at step \(k)")
        }
        expectClose(problem.loss(at: p[40]), 0.007372687412574, absolute: 1e-12, "normalized final loss")
    }

    @Test func adamWithAndWithoutBiasCorrection() throws {
        let corrected = path(try AdamUDL(learningRate: 0.05, beta: 0.9, gamma: 0.99, epsilon: 1e-20), steps: 60)
        let uncorrected = path(
            try AdamUDL(learningRate: 0.05, beta: 0.9, gamma: 0.99, epsilon: 1e-20, biasCorrection: false), steps: 60)
        expectClose(corrected[1][0], -0.65, absolute: 1e-15, "Adam step 1 phi0")
        expectClose(corrected[1][1], -0.85, absolute: 1e-15, "Adam step 1 phi1")
        for row in notebook65Adam {
            expectClose(corrected[row.step][0], row.adam.0, absolute: 1e-9, "Adam phi0 at step \(row.step)")
            expectClose(corrected[row.step][1], row.adam.1, absolute: 1e-9, "Adam phi1 at step \(row.step)")
            expectClose(
                uncorrected[row.step][0], row.noCorrection.0, absolute: 1e-9,
                "Adam (no correction) phi0 at step \(row.step)")
            expectClose(
                uncorrected[row.step][1], row.noCorrection.1, absolute: 1e-9,
                "Adam (no correction) phi1 at step \(row.step)")
        }
        expectClose(problem.loss(at: corrected[60]), 0.001874291141445, absolute: 1e-9, "Adam final loss")
        expectClose(
            problem.loss(at: uncorrected[60]), 0.000386399900274, absolute: 1e-9, "Adam (no correction) final loss")
    }
}
