import Optim
import Plot
import Tensor

/// The figures of notebook 6.3.
extension StochasticGradientDescentNotebook {
    func figures(_ session: NotebookSession, runs: [(String, [Tensor])], experiments: Experiments) throws {
        try session.figure("6.3-fits") {
            let figure = Figure(width: 1200, height: 400, rows: 1, columns: 3)
            let x = Tensor.arange(-15, 15, step: 0.1).scalars
            for (column, (name, path)) in runs.enumerated() {
                let axes = figure.axes(row: 0, column: column)
                let last = path.count - 1
                axes.line(
                    x, x.map { problem.prediction(path[0], $0) },
                    label: "inicio, L = \(fixedComma(problem.loss(at: path[0]), 2))",
                    color: Color(gray: 0.55), style: .dashed)
                axes.line(
                    x, x.map { problem.prediction(path[last], $0) },
                    label: "paso \(last), L = \(fixedComma(problem.loss(at: path[last]), 2))",
                    color: Color.cycle[6], width: 2)
                axes.scatter(problem.x, problem.y, label: "datos", color: Color.cycle[0], size: 6)
                axes.xLimits = (-15, 15)
                axes.yLimits = (-1, 1)
                axes.xLabel = "x"
                axes.yLabel = "y"
                axes.title = name
                axes.legendLocation = .lowerLeft
            }
            figure.title = "El modelo de Gabor antes y después de cada ejecución"
            return figure
        }
        try session.figure("6.3-loss-surface") {
            let figure = Figure(width: 1300, height: 620, rows: 1, columns: 2)
            let windows: [(String, (Double, Double, Double), (Double, Double, Double))] = [
                ("La ventana del cuaderno", (-10, 10, 0.1), (2.5, 22.5, 0.1)),
                ("Acercamiento a los caminos", (-3.5, 4, 0.025), (6, 17, 0.025)),
            ]
            for (column, (title, x, y)) in windows.enumerated() {
                let axes = figure.axes(row: 0, column: column)
                ChapterSix.drawLossSurface(axes, ChapterSix.lossField(problem.loss(at:), x: x, y: y))
                for (index, (name, path)) in runs.enumerated() {
                    ChapterSix.drawPath(
                        axes, path, label: name, color: ChapterSix.pathColors[index], markerSize: column == 0 ? 2 : 3.5)
                }
                axes.scatter(
                    [experiments.minimum[0]], [experiments.minimum[1]], label: "mínimo global",
                    color: Color(hex: 0xfde725),
                    marker: .cross, size: 10)
                axes.xLimits = (x.0, x.1 - x.2)
                axes.yLimits = (y.0, y.1 - y.2)
                axes.title = title
                axes.legendLocation = column == 0 ? .upperLeft : nil
            }
            figure.title = "Descenso de gradiente con búsqueda lineal, con α fija y SGD sobre la pérdida de Gabor"
            return figure
        }
        try session.figure("6.3-local-minima") {
            let figure = Figure(width: 900, height: 640)
            let axes = figure.axes()
            let field = ChapterSix.lossField(problem.loss(at:), x: (-15, 22, 0.1), y: (0, 23, 0.1))
            ChapterSix.drawLossSurface(axes, field)
            let lowest = problem.loss(at: experiments.minimum)
            let names = ["llega al mínimo global", "se detiene en un mínimo local", "se estanca en una meseta"]
            let colors = [Color(hex: 0x7fff7f), Color(hex: 0x4fd1c5), Color(gray: 0.78)]
            let kinds = experiments.starts.map { endKind(problem.loss(at: $0[$0.count - 1]), minimum: lowest) }
            for kind in 0..<3 {
                for (index, path) in experiments.starts.enumerated() where kinds[index] == kind {
                    let first = kinds[..<index].firstIndex(of: kind) == nil
                    ChapterSix.drawPath(
                        axes, path, label: first ? names[kind] : nil, color: colors[kind], markerSize: 0)
                }
            }
            axes.xLimits = (-15, 21.9)
            axes.yLimits = (0, 22.9)
            axes.title = "DG con búsqueda lineal desde 25 puntos de inicio (100 pasos)"
            axes.legendLocation = .lowerLeft
            return figure
        }
        try session.figure("6.3-learning-rates") {
            let figure = Figure(width: 1200, height: 460, rows: 1, columns: 2)
            let left = figure.axes(row: 0, column: 0)
            for (index, run) in experiments.rates.enumerated() {
                left.line(
                    Array(0..<run.losses.count).map(Double.init), run.losses,
                    label: "α = " + comma("\(run.rate)"),
                    color: Colormap.viridis.color(at: Double(index) / Double(experiments.rates.count - 1)))
            }
            left.yScale = .log
            left.xLabel = "paso"
            left.yLabel = "pérdida sobre todos los datos"
            left.title = "Descenso de gradiente con α fija desde (−1,5; 8,5)"
            left.legendLocation = .outsideRight
            let right = figure.axes(row: 0, column: 1)
            let schedule = experiments.schedule
            let steps = Array(0..<schedule.constant.count).map(Double.init)
            right.line(steps, schedule.constant, label: "α constante = 0,8", color: Color.cycle[1])
            right.line(
                steps, schedule.decayed,
                label:
                    "$\\alpha = 0{,}8 \\cdot \(comma("\(schedule.factor)"))^{⌊k/\(schedule.every)⌋}$",
                color: Color.cycle[0])
            right.horizontalLine(
                at: problem.loss(at: experiments.minimum), label: "mínimo global", color: Color(gray: 0.3))
            right.yScale = .log
            right.xLabel = "paso"
            right.yLabel = "pérdida sobre todos los datos"
            right.title = "SGD (semilla 1, minilote 5) desde (3,5; 6,5)"
            right.legendLocation = .upperRight
            return figure
        }
    }
}
