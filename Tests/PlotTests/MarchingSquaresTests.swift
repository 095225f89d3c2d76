import Plot
import Testing

/// Marching squares on fields whose contours are known in closed form.
@Suite struct MarchingSquaresTests {
    static func linspace(_ a: Double, _ b: Double, _ n: Int) -> [Double] {
        (0..<n).map { a + (b - a) * Double($0) / Double(n - 1) }
    }

    @Test func planeGivesAStraightLine() {
        // f = 2x − 1 on [0, 1]²: the level 0.2 is the line x = 0.6, exactly (linear interpolation is exact).
        let field = ScalarField(x: Self.linspace(0, 1, 11), y: Self.linspace(0, 1, 7)) { x, _ in 2 * x - 1 }
        let lines = field.contourLines(at: 0.2)
        #expect(lines.count == 1)
        let line = lines[0]
        #expect(line.count == 7)
        #expect(line.allSatisfy { abs($0.x - 0.6) < 1e-12 })
        #expect(Set(line.map(\.y)) == Set(field.y))
    }

    @Test func paraboloidGivesACircle() {
        // f = x² + y²: the level 1 is the unit circle, one closed loop enclosing area π.
        let field = ScalarField(x: Self.linspace(-2, 2, 41), y: Self.linspace(-2, 2, 41)) { x, y in x * x + y * y }
        let lines = field.contourLines(at: 1)
        #expect(lines.count == 1)
        let loop = lines[0]
        #expect(loop.first == loop.last)
        // On a grid of step h = 0.1, interpolating a quadratic along an edge is off by at most h²/4.
        #expect(loop.allSatisfy { abs(($0.x * $0.x + $0.y * $0.y).squareRoot() - 1) < 0.0025 })
        var area = 0.0
        for (a, b) in zip(loop, loop.dropFirst()) { area += a.cross(b) / 2 }
        #expect(abs(abs(area) - Double.pi) < 0.02)
    }

    @Test func saddleIsResolvedByTheCentre() {
        // f = xy on the single cell [−1, 1]²: corners 1, −1, 1, −1, centre 0. At level 0.5 the centre is
        // below, so the two high corners are cut off, each by a segment between points a quarter along its
        // edges; at level −0.5 the low corners are.
        let field = ScalarField(x: [-1, 1], y: [-1, 1]) { x, y in x * y }
        let high = field.contourLines(at: 0.5)
        #expect(high.count == 2 && high.allSatisfy { $0.count == 2 })
        let expected: Set<[Double]> = [[-0.5, -1], [-1, -0.5], [0.5, 1], [1, 0.5]]
        #expect(Set(high.flatMap { $0 }.map { [$0.x, $0.y] }) == expected)
        let low = field.contourLines(at: -0.5)
        #expect(Set(low.flatMap { $0 }.map { [$0.x, $0.y] }) == [[0.5, -1], [1, -0.5], [-0.5, 1], [-1, 0.5]])
    }

    @Test func cellsWithMissingValuesAreSkipped() {
        var values = [Double](repeating: 0, count: 9)
        values[4] = .nan  // the centre point touches all four cells
        values[2] = 1
        let field = ScalarField(x: [0, 1, 2], y: [0, 1, 2], values: values)
        #expect(field.contourLines(at: 0.5).isEmpty)
    }

    @Test func gridsAreRecoveredFromScatteredPoints() throws {
        // Rows of an x,y,z file in 'ij' order (x outer), shuffled; a missing point is an error.
        var rows: [(Double, Double, Double)] = []
        for x in [0.0, 0.5, 1.0] { for y in [-1.0, 1.0] { rows.append((x, y, x + 10 * y)) } }
        rows.swapAt(0, 4)
        let field = try ScalarField(points: rows.map(\.0), rows.map(\.1), rows.map(\.2))
        #expect(field.x == [0, 0.5, 1] && field.y == [-1, 1])
        #expect(field[2, 1] == 11 && field[1, 0] == -9.5)
        #expect(throws: PlotError.self) { try ScalarField(points: [0, 1, 0], [0, 0, 1], [1, 2, 3]) }
        #expect(throws: PlotError.self) { try ScalarField(points: [0, 1, 0, 0], [0, 0, 1, 1], [1, 2, 3, 4]) }
    }
}
