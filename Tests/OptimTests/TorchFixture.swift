import Foundation
import Optim
import Tensor

/// A fixture written by `scripts/reference/optim_torch_fixtures.py`: torch.optim trajectories in float64.
struct TorchFixture: Decodable {
    struct Provenance: Decodable {
        let script: String
        let torch: String
        let dtype: String
    }

    struct Problem: Decodable {
        let name: String
        let start: [Double]
        let A: [[Double]]?
        let b: [Double]?
        let x: [[Double]]?
        let y: [Double]?
    }

    struct LBFGSRecord: Decodable {
        let n_iter: [Int]
        let func_evals: [Int]
        let t: [Double?]
    }

    struct Run: Decodable {
        let optimizer: String
        let options: [String: OptionValue]
        let sign: Double
        let steps: Int
        let losses: [Double]
        let parameters: [[Double]]
        let evaluations: [Int]
        let lbfgs: LBFGSRecord?
        /// torch's own conditioning over the recorded steps: how far its trajectory moves when the start is
        /// perturbed by 1e-15 relative (the script cuts runs before this passes 1e-12).
        let sensitivity: Double

        /// The run as torch would print its constructor, for failure messages.
        var label: String {
            "\(optimizer)(\(options.keys.sorted().map { "\($0)=\(options[$0]!)" }.joined(separator: ", ")))"
        }
    }

    let provenance: Provenance
    let problem: Problem
    let runs: [Run]

    /// Loads `Tests/Fixtures/optim/<name>` relative to this source file.
    static func load(_ name: String) throws -> TorchFixture {
        try JSONDecoder().decode(TorchFixture.self, from: Data(contentsOf: fixtureURL(name)))
    }
}

/// The URL of a file under `Tests/Fixtures/optim/`.
func fixtureURL(_ name: String) -> URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../Fixtures/optim/\(name)").standardizedFileURL
}

/// The objective of a fixture's problem, multiplied by `sign` (−1 for the `maximize` runs).
func torchProblemObjective(_ problem: TorchFixture.Problem, sign: Double) -> (Tensor, inout Tensor) -> Double {
    switch problem.name {
    case "quadratic":
        let a = problem.A!, b = problem.b!
        return { theta, gradient in
            let x = theta.scalars
            var f = 0.0
            for i in x.indices {
                var ax = 0.0
                for j in x.indices { ax += a[i][j] * x[j] }
                f += 0.5 * x[i] * ax - b[i] * x[i]
                gradient[i] = sign * (ax - b[i])
            }
            return sign * f
        }
    case "rosenbrock":
        return { theta, gradient in
            let x = theta.scalars
            let r = x[1] - x[0] * x[0]
            gradient[0] = sign * (-2 * (1 - x[0]) - 400 * x[0] * r)
            gradient[1] = sign * (200 * r)
            return sign * ((1 - x[0]) * (1 - x[0]) + 100 * r * r)
        }
    case "mlp":
        let inputs = problem.x!, targets = problem.y!
        return { theta, gradient in
            sign * tanhNetworkLoss(theta.scalars, inputs, targets, sign: sign, gradient: &gradient)
        }
    default:
        preconditionFailure("unknown fixture problem \(problem.name)")
    }
}

/// Mean squared error of the 2→4→1 tanh network whose 17 parameters are W1 (4×2, row-major), b1 (4),
/// W2 (1×4), b2 (1), with its gradient (times `sign`) by explicit backpropagation.
func tanhNetworkLoss(
    _ p: [Double], _ inputs: [[Double]], _ targets: [Double], sign: Double, gradient: inout Tensor
) -> Double {
    let hidden = 4
    var g = [Double](repeating: 0, count: p.count)
    var loss = 0.0
    let scale = 1 / Double(inputs.count)
    for (x, y) in zip(inputs, targets) {
        var h = [Double](repeating: 0, count: hidden)
        var out = p[16]
        for j in 0..<hidden {
            h[j] = Foundation.tanh(p[2 * j] * x[0] + p[2 * j + 1] * x[1] + p[8 + j])
            out += p[12 + j] * h[j]
        }
        let residual = out - y
        loss += residual * residual
        let dOut = 2 * residual * scale
        g[16] += dOut
        for j in 0..<hidden {
            g[12 + j] += dOut * h[j]
            let dPre = dOut * p[12 + j] * (1 - h[j] * h[j])
            g[2 * j] += dPre * x[0]
            g[2 * j + 1] += dPre * x[1]
            g[8 + j] += dPre
        }
    }
    for i in g.indices { gradient[i] = sign * g[i] }
    return loss * scale
}
