import Optim
import Tensor
import TestSupport
import Testing

/// `TestProblem.forwardDifferenceGradient(at:step:)` against a closed form and the notebooks' printed
/// finite differences (notebooks 6.2 and 6.3).
@Suite struct FiniteDifferenceTests {
    @Test func quadraticLossHasAClosedFormError() {
        // L is quadratic in φ, so the forward difference is exactly g_k + δ/2·∂²L/∂φ_k²:
        // ∂²L/∂φ₀² = 2n and ∂²L/∂φ₁² = 2Σx².
        let problem = LineFittingProblem.notebook
        let phi = Tensor([0.6, -0.2]), delta = 1e-4
        let fd = problem.forwardDifferenceGradient(at: phi, step: delta)
        let g = problem.gradient(at: phi)
        let sumOfSquares = problem.x.reduce(0) { $0 + $1 * $1 }
        expectClose(fd[0], g[0] + delta * Double(problem.x.count), absolute: 1e-8, "FD dL/dphi0")
        expectClose(fd[1], g[1] + delta * sumOfSquares, absolute: 1e-8, "FD dL/dphi1")
    }

    @Test func notebookEstimates() {
        let line = LineFittingProblem.notebook.forwardDifferenceGradient(at: Tensor([0.6, -0.2]), step: 1e-4)
        expectClose(line[0], -21.902799999988787, absolute: 1e-8, "6.2 FD phi0")
        expectClose(line[1], -26.838938789985889, absolute: 1e-8, "6.2 FD phi1")
        let gabor = GaborFittingProblem.notebook.forwardDifferenceGradient(at: Tensor([-5, 25]), step: 1e-4)
        expectClose(gabor[0], 3.344025077005597, absolute: 1e-8, "6.3 FD phi0")
        expectClose(gabor[1], 0.519162252698990, absolute: 1e-8, "6.3 FD phi1")
    }
}
