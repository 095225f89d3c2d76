import Datasets
import Tensor
import TestSupport
import Testing

/// The surface against NumPy (`scripts/reference/datasets_fixtures.py`: linspace, 'ij' meshgrid,
/// `np.sin(0.8 r2) / r2**0.9`, noise from `np.random.seed(s); np.random.normal(size=n)`).
///
/// NumPy's vectorised `**` rounds differently from the C library's `pow` for about 6 % of the course's
/// points (by one ulp; `udl-notebooks.md` §0.2), so against NumPy's arrays the heights agree to 2 ulps
/// (noisy ones to 1e-15 absolute, as noise cancels digits); against the same formula evaluated with
/// the C library's `sin` and `pow` from Python (`*_libm`), they agree bit for bit.
@Suite struct SurfaceDataTests {

    @Test func matchesNumPy() throws {
        for fixture in try Fixture.cases("surface.json", as: Fixture.Surface.self) {
            let grid = fixture.grid
            let surface = SurfaceData(
                grid: grid, range: fixture.low...fixture.high, noise: fixture.noise, seed: fixture.seed)
            #expect(surface.count == grid * grid)
            #expect(surface.inputs.shape == [grid * grid, 2])
            #expect(surface.inputs.column(0).scalars == fixture.x)
            #expect(surface.inputs.column(1).scalars == fixture.y)
            #expect(surface.clean.scalars == fixture.zCleanLibm)
            #expect(surface.targets.scalars == fixture.zLibm)
            expectClose(surface.clean.scalars, fixture.zClean, ulps: 2, "clean heights against NumPy")
            expectClose(surface.targets.scalars, fixture.z, absolute: 1e-15, "noisy heights against NumPy")
        }
    }

    @Test func theCoursesGridLeavesOutTheOriginAndOddGridsHitItWithValueZero() {
        let course = SurfaceData()
        #expect(course.count == 1600)
        #expect(course.inputs[0, 0] == -3 && course.inputs[1599, 1] == 3)
        #expect(course.inputs.scalars.allSatisfy { $0 != 0 })
        #expect(course.targets == course.clean)  // no noise by default
        let odd = SurfaceData(grid: 5, range: -2...2)
        #expect(odd.inputs[12, 0] == 0 && odd.inputs[12, 1] == 0 && odd.clean[12, 0] == 0)
        // Near the origin sin(0.8 r²) ≈ 0.8 r², so f ≈ 0.8 (r²)^0.1 → 0; at r = 1e-8 that is 0.8·10^-1.6.
        #expect(abs(SurfaceData.height(x: 1e-8, y: 0) - 0.020095091452076635) < 1e-15)
    }

    @Test func heightIsTheClosedForm() {
        // f(1, 0) = sin(0.8); f(1, 1) = sin(1.6) / 2^0.9 (values from Python's math module).
        #expect(SurfaceData.height(x: 1, y: 0) == 0.7173560908995228)
        #expect(abs(SurfaceData.height(x: 1, y: 1) - 0.5356582307958361) < 1e-15)
    }

    @Test func tableColumns() throws {
        let surface = SurfaceData(grid: 3, range: -1...1, noise: 0.5, seed: 2)
        let table = surface.table(includingClean: true)
        #expect(table.columnNames == ["x", "y", "z", "z_clean"])
        #expect(try table.columns(["z"]) == surface.targets)
        #expect(try table.columns(["z_clean"]) == surface.clean)
        #expect(surface.table().columnNames == ["x", "y", "z"])
    }

    @Test func noiseDrawsOneNormalPerPointEvenWhenSigmaIsZero() {
        var random = RandomState(seed: 5)
        _ = SurfaceData(grid: 4, range: -1...1, noise: 0, random: &random)
        var reference = RandomState(seed: 5)
        for _ in 0..<16 { _ = reference.standardNormal() }
        #expect(random.standardNormal() == reference.standardNormal())
    }
}
