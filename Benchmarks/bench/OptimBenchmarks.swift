import Optim
import Tensor

/// One optimizer step on the 5,301 parameters of a 2→50→50→50→1 network, with a trivial objective
/// (g = θ, a copy), in nanoseconds per parameter. After the first step the first-order methods run
/// allocation-free, so a step costs a few streaming passes over the buffers.
func optimBenchmarks() {
    let count = 5_301
    var random = RandomState(seed: 0)
    let start = random.normal(shape: [count])
    let objective: Objective = { parameters, gradient in
        gradient.assign(parameters)
        return 0
    }
    print("one step on \(count) parameters (objective: g = θ), best of 5")

    func measure(_ label: String, _ optimizer: some Optimizer) {
        var optimizer = optimizer
        var theta = start
        let clock = ContinuousClock()
        let first = clock.measure { _ = try? optimizer.step(&theta, objective) }.seconds
        let steady = seconds(inner: 2_000) { _ = try? optimizer.step(&theta, objective) }
        report(
            label,
            "\(fixed(steady / Double(count) * 1e9, 2)) ns/parameter, \(fixed(steady * 1e6, 2)) µs/step "
                + "(first step, allocating state: \(fixed(first * 1e6, 1)) µs)")
    }

    var gradient = Tensor.zeros([count])
    let objectiveOnly = seconds(inner: 2_000) { _ = try? objective(start, &gradient) }
    report("objective alone", "\(fixed(objectiveOnly / Double(count) * 1e9, 2)) ns/parameter")
    // Fixed, valid settings: the initializers cannot throw here.
    measure("sgd", try! SGD(learningRate: 1e-3))
    measure("sgd(momentum=0.9, nesterov)", try! SGD(learningRate: 1e-3, momentum: 0.9, nesterov: true))
    measure("adam", try! Adam())
    measure("adamw(amsgrad=True)", try! Adam.adamW(amsgrad: true))
    measure("rmsprop", try! RMSprop())
    measure("rmsprop(centered, momentum=0.9)", try! RMSprop(momentum: 0.9, centered: true))
    measure("adagrad", try! Adagrad())
    measure("adadelta", try! Adadelta())
    measure("momentum-udl", try! MomentumUDL())
    measure("adam-udl", try! AdamUDL())
}
