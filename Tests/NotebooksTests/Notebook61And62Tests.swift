import Optim
import Tensor
import TestSupport
import Testing

/// Notebooks 6.1 (line search) and 6.2 (gradient descent with line search on the line model), against the
/// values the UDL notebooks print when run (NumPy float64).
@Suite struct Notebook61And62Tests {
    @Test func lineSearchOnTheOneDimensionalFunction() {
        let f = OneDimensionalTestFunction()
        let result = BracketingLineSearch.notebook61.minimize(f.value)
        expectClose(result.step, 0.383231214753849, absolute: 1e-12, "6.1 soln")
        expectClose(f.value(result.step), 0.328758144741585, absolute: 1e-12, "6.1 loss at soln")
        let finalPoints = [0.374647157445511, 0.380369862317736, 0.386092567189961, 0.391815272062186]
        for (actual, expected) in zip(result.points, finalPoints) {
            expectClose(actual, expected, absolute: 1e-12, "6.1 final a,b,c,d")
        }
        // The printed trace "Iter n, a, b, c, d" (%3.3f) of the ten passes.
        let trace: [[Double]] = [
            [0, 0.33, 0.66, 1], [0, 0.22, 0.44, 0.66], [0.22, 0.367, 0.513, 0.66], [0.22, 0.318, 0.416, 0.513],
            [0.318, 0.383, 0.448, 0.513], [0.318, 0.361, 0.405, 0.448], [0.318, 0.347, 0.376, 0.405],
            [0.347, 0.366, 0.385, 0.405], [0.366, 0.379, 0.392, 0.405], [0.366, 0.375, 0.383, 0.392],
        ]
        #expect(result.passes.count == trace.count)
        for (pass, printed) in zip(result.passes, trace) {
            for (actual, expected) in zip(pass.points, printed) {
                expectClose(actual, expected, absolute: 5.0001e-4, "6.1 trace")
            }
        }
    }

    @Test func lossAndGradientOfTheLineModel() {
        let problem = LineFittingProblem.notebook
        let phi = Tensor([0.6, -0.2])
        expectClose(problem.loss(at: phi), 12.366904, absolute: 1e-12, "6.2 loss(0.6, -0.2)")
        let g = problem.gradient(at: phi)
        expectClose(g[0], -21.904, absolute: 1e-12, "6.2 dL/dphi0")
        expectClose(g[1], -26.84044, absolute: 1e-12, "6.2 dL/dphi1")
        // The notebook's forward differences with delta = 1e-4.
        let delta = 1e-4, base = problem.loss(at: phi)
        expectClose(
            (problem.loss(at: Tensor([0.6 + delta, -0.2])) - base) / delta, -21.902799999988787, absolute: 1e-8,
            "6.2 FD phi0")
        expectClose(
            (problem.loss(at: Tensor([0.6, -0.2 + delta])) - base) / delta, -26.838938789985889, absolute: 1e-8,
            "6.2 FD phi1")
        let start = Tensor([1.6, -0.5])
        expectClose(problem.loss(at: start), 5.020124999999999, absolute: 1e-12, "6.2 loss at start")
        let gStart = problem.gradient(at: start)
        expectClose(gStart[0], -4.749999999999998, absolute: 1e-12, "6.2 gradient at start")
        expectClose(gStart[1], -13.027699999999998, absolute: 1e-12, "6.2 gradient at start")
    }

    @Test func gradientDescentWithLineSearchTenSteps() throws {
        let problem = LineFittingProblem.notebook
        var optimizer = try LineSearchGradientDescent()
        var phi = Tensor([1.6, -0.5])
        for row in notebook62Trajectory.dropFirst() {
            let result = optimizer.step(&phi, problem.objective)
            let alphaTolerance = row.step == 1 ? 1e-12 : 1e-9
            expectClose(result.stepLength ?? .nan, row.alpha, absolute: alphaTolerance, "6.2 alpha at step \(row.step)")
            expectClose(phi[0], row.phi0, absolute: 1e-9, "6.2 phi0 at step \(row.step)")
            expectClose(phi[1], row.phi1, absolute: 1e-9, "6.2 phi1 at step \(row.step)")
            expectClose(problem.loss(at: phi), row.loss, absolute: 1e-9, "6.2 loss at step \(row.step)")
            if row.step == 1 {
                // Verbose trace of the first search: pass-1 losses (printed %f) and rule 2 giving d = 0.066.
                let first = optimizer.lastSearch!.passes[0]
                for (actual, expected) in zip(first.losses, [5.020125, 3.282064, 10.758588, 28.099335]) {
                    expectClose(actual, expected, absolute: 5e-7, "6.2 first search losses")
                }
                #expect(first.rule == .dropRight)
                expectClose(optimizer.lastSearch!.passes[1].points[3], 0.066, absolute: 1e-15, "6.2 d after pass 1")
            }
        }
    }
}
