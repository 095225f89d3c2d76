import CTensorKernels
import Platform

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The element types of the matrix product: `Double` (the default everywhere) and `Float` (the Float32
/// training path). Both run the same C kernels, compiled once per element type and instruction set.
package protocol GemmScalar: BinaryFloatingPoint {
    /// The C entry point of `kernel` for this element type; nil for the portable kernel.
    static func simdEntry(of kernel: GemmKernel) -> GemmKernel.Entry?
    /// The portable product (no epilogue) in this element type.
    static func portableProduct(
        _ a: StridedMatrix<Self>, _ b: StridedMatrix<Self>, into c: UnsafeMutablePointer<Self>, ldc: Int,
        accumulation: GemmAccumulation)
}

extension Double: GemmScalar {
    package static func simdEntry(of kernel: GemmKernel) -> GemmKernel.Entry? { kernel.simd }
    package static func portableProduct(
        _ a: StridedMatrix<Double>, _ b: StridedMatrix<Double>, into c: UnsafeMutablePointer<Double>, ldc: Int,
        accumulation: GemmAccumulation
    ) {
        portableGemm(a, b, into: c, ldc: ldc, accumulation: accumulation)
    }
}

extension Float: GemmScalar {
    package static func simdEntry(of kernel: GemmKernel) -> GemmKernel.Entry? { kernel.simd32 }
    package static func portableProduct(
        _ a: StridedMatrix<Float>, _ b: StridedMatrix<Float>, into c: UnsafeMutablePointer<Float>, ldc: Int,
        accumulation: GemmAccumulation
    ) {
        referenceGemm(a, b, into: c, ldc: ldc, accumulation: accumulation)
    }
}

/// A read-only strided matrix: element (i, j) lives at `base[i·rowStride + j·columnStride]`.
///
/// Transposes are expressed by swapping the strides, so `Aᵀ·B` never materialises `Aᵀ`.
package struct StridedMatrix<Scalar: GemmScalar> {
    /// The address of element (0, 0).
    package var base: UnsafePointer<Scalar>
    /// The number of rows.
    package var rows: Int
    /// The number of columns.
    package var columns: Int
    /// The distance, in elements, between vertically adjacent elements.
    package var rowStride: Int
    /// The distance, in elements, between horizontally adjacent elements.
    package var columnStride: Int

    /// A view of a row-major `rows × columns` block, or of its transpose when `transposed` is true
    /// (then the stored block is `columns × rows`).
    package init(_ base: UnsafePointer<Scalar>, rows: Int, columns: Int, transposed: Bool = false) {
        self.base = base
        self.rows = rows
        self.columns = columns
        (rowStride, columnStride) = transposed ? (1, rows) : (columns, 1)
    }

    @inline(__always) func element(_ i: Int, _ j: Int) -> Scalar { base[i &* rowStride &+ j &* columnStride] }
}

/// How a product combines with what its output already holds.
package enum GemmAccumulation: Equatable {
    /// `C ← A·B`.
    case overwrite
    /// `C ← C + A·B`, each depth block of 256 summed from zero and then added to C.
    case add
    /// C holds running sums that the product continues, as if its depth and the earlier products' were one
    /// block (depth ≤ 256 in all): a product of depth ≤ 256 split along its depth into parts, the first
    /// `.overwrite` and the rest `.continue`, equals the whole product bit for bit. This is how a weight
    /// gradient summed over blocks of points stays identical to one product over all of them.
    case `continue`

    var argument: tk_accumulation {
        switch self {
        case .overwrite: return TK_OVERWRITE
        case .add: return TK_ADD
        case .continue: return TK_CONTINUE
        }
    }
}

/// An activation a product's epilogue can apply, with its derivative.
package enum GemmActivation: Equatable {
    /// a[z] = z.
    case identity
    /// a[z] = max(z, 0), a′[z] = 𝕀[z > 0].
    case relu
    /// a[z] = z for z > 0, slope·z otherwise; a′[z] = 1 for z > 0, slope otherwise.
    case leakyReLU(slope: Double)
}

/// What a product does with its output while it is still in registers (in the SIMD kernels) or right
/// after it (in the portable kernel); the arithmetic is the same either way.
package enum GemmEpilogue<Scalar: GemmScalar> {
    /// `C ← A·B` (or `C ← C + A·B`).
    case none
    /// The forward step of a layer (UDL eq. 7.24): `C ← A·B + 𝟙βᵀ`, then `H ← a[C]`; `h` has C's shape,
    /// rows `ldh` apart.
    case biasActivation(
        bias: UnsafePointer<Scalar>, activation: GemmActivation, h: UnsafeMutablePointer<Scalar>, ldh: Int)
    /// The backward step through an activation (eq. 7.25): `C ← A·B` (∂ℓ/∂h), `D ← a′[F] ⊙ C` (∂ℓ/∂f), and
    /// `columnSums[j] += D[i, j]` for i in order (∂ℓ/∂β; the caller zeroes it first).
    case derivative(
        f: UnsafePointer<Scalar>, ldf: Int, activation: GemmActivation, d: UnsafeMutablePointer<Scalar>, ldd: Int,
        columnSums: UnsafeMutablePointer<Scalar>)
}

/// General matrix multiply, `C ← A·B`, `C ← C + A·B` or a continued `C + A·B`, on strided operands of
/// `Double` or `Float`, with an optional epilogue.
///
/// The loop structure follows the GotoBLAS/BLIS design: B in `kc × nr` micro-panels, A in blocks of `mc`
/// rows, and a register-tiled micro-kernel (``GemmKernel``) that accumulates an `mr × nr` tile of C over a
/// depth block of `kc` = 256 steps before storing it. Operands are packed only when reading them in
/// place would be slow, into per-thread buffers that are reused, so after the first call of a given size
/// nothing is allocated.
///
/// - Parameters:
///   - a: an `m × k` view.
///   - b: a `k × n` view.
///   - c: the row-major `m × n` output, with rows `ldc` elements apart.
///   - accumulation: overwrite `c`, add to it, or continue the running sums it holds.
///   - epilogue: what to do with the finished output (bias and activation, or an activation's derivative).
///   - kernel: the micro-kernel; by default the fastest one this processor supports.
/// - Complexity: O(m·n·k).
package func gemm<Scalar: GemmScalar>(
    _ a: StridedMatrix<Scalar>, _ b: StridedMatrix<Scalar>, into c: UnsafeMutablePointer<Scalar>, ldc: Int,
    accumulation: GemmAccumulation, epilogue: GemmEpilogue<Scalar> = .none, kernel: GemmKernel = .selected
) {
    precondition(a.columns == b.rows, "gemm: inner dimensions \(a.columns) and \(b.rows) differ")
    precondition(
        accumulation != .continue || a.columns <= Int(TK_KC), "gemm: a continued product is at most 256 deep")
    if a.rows == 0 || b.columns == 0 { return }
    guard a.columns > 0, let entry = Scalar.simdEntry(of: kernel) else {
        Scalar.portableProduct(a, b, into: c, ldc: ldc, accumulation: accumulation)
        epilogue.apply(to: c, ldc: ldc, rows: a.rows, columns: b.columns)
        return
    }
    let workspace = GemmWorkspace.current
    var arguments = tk_gemm()
    arguments.m = a.rows
    arguments.n = b.columns
    arguments.k = a.columns
    arguments.a = UnsafeRawPointer(a.base)
    arguments.a_rs = a.rowStride
    arguments.a_cs = a.columnStride
    arguments.b = UnsafeRawPointer(b.base)
    arguments.b_rs = b.rowStride
    arguments.b_cs = b.columnStride
    arguments.c = UnsafeMutableRawPointer(c)
    arguments.ldc = ldc
    arguments.accumulate = accumulation.argument
    arguments.pack_a = UnsafeMutableRawPointer(workspace.buffer(.a, count: Int(TK_KC) * Int(TK_MC)))
    arguments.pack_b = UnsafeMutableRawPointer(workspace.buffer(.b, count: Int(TK_KC) * Int(TK_NC)))
    arguments.epilogue = epilogue.arguments
    entry(&arguments)
}

extension GemmEpilogue {
    /// The epilogue as the C kernels take it.
    var arguments: tk_epilogue {
        var e = tk_epilogue()
        switch self {
        case .none:
            e.kind = TK_EPILOGUE_NONE
        case let .biasActivation(bias, activation, h, ldh):
            e.kind = TK_EPILOGUE_BIAS_ACTIVATION
            (e.activation, e.slope) = activation.arguments
            e.bias = UnsafeRawPointer(bias)
            e.h = UnsafeMutableRawPointer(h)
            e.ldh = ldh
        case let .derivative(f, ldf, activation, d, ldd, columnSums):
            e.kind = TK_EPILOGUE_DERIVATIVE
            (e.activation, e.slope) = activation.arguments
            e.f = UnsafeRawPointer(f)
            e.ldf = ldf
            e.d = UnsafeMutableRawPointer(d)
            e.ldd = ldd
            e.column_sums = UnsafeMutableRawPointer(columnSums)
        }
        return e
    }

    /// The epilogue as a pass over a finished `rows × columns` output, in the kernels' order.
    func apply(to c: UnsafeMutablePointer<Scalar>, ldc: Int, rows: Int, columns: Int) {
        switch self {
        case .none:
            return
        case let .biasActivation(bias, activation, h, ldh):
            for i in 0..<rows {
                let (row, out) = (c + i * ldc, h + i * ldh)
                for j in 0..<columns {
                    let v = row[j] + bias[j]
                    row[j] = v
                    out[j] = activation.value(v)
                }
            }
        case let .derivative(f, ldf, activation, d, ldd, columnSums):
            for i in 0..<rows {
                let (row, pre, out) = (c + i * ldc, f + i * ldf, d + i * ldd)
                for j in 0..<columns {
                    let g = row[j] * activation.derivative(pre[j])
                    out[j] = g
                    columnSums[j] += g
                }
            }
        }
    }
}

extension GemmActivation {
    var arguments: (tk_activation, Double) {
        switch self {
        case .identity: return (TK_ACTIVATION_IDENTITY, 0)
        case .relu: return (TK_ACTIVATION_RELU, 0)
        case let .leakyReLU(slope): return (TK_ACTIVATION_LEAKY_RELU, slope)
        }
    }

    @inline(__always) func value<Scalar: BinaryFloatingPoint>(_ z: Scalar) -> Scalar {
        switch self {
        case .identity: return z
        case .relu: return z > 0 ? z : 0
        case let .leakyReLU(slope): return z > 0 ? z : Scalar(slope) * z
        }
    }

    @inline(__always) func derivative<Scalar: BinaryFloatingPoint>(_ z: Scalar) -> Scalar {
        switch self {
        case .identity: return 1
        case .relu: return z > 0 ? 1 : 0
        case let .leakyReLU(slope): return z > 0 ? 1 : Scalar(slope)
        }
    }
}

/// The product by its definition, in the kernels' order (each depth block of 256 summed from zero, or
/// from C's values when continuing, then added to C), with a multiply and an add per term as the portable
/// Float64 kernel: the portable Float32 kernel, and the portable kernel's continued products.
private func referenceGemm<Scalar: GemmScalar>(
    _ a: StridedMatrix<Scalar>, _ b: StridedMatrix<Scalar>, into c: UnsafeMutablePointer<Scalar>, ldc: Int,
    accumulation: GemmAccumulation
) {
    let (m, n, k) = (a.rows, b.columns, a.columns)
    for i in 0..<m {
        for j in 0..<n {
            let out = c + i * ldc + j
            var pc = 0
            repeat {
                let kc = Swift.min(Int(TK_KC), k - pc)
                var sum: Scalar = pc == 0 && accumulation == .continue ? out.pointee : 0
                for p in pc..<(pc + kc) { sum = sum + a.element(i, p) * b.element(p, j) }
                out.pointee = pc > 0 || accumulation == .add ? out.pointee + sum : sum
                pc += kc
            } while pc < k
        }
    }
}

/// The portable product: packed panels and the SSE2 6×4 micro-kernel, no epilogue.
private func portableGemm(
    _ a: StridedMatrix<Double>, _ b: StridedMatrix<Double>, into c: UnsafeMutablePointer<Double>, ldc: Int,
    accumulation: GemmAccumulation
) {
    let m = a.rows, n = b.columns, k = a.columns
    if accumulation == .continue && k > 0 {
        referenceGemm(a, b, into: c, ldc: ldc, accumulation: accumulation)
        return
    }
    let accumulate = accumulation == .add
    if k == 0 {
        if !accumulate {
            for i in 0..<m { (c + i * ldc).update(repeating: 0, count: n) }
        }
        return
    }
    let (mr, nr) = (6, 4)
    let workspace = GemmWorkspace.current
    let packedB = workspace.buffer(.b, count: Int(TK_KC) * Int(TK_NC))
    let packedA = workspace.buffer(.a, count: Int(TK_KC) * Int(TK_MC) * 2)
    var jc = 0
    while jc < n {
        let nc = Swift.min(Int(TK_NC), n - jc)
        var pc = 0
        while pc < k {
            let kc = Swift.min(Int(TK_KC), k - pc)
            let add = accumulate || pc > 0
            packB(b, rows: pc, kc, columns: jc, nc, panelWidth: nr, into: packedB)
            var ic = 0
            while ic < m {
                let mc = Swift.min(Int(TK_MC), m - ic)
                packA(a, rows: ic, mc, columns: pc, kc, panelHeight: mr, copies: 2, into: packedA)
                var ir = 0
                while ir < mc {
                    let panelA = UnsafeRawPointer(packedA + ir * kc * 2)
                    var jr = 0
                    while jr < nc {
                        microKernel6x4(
                            kc: kc, a: panelA, b: UnsafeRawPointer(packedB + jr * kc), c: c + (ic + ir) * ldc + jc + jr,
                            ldc: ldc, rows: Swift.min(mr, mc - ir), columns: Swift.min(nr, nc - jr), accumulate: add)
                        jr += nr
                    }
                    ir += mr
                }
                ic += mc
            }
            pc += kc
        }
        jc += nc
    }
}

/// A matrix-product kernel of ``gemm(_:_:into:ldc:accumulation:epilogue:kernel:)``, for both element
/// types.
///
/// The SIMD kernels are C functions compiled for their instruction set only (`__attribute__((target))`),
/// so the package needs no build flags and runs on any x86-64 processor; they are used only where the
/// processor reports the features they need.
package struct GemmKernel: Sendable {
    /// The kernel's name, as `TENSOR_GEMM_KERNEL` spells it: `sse2`, `avx2` or `avx512`.
    package let name: String
    /// A C kernel's entry point.
    package typealias Entry = @convention(c) (UnsafePointer<tk_gemm>?) -> Void
    /// The C entry point of a SIMD kernel for Float64; nil for the portable Swift kernel.
    let simd: Entry?
    /// The same kernel for Float32.
    let simd32: Entry?

    /// The portable kernel: a 6×4 tile of `SIMD2<Double>` using only SSE2 (every x86-64 processor; on
    /// other architectures the same code compiles to their 128-bit vectors); in Float32, the product by
    /// its definition.
    package static let portable = GemmKernel(name: "sse2", simd: nil, simd32: nil)
    /// A 6×8 tile of 4-lane vectors (6×16 of 8 lanes in Float32) with fused multiply-adds, for processors
    /// with AVX2 and FMA.
    package static let avx2 = GemmKernel(name: "avx2", simd: tk_gemm_avx2, simd32: tk_sgemm_avx2)
    /// A 10×16 tile of 8-lane vectors (10×32 of 16 lanes in Float32) with fused multiply-adds and masked
    /// tails, for AVX-512F processors.
    package static let avx512 = GemmKernel(name: "avx512", simd: tk_gemm_avx512, simd32: tk_sgemm_avx512)

    /// The kernels this processor can run, portable first.
    package static let available: [GemmKernel] = {
        var kernels = [portable]
        if tk_cpu_supports_avx2_fma() != 0 { kernels.append(avx2) }
        if tk_cpu_supports_avx512f() != 0 { kernels.append(avx512) }
        return kernels
    }()

    /// The kernel used by default: the fastest available one, unless the environment variable
    /// `TENSOR_GEMM_KERNEL` names another (`sse2`, `avx2`, `avx512`). A name this processor cannot run, or
    /// an unknown one, is refused with a message on standard error, and the default is used.
    ///
    /// The kernels differ only in rounding (FMA rounds once per multiply-add, the portable kernel twice);
    /// the AVX2 and AVX-512 kernels give identical results.
    package static let selected: GemmKernel = {
        let requested = getenv("TENSOR_GEMM_KERNEL").map { String(cString: $0) }
        let (kernel, warning) = choose(requested, from: available)
        if let warning {
            let line = "warning: \(warning)\n"
            _ = line.withCString { write(2, $0, strlen($0)) }
        }
        return kernel
    }()

    /// The kernel `TENSOR_GEMM_KERNEL=requested` selects among `available` (portable first), with the
    /// reason when the request is refused: an unknown name, or a kernel this processor cannot run.
    package static func choose(_ requested: String?, from available: [GemmKernel]) -> (GemmKernel, warning: String?) {
        let best = available[available.count - 1]
        guard let requested, !requested.isEmpty else { return (best, nil) }
        if let kernel = available.first(where: { $0.name == requested }) { return (kernel, nil) }
        let reason =
            [portable, avx2, avx512].contains { $0.name == requested }
            ? "this processor cannot run it" : "unknown kernel"
        return (
            best,
            "TENSOR_GEMM_KERNEL=\(requested) refused (\(reason); available: "
                + available.map(\.name).joined(separator: ", ") + "); using \(best.name)"
        )
    }
}

/// Copies rows `row0 ..< row0+rowCount`, columns `col0 ..< col0+kc` of A into micro-panels of
/// `panelHeight` rows (each element `copies` times), zero-padding the last panel.
@inline(__always)
private func packA(
    _ a: StridedMatrix<Double>, rows row0: Int, _ rowCount: Int, columns col0: Int, _ kc: Int, panelHeight mr: Int,
    copies: Int, into packed: UnsafeMutablePointer<Double>
) {
    var target = packed
    var i = 0
    while i < rowCount {
        let live = Swift.min(mr, rowCount - i)
        for p in 0..<kc {
            let column = a.base + (row0 + i) * a.rowStride + (col0 + p) * a.columnStride
            if copies == 2 {
                for r in 0..<live {
                    let v = column[r * a.rowStride]
                    target[2 * r] = v
                    target[2 * r + 1] = v
                }
            } else {
                for r in 0..<live { target[r] = column[r * a.rowStride] }
            }
            for r in (live * copies)..<(mr * copies) { target[r] = 0 }
            target += copies * mr
        }
        i += mr
    }
}

/// Copies rows `row0 ..< row0+kc`, columns `col0 ..< col0+columnCount` of B into micro-panels of
/// `panelWidth` columns, zero-padding the last panel.
@inline(__always)
private func packB(
    _ b: StridedMatrix<Double>, rows row0: Int, _ kc: Int, columns col0: Int, _ columnCount: Int, panelWidth nr: Int,
    into packed: UnsafeMutablePointer<Double>
) {
    var target = packed
    var j = 0
    while j < columnCount {
        let live = Swift.min(nr, columnCount - j)
        if live == nr && b.columnStride == 1 {
            for p in 0..<kc {
                (target).update(from: b.base + (row0 + p) * b.rowStride + col0 + j, count: nr)
                target += nr
            }
        } else {
            for p in 0..<kc {
                for q in 0..<nr { target[q] = q < live ? b.element(row0 + p, col0 + j + q) : 0 }
                target += nr
            }
        }
        j += nr
    }
}

/// The 6×4 register tile: `C[0..<rows, 0..<columns] (+)= Apanel · Bpanel` over depth `kc`.
///
/// Twelve `SIMD2<Double>` accumulators (two per row) stay in the sixteen SSE registers; each depth step
/// loads two B pairs and six broadcast A pairs and issues 12 multiplies and 12 adds. Only SSE2 is
/// assumed, so the default build runs on every x86-64 machine.
@inline(__always)
private func microKernel6x4(
    kc: Int, a: UnsafeRawPointer, b: UnsafeRawPointer, c: UnsafeMutablePointer<Double>, ldc: Int,
    rows: Int, columns: Int, accumulate: Bool
) {
    typealias V = SIMD2<Double>
    var c00 = V(), c01 = V(), c10 = V(), c11 = V(), c20 = V(), c21 = V()
    var c30 = V(), c31 = V(), c40 = V(), c41 = V(), c50 = V(), c51 = V()
    var pa = a
    var pb = b
    for _ in 0..<kc {
        let b0 = pb.load(as: V.self)
        let b1 = pb.load(fromByteOffset: 16, as: V.self)
        var x = pa.load(as: V.self)
        c00 += x * b0
        c01 += x * b1
        x = pa.load(fromByteOffset: 16, as: V.self)
        c10 += x * b0
        c11 += x * b1
        x = pa.load(fromByteOffset: 32, as: V.self)
        c20 += x * b0
        c21 += x * b1
        x = pa.load(fromByteOffset: 48, as: V.self)
        c30 += x * b0
        c31 += x * b1
        x = pa.load(fromByteOffset: 64, as: V.self)
        c40 += x * b0
        c41 += x * b1
        x = pa.load(fromByteOffset: 80, as: V.self)
        c50 += x * b0
        c51 += x * b1
        pa += 96
        pb += 32
    }
    if rows == 6 && columns == 4 {
        store(c00, c01, to: c, accumulate)
        store(c10, c11, to: c + ldc, accumulate)
        store(c20, c21, to: c + 2 * ldc, accumulate)
        store(c30, c31, to: c + 3 * ldc, accumulate)
        store(c40, c41, to: c + 4 * ldc, accumulate)
        store(c50, c51, to: c + 5 * ldc, accumulate)
        return
    }
    withUnsafeTemporaryAllocation(of: SIMD2<Double>.self, capacity: 12) { tile in
        tile[0] = c00; tile[1] = c01; tile[2] = c10; tile[3] = c11; tile[4] = c20; tile[5] = c21
        tile[6] = c30; tile[7] = c31; tile[8] = c40; tile[9] = c41; tile[10] = c50; tile[11] = c51
        let values = UnsafeRawPointer(tile.baseAddress!)
        for i in 0..<rows {
            for j in 0..<columns {
                let v = values.load(fromByteOffset: (i * 4 + j) * 8, as: Double.self)
                c[i * ldc + j] = accumulate ? c[i * ldc + j] + v : v
            }
        }
    }
}

@inline(__always)
private func store(_ low: SIMD2<Double>, _ high: SIMD2<Double>, to c: UnsafeMutablePointer<Double>, _ accumulate: Bool)
{
    let raw = UnsafeMutableRawPointer(c)
    if accumulate {
        raw.storeBytes(of: raw.loadUnaligned(as: SIMD2<Double>.self) + low, as: SIMD2<Double>.self)
        raw.storeBytes(
            of: raw.loadUnaligned(fromByteOffset: 16, as: SIMD2<Double>.self) + high, toByteOffset: 16,
            as: SIMD2<Double>.self)
    } else {
        raw.storeBytes(of: low, as: SIMD2<Double>.self)
        raw.storeBytes(of: high, toByteOffset: 16, as: SIMD2<Double>.self)
    }
}

/// Per-thread packing buffers for ``gemm(_:_:into:ldc:accumulation:epilogue:kernel:)``, 64-byte aligned and grown on demand.
final class GemmWorkspace {
    enum Slot: Int {
        case a = 0
        case b = 1
    }

    private var buffers: [UnsafeMutableRawPointer?] = [nil, nil]
    private var capacities = [0, 0]

    /// A buffer of at least `count` doubles for `slot`, reused across calls.
    func buffer(_ slot: Slot, count: Int) -> UnsafeMutablePointer<Double> {
        if capacities[slot.rawValue] < count {
            buffers[slot.rawValue]?.deallocate()
            buffers[slot.rawValue] = UnsafeMutableRawPointer.allocate(byteCount: count * 8, alignment: 64)
            capacities[slot.rawValue] = count
        }
        return buffers[slot.rawValue]!.assumingMemoryBound(to: Double.self)
    }

    deinit {
        for buffer in buffers { buffer?.deallocate() }
    }

    /// The calling thread's workspace.
    static var current: GemmWorkspace {
        let key = workspaceKey.key
        if let existing = pthread_getspecific(key) {
            return Unmanaged<GemmWorkspace>.fromOpaque(existing).takeUnretainedValue()
        }
        let workspace = GemmWorkspace()
        pthread_setspecific(key, Unmanaged.passRetained(workspace).toOpaque())
        return workspace
    }
}

/// The thread-local-storage key of the GEMM workspaces; a thread's workspace is released when it exits.
private let workspaceKey = ThreadKey()

private final class ThreadKey: Sendable {
    let key: pthread_key_t

    init() {
        var key = pthread_key_t()
        let status = pthread_key_create(&key) { pointer in
            #if canImport(Darwin)
                Unmanaged<GemmWorkspace>.fromOpaque(pointer).release()
            #else
                if let pointer { Unmanaged<GemmWorkspace>.fromOpaque(pointer).release() }
            #endif
        }
        precondition(status == 0, "pthread_key_create failed")
        self.key = key
    }
}
