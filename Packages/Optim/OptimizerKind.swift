/// The optimizers that can be built by name, with the names the command-line tools use and PyTorch's
/// keyword names and defaults for their hyper-parameters.
public enum OptimizerKind: String, CaseIterable, Sendable, Codable {
    /// ``SGD`` (`torch.optim.SGD`).
    case sgd
    /// ``Adam`` (`torch.optim.Adam`).
    case adam
    /// ``Adam/adamW(learningRate:beta1:beta2:epsilon:weightDecay:amsgrad:maximize:)`` (`torch.optim.AdamW`).
    case adamw
    /// ``Adagrad`` (`torch.optim.Adagrad`).
    case adagrad
    /// ``RMSprop`` (`torch.optim.RMSprop`).
    case rmsprop
    /// ``Adadelta`` (`torch.optim.Adadelta`).
    case adadelta
    /// ``LBFGS`` (`torch.optim.LBFGS`).
    case lbfgs
    /// ``MomentumUDL``, UDL eq. 6.11.
    case momentumUDL = "momentum-udl"
    /// ``NesterovMomentumUDL``, UDL eq. 6.12.
    case nesterovUDL = "nesterov-udl"
    /// ``AdamUDL``, UDL eqs. 6.15–6.17.
    case adamUDL = "adam-udl"
    /// ``NormalizedGradientDescent``, UDL eqs. 6.13–6.14.
    case normalizedGD = "normalized-gd"
    /// ``LineSearchGradientDescent``, notebooks 6.2–6.3.
    case gdLineSearch = "gd-line-search"

    /// The options this optimizer accepts, in canonical order, with their defaults (PyTorch's for the
    /// torch optimizers). `max_eval=None` means `max_iter·5/4`.
    public var defaults: [(name: String, value: OptionValue)] {
        let lr = OptionValue.number(1e-3)
        switch self {
        case .sgd:
            return [("lr", lr), ("momentum", .number(0)), ("dampening", .number(0)), ("weight_decay", .number(0)),
                    ("nesterov", .flag(false)), ("maximize", .flag(false))]
        case .adam, .adamw:
            var options: [(name: String, value: OptionValue)] = [
                ("lr", lr), ("betas", .numbers([0.9, 0.999])), ("eps", .number(1e-8)),
                ("weight_decay", .number(self == .adamw ? 1e-2 : 0)), ("amsgrad", .flag(false)), ("maximize", .flag(false)),
            ]
            if self == .adam { options.append(("decoupled_weight_decay", .flag(false))) }
            return options
        case .adagrad:
            return [("lr", .number(1e-2)), ("lr_decay", .number(0)), ("weight_decay", .number(0)),
                    ("initial_accumulator_value", .number(0)), ("eps", .number(1e-10)), ("maximize", .flag(false))]
        case .rmsprop:
            return [("lr", .number(1e-2)), ("alpha", .number(0.99)), ("eps", .number(1e-8)), ("weight_decay", .number(0)),
                    ("momentum", .number(0)), ("centered", .flag(false)), ("maximize", .flag(false))]
        case .adadelta:
            return [("lr", .number(1)), ("rho", .number(0.9)), ("eps", .number(1e-6)), ("weight_decay", .number(0)),
                    ("maximize", .flag(false))]
        case .lbfgs:
            return [("lr", .number(1)), ("max_iter", .number(20)), ("max_eval", .none), ("tolerance_grad", .number(1e-7)),
                    ("tolerance_change", .number(1e-9)), ("history_size", .number(100)), ("line_search_fn", .none),
                    ("maximize", .flag(false))]
        case .momentumUDL, .nesterovUDL:
            return [("lr", lr), ("beta", .number(0.9))]
        case .adamUDL:
            return [("lr", lr), ("beta", .number(0.9)), ("gamma", .number(0.99)), ("eps", .number(1e-20)),
                    ("bias_correction", .flag(true))]
        case .normalizedGD:
            return [("lr", lr), ("eps", .number(1e-20))]
        case .gdLineSearch:
            return [("max_dist", .number(0.1)), ("thresh", .number(1e-5)), ("max_iter", .number(15))]
        }
    }

    /// A one-line description for `--help`.
    public var summary: String {
        switch self {
        case .sgd: return "SGD with momentum, dampening, Nesterov, weight decay (torch.optim.SGD)"
        case .adam: return "Adam with bias correction, amsgrad, weight decay (torch.optim.Adam)"
        case .adamw: return "Adam with decoupled weight decay (torch.optim.AdamW)"
        case .adagrad: return "Adagrad with lr decay and initial accumulator (torch.optim.Adagrad)"
        case .rmsprop: return "RMSprop, optionally centered and with momentum (torch.optim.RMSprop)"
        case .adadelta: return "Adadelta (torch.optim.Adadelta)"
        case .lbfgs: return "L-BFGS, fixed step or strong-Wolfe line search (torch.optim.LBFGS)"
        case .momentumUDL: return "momentum m = beta m + (1 - beta) g, UDL eq. 6.11"
        case .nesterovUDL: return "Nesterov momentum with the gradient at the look-ahead point, UDL eq. 6.12"
        case .adamUDL: return "Adam as in UDL eqs. 6.15-6.17, with or without bias correction"
        case .normalizedGD: return "normalized gradients, UDL eqs. 6.13-6.14"
        case .gdLineSearch: return "gradient descent with the bracketing line search of notebooks 6.1-6.3"
        }
    }
}
