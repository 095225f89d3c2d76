import Platform
import Plot
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Colormap endpoints and midpoints from the maps' published definitions.
@Suite struct ColormapTests {
    @Test func endpointsAreThePublishedColours() {
        // viridis #440154 → #fde725 (midpoint #21918c), magma #000004 → #fcfdbf, cividis #00224e → #fee838,
        // RdBu reversed: #053061 (dark blue) → #67001f (dark red).
        let expected: [(Colormap, UInt32, UInt32)] = [
            (.viridis, 0x440154, 0xfde725), (.magma, 0x000004, 0xfcfdbf), (.cividis, 0x00224e, 0xfee838),
            (.rdbu, 0x053061, 0x67001f),
        ]
        for (map, low, high) in expected {
            #expect(map.color(at: 0) == Color(hex: low), "\(map.name) at 0")
            #expect(map.color(at: 1) == Color(hex: high), "\(map.name) at 1")
            #expect(map.color(at: -3) == Color(hex: low) && map.color(at: 7) == Color(hex: high), "\(map.name) clamps")
        }
        #expect(Colormap.viridis.color(at: 0.5) == Color(hex: 0x21918c))
    }

    @Test func divergingMapIsNearWhiteInTheMiddle() {
        let middle = Colormap.rdbu.color(at: 0.5)
        #expect(middle.red > 0.94 && middle.green > 0.94 && middle.blue > 0.94)
        #expect(Colormap.rdbu.color(at: 0.25).blue > Colormap.rdbu.color(at: 0.25).red)
        #expect(Colormap.rdbu.color(at: 0.75).red > Colormap.rdbu.color(at: 0.75).blue)
    }

    @Test func sequentialMapsGrowLighter() {
        // Perceptually uniform sequential maps increase monotonically in relative luminance.
        func luminance(_ c: Color) -> Double {
            func linear(_ v: Double) -> Double { v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055).power(2.4) }
            return 0.2126 * linear(c.red) + 0.7152 * linear(c.green) + 0.0722 * linear(c.blue)
        }
        for map in [Colormap.viridis, .magma, .cividis] {
            let samples = stride(from: 0.0, through: 1.0, by: 1.0 / 32).map { luminance(map.color(at: $0)) }
            #expect(zip(samples, samples.dropFirst()).allSatisfy { $0 < $1 }, "\(map.name)")
        }
    }

    @Test func namesLookUp() {
        #expect(Colormap.named("Viridis")?.name == "viridis")
        #expect(Colormap.named("rdbu")?.name == "rdbu")
        #expect(Colormap.named("jet") == nil)
        #expect(Colormap.all.map(\.name) == ["viridis", "magma", "cividis", "rdbu"])
    }
}

extension Double {
    /// self raised to `p` (for positive self).
    func power(_ p: Double) -> Double { exp(p * log(self)) }
}
