import ArgumentParser
import Datasets
import ToolSupport

/// `surface-data`: the assignment's surface sampled on a grid, as `x,y,z` CSV.
@main
struct SurfaceDataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "surface-data",
        abstract: "Write the surface sin(0.8(x²+y²)) / (x²+y²)^0.9 on a grid as x,y,z CSV.",
        discussion: """
            The grid is NumPy's linspace(LOW, HIGH, GRID) on both axes, as an 'ij' meshgrid (x varies \
            slowest): GRID² rows. z is the surface plus SIGMA·N(0,1) noise, drawn in row order from \
            NumPy's legacy generator after np.random.seed(SEED); the surface is 0 at the origin. \
            Numbers are written in shortest round-trip form. The defaults are the course's: 1,600 \
            points on [-3, 3]², no noise.

            Examples:
              surface-data --noise 0.1 --seed 1 --clean -o surface.csv
              surface-data --grid 5 --range -1,1 | head -3
              surface-data --noise 0.2 | awk -F, 'NR>1 {s+=$3} END {print s/(NR-1)}'
            """,
        version: toolkitVersion)

    @Option(parsing: .unconditional, help: "Values per axis (GRID² points).")
    var grid = 40

    @Option(
        parsing: .unconditional, help: ArgumentHelp("The interval of both axes, ends included.", valueName: "low,high"))
    var range = AxisRange(low: -3, high: 3)

    @Option(
        parsing: .unconditional, help: ArgumentHelp("Standard deviation of the noise added to z.", valueName: "sigma"))
    var noise = 0.0

    @Option(parsing: .unconditional, help: "Seed of the noise generator (0 … 4294967295).")
    var seed: UInt32 = 0

    @Flag(help: "Add the noise-free surface as a fourth column, z_clean.")
    var clean = false

    @Option(
        name: [.short, .customLong("output")],
        help: ArgumentHelp("Output file ('-': standard output).", valueName: "file"))
    var output = "-"

    func validate() throws {
        guard grid >= 1 && grid <= 10_000 else {
            throw ValidationError("--grid must be from 1 to 10000 (values per axis), got \(grid)")
        }
        guard range.low < range.high else {
            throw ValidationError("--range must be low,high with low < high, got \(range)")
        }
        // Beyond it x² + y² overflows and every height would be NaN.
        guard max(abs(range.low), abs(range.high)) <= 1e150 else {
            throw ValidationError("--range must lie within ±1e150 (x² + y² overflows beyond), got \(range)")
        }
        guard noise.isFinite && noise >= 0 else {
            throw ValidationError("--noise must be a finite number ≥ 0, got \(noise)")
        }
    }

    func run() throws {
        try runReportingErrors(tool: "surface-data") {
            try OutputFile.validate(output)
            // Row by row: a 10,000² grid is 10⁸ rows, written in constant memory.
            try OutputFile.writeCSV(output, columns: clean ? ["x", "y", "z", "z_clean"] : ["x", "y", "z"]) { writer in
                var row = [Double](repeating: 0, count: clean ? 4 : 3)
                try SurfaceData.forEachPoint(grid: grid, range: range.low...range.high, noise: noise, seed: seed) {
                    _, x, y, z, height in
                    row[0] = x
                    row[1] = y
                    row[2] = z
                    if clean { row[3] = height }
                    try writer.write(row: row)
                }
            }
        }
    }
}
