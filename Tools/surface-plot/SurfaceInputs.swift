import Datasets
import NN
import Plot
import Tensor
import ToolSupport

/// Reading what `surface-plot` draws: a model evaluated on a grid, `x,y,z` CSV grids and a path.
enum SurfaceInputs {
    /// A model file that maps (x, y) to one height.
    /// - Throws: ``ToolError`` 66 for a missing file, `ModelFileError` (65) for a bad one, and ``ToolError``
    ///   65 for a model without 2 inputs and 1 output.
    static func network(_ path: String) throws -> Network {
        let name = InputFile.name(path)
        let network = try ModelFile.network(
            fromJSON: String(decoding: try InputFile.contents(path), as: UTF8.self), file: name)
        guard network.inputs == 2 && network.outputs == 1 else {
            throw ToolError(
                .dataError,
                "\(name): the model has \(network.inputs) input\(network.inputs == 1 ? "" : "s") and "
                    + "\(network.outputs) output\(network.outputs == 1 ? "" : "s"); a surface needs 2 inputs (x, y) and 1 output"
            )
        }
        return network
    }

    /// The model's outputs on the grid x × y, evaluated in blocks of rows so that large grids need little memory.
    /// - Throws: ``ToolError`` 65 naming the first point where the output is not finite.
    static func field(of network: Network, x: [Double], y: [Double], name: String) throws -> ScalarField {
        let count = x.count * y.count, block = min(count, 4096)
        let workspace = NetworkWorkspace(network.architecture, capacity: block)
        var values: [Double] = []
        values.reserveCapacity(count)
        var points = [Double](repeating: 0, count: 2 * block)
        for start in stride(from: 0, to: count, by: block) {
            let n = min(block, count - start)
            for k in 0..<n {
                // Point p = j·x.count + i is (x[i], y[j]), ScalarField's order.
                let p = start + k
                points[2 * k] = x[p % x.count]
                points[2 * k + 1] = y[p / x.count]
            }
            workspace.forward(
                parameters: network.parameters, inputs: Tensor(shape: [n, 2], scalars: Array(points[..<(2 * n)])))
            values.append(contentsOf: workspace.output.scalars)
        }
        if let p = values.firstIndex(where: { !$0.isFinite }) {
            throw ToolError(
                .dataError,
                "\(name): the model's output at (x, y) = (\(x[p % x.count]), \(y[p / x.count])) is \(values[p]), not a finite number"
            )
        }
        return ScalarField(x: x, y: y, values: values)
    }

    /// A grid read from the columns x, y, z of a CSV file, its rows in any order.
    ///
    /// - Parameter columns: the three column names, or a function choosing them from the header.
    /// - Returns: the field, and the names of its columns (for the axis labels).
    /// - Throws: `CSVError` (66 for a missing file, 65 for a missing column naming the available ones), and
    ///   ``ToolError`` 65 with Plot's message for rows that do not form a complete grid.
    static func grid(_ path: String, columns: ([String]) -> [String]) throws -> (field: ScalarField, columns: [String])
    {
        let table = try InputFile.readTable(path)
        let names = columns(table.columnNames)
        let values = try table.columns(names)
        do {
            return (
                try ScalarField(points: values.column(0).scalars, values.column(1).scalars, values.column(2).scalars),
                names
            )
        } catch let error as PlotError {
            throw ToolError(.dataError, "\(table.name): \(error)")
        }
    }

    /// The columns x and y of a path CSV file.
    /// - Throws: `CSVError` as ``grid(_:columns:)``, ``ToolError`` 65 for a file without rows.
    static func path(_ path: String) throws -> (x: [Double], y: [Double]) {
        let table = try InputFile.readTable(path)
        let points = try table.columns(["x", "y"])
        guard table.rowCount > 0 else { throw ToolError(.dataError, "\(table.name): the path has no points") }
        return (points.column(0).scalars, points.column(1).scalars)
    }
}
