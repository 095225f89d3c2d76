import Platform

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A point or direction in 3-D.
struct Vector3 {
    var x: Double, y: Double, z: Double

    init(_ x: Double, _ y: Double, _ z: Double) {
        self.x = x
        self.y = y
        self.z = z
    }

    static func + (a: Vector3, b: Vector3) -> Vector3 { Vector3(a.x + b.x, a.y + b.y, a.z + b.z) }
    static func - (a: Vector3, b: Vector3) -> Vector3 { Vector3(a.x - b.x, a.y - b.y, a.z - b.z) }
    static func * (a: Vector3, s: Double) -> Vector3 { Vector3(a.x * s, a.y * s, a.z * s) }
    func dot(_ b: Vector3) -> Double { x * b.x + y * b.y + z * b.z }
    func cross(_ b: Vector3) -> Vector3 { Vector3(y * b.z - z * b.y, z * b.x - x * b.z, x * b.y - y * b.x) }
    var normalized: Vector3 {
        let l = dot(self).squareRoot()
        return l > 0 ? self * (1 / l) : self
    }
}

/// An orthographic view of a data box, matplotlib's `view_init(elev, azim)`: the camera looks at the box
/// centre from azimuth `azim` (degrees in the x–y plane from +x towards +y) and elevation `elev` (degrees
/// above that plane). The box is drawn with sides in the ratio 4 : 4 : 3 (x : y : z), as matplotlib's.
///
/// Data are first normalised into the box [−1, 1] × [−1, 1] × [−¾, ¾]; a box point p projects to
/// (p·r, p·u) on screen, with r the camera's right and u its up vector, and p·d, with d pointing to the
/// camera, is its depth (larger is nearer).
struct Projection {
    let limits: (x: (Double, Double), y: (Double, Double), z: (Double, Double))
    /// The limits, prepared for arithmetic on any finite ends.
    private let intervals: (x: ScaledInterval, y: ScaledInterval, z: ScaledInterval)
    /// The direction to the camera, its right and up vectors.
    let toCamera: Vector3, right: Vector3, up: Vector3
    /// Screen = centre + scale · (p·r, −p·u).
    var scale = 1.0
    var centre = Point.zero

    static let halfSides = Vector3(1, 1, 0.75)

    init(limits: (x: (Double, Double), y: (Double, Double), z: (Double, Double)), elevation: Double, azimuth: Double) {
        self.limits = limits
        intervals = (
            ScaledInterval(limits.x.0, limits.x.1), ScaledInterval(limits.y.0, limits.y.1),
            ScaledInterval(limits.z.0, limits.z.1)
        )
        // Angles are taken modulo 360° first (exact in floating point, and no change within ±360°): 1e308°
        // times π/180 would overflow to inf, whose sine is NaN, and the figure's pixels with it.
        let e = elevation.truncatingRemainder(dividingBy: 360) * Double.pi / 180
        let a = azimuth.truncatingRemainder(dividingBy: 360) * Double.pi / 180
        toCamera = Vector3(cos(e) * cos(a), cos(e) * sin(a), sin(e))
        right = Vector3(-sin(a), cos(a), 0)
        up = Vector3(-sin(e) * cos(a), -sin(e) * sin(a), cos(e))
    }

    /// A data point in box coordinates.
    func box(_ x: Double, _ y: Double, _ z: Double) -> Vector3 {
        func unit(_ v: Double, _ l: ScaledInterval, _ h: Double) -> Double {
            l.high > l.low ? ((l.scaled(v) - l.low) / l.width * 2 - 1) * h : 0
        }
        let h = Projection.halfSides
        return Vector3(unit(x, intervals.x, h.x), unit(y, intervals.y, h.y), unit(z, intervals.z, h.z))
    }

    /// The unscaled screen position of a box point (y up).
    func screen(_ p: Vector3) -> Point { Point(p.dot(right), p.dot(up)) }

    /// The pixel position of a box point.
    func pixel(_ p: Vector3) -> Point {
        let s = screen(p)
        return Point(centre.x + scale * s.x, centre.y - scale * s.y)
    }

    /// The pixel position of a data point.
    func pixel(_ x: Double, _ y: Double, _ z: Double) -> Point { pixel(box(x, y, z)) }

    /// The depth of a box point: larger is nearer the camera.
    func depth(_ p: Vector3) -> Double { p.dot(toCamera) }

    /// The eight corners of the box, in box coordinates.
    var corners: [Vector3] {
        let h = Projection.halfSides
        return [-1.0, 1].flatMap { sx in
            [-1.0, 1].flatMap { sy in [-1.0, 1].map { sz in Vector3(sx * h.x, sy * h.y, sz * h.z) } }
        }
    }

    /// The pixel direction of a box direction (unit length on screen).
    func screenDirection(_ v: Vector3) -> Point { Point(v.dot(right), -v.dot(up)).normalized }
}
