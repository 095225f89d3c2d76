import CCPUFeatures
import Platform
#if arch(x86_64)
import TensorKernelsAVX2
#endif

/// A read-only strided matrix: element (i, j) lives at `base[i·rowStride + j·columnStride]`.
///
/// Transposes are expressed by swapping the strides, so `Aᵀ·B` never materialises `Aᵀ`.
public struct StridedMatrix {
    /// The address of element (0, 0).
    public var base: UnsafePointer<Double>
    /// The number of rows.
    public var rows: Int
    /// The number of columns.
    public var columns: Int
    /// The distance, in elements, between vertically adjacent elements.
    public var rowStride: Int
    /// The distance, in elements, between horizontally adjacent elements.
    public var columnStride: Int

    /// A view of a row-major `rows × columns` block, or of its transpose when `transposed` is true
    /// (then the stored block is `columns × rows`).
    public init(_ base: UnsafePointer<Double>, rows: Int, columns: Int, transposed: Bool = false) {
        self.base = base
        self.rows = rows
        self.columns = columns
        (rowStride, columnStride) = transposed ? (1, rows) : (columns, 1)
    }

    @inline(__always) func element(_ i: Int, _ j: Int) -> Double { base[i &* rowStride &+ j &* columnStride] }
}

/// General matrix multiply, `C ← A·B` or `C ← C + A·B`, on strided operands.
///
/// The loop structure follows the GotoBLAS/BLIS design: B is packed in `kc × nc` blocks of `nr`-column
/// micro-panels, A in `mc × kc` blocks of `mr`-row micro-panels, and a register-tiled micro-kernel
/// (``GemmKernel``) accumulates an `mr × nr` tile of C in registers over the depth `kc`. The packing
/// buffers are per thread and reused, so after the first call of a given size nothing is allocated.
///
/// - Parameters:
///   - a: an `m × k` view.
///   - b: a `k × n` view.
///   - c: the row-major `m × n` output, with rows `ldc` elements apart.
///   - accumulate: add to the existing contents of `c` instead of overwriting them.
///   - kernel: the micro-kernel; by default the fastest one this processor supports.
/// - Complexity: O(m·n·k).
public func gemm(
    _ a: StridedMatrix, _ b: StridedMatrix, into c: UnsafeMutablePointer<Double>, ldc: Int, accumulate: Bool,
    kernel: GemmKernel = .selected
) {
    precondition(a.columns == b.rows, "gemm: inner dimensions \(a.columns) and \(b.rows) differ")
    let m = a.rows, n = b.columns, k = a.columns
    if m == 0 || n == 0 { return }
    if k == 0 {
        if !accumulate {
            for i in 0..<m { (c + i * ldc).update(repeating: 0, count: n) }
        }
        return
    }
    let (mr, nr) = (kernel.mr, kernel.nr)
    let aCopies = kernel.duplicatesA ? 2 : 1
    let workspace = GemmWorkspace.current
    let packedB = workspace.buffer(.b, count: GemmBlocking.kc * GemmBlocking.nc)
    let packedA = workspace.buffer(.a, count: GemmBlocking.kc * GemmBlocking.mc * aCopies)
    var jc = 0
    while jc < n {
        let nc = Swift.min(GemmBlocking.nc, n - jc)
        var pc = 0
        while pc < k {
            let kc = Swift.min(GemmBlocking.kc, k - pc)
            let add = accumulate || pc > 0
            packB(b, rows: pc, kc, columns: jc, nc, panelWidth: nr, into: packedB)
            var ic = 0
            while ic < m {
                let mc = Swift.min(GemmBlocking.mc, m - ic)
                packA(a, rows: ic, mc, columns: pc, kc, panelHeight: mr, copies: aCopies, into: packedA)
                var ir = 0
                while ir < mc {
                    let panelA = UnsafeRawPointer(packedA + ir * kc * aCopies)
                    var jr = 0
                    while jr < nc {
                        kernel.run(
                            kc, panelA, UnsafeRawPointer(packedB + jr * kc), c + (ic + ir) * ldc + jc + jr, ldc,
                            Swift.min(mr, mc - ir), Swift.min(nr, nc - jr), add)
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

/// A register-tiled micro-kernel of ``gemm(_:_:into:ldc:accumulate:kernel:)`` and the packing it expects.
public struct GemmKernel: Sendable {
    /// A short name (`sse2`, `avx2-fma`).
    public let name: String
    /// Rows of the register tile.
    public let mr: Int
    /// Columns of the register tile.
    public let nr: Int
    /// Whether A's packed panels store every element twice (for a 2-lane broadcast by plain loads).
    let duplicatesA: Bool
    /// `(kc, A panel, B panel, C, ldc, rows, columns, accumulate)`.
    let run: @Sendable (Int, UnsafeRawPointer, UnsafeRawPointer, UnsafeMutablePointer<Double>, Int, Int, Int, Bool) -> Void

    /// The portable kernel: a 6×4 tile of `SIMD2<Double>` using only SSE2 (every x86-64 processor; on
    /// other architectures the same code compiles to their 128-bit vectors).
    public static let portable = GemmKernel(
        name: "sse2", mr: 6, nr: 4, duplicatesA: true,
        run: { microKernel6x4(kc: $0, a: $1, b: $2, c: $3, ldc: $4, rows: $5, columns: $6, accumulate: $7) })

    #if arch(x86_64)
    /// A 6×8 tile of `SIMD4<Double>` with fused multiply-adds, for processors with AVX2 and FMA.
    public static let avx2 = GemmKernel(
        name: "avx2-fma", mr: 6, nr: 8, duplicatesA: false,
        run: { microKernel6x8AVX2(kc: $0, a: $1, b: $2, c: $3, ldc: $4, rows: $5, columns: $6, accumulate: $7) })
    #endif

    /// The kernels this processor can run, portable first.
    public static let available: [GemmKernel] = {
        var kernels = [portable]
        #if arch(x86_64)
        if cpu_supports_avx2_fma() != 0 { kernels.append(avx2) }
        #endif
        return kernels
    }()

    /// The kernel used by default: the fastest available one, unless the environment variable
    /// `TENSOR_GEMM_KERNEL` names another (`sse2` forces the portable kernel, e.g. to compare results).
    ///
    /// The kernels differ only in rounding (FMA rounds once per multiply-add), at the 1e-16 relative level.
    public static let selected: GemmKernel = {
        if let requested = getenv("TENSOR_GEMM_KERNEL").map({ String(cString: $0) }),
           let kernel = available.first(where: { $0.name == requested })
        {
            return kernel
        }
        return available[available.count - 1]
    }()
}

/// Block sizes of the GEMM engine, chosen for a 48 KB L1 and a 1 MB L2 per core.
enum GemmBlocking {
    /// Depth of one packed block (the inner dimension).
    static let kc = 256
    /// Rows of A per packed block (a multiple of every kernel's `mr`).
    static let mc = 96
    /// Columns of B per packed block (a multiple of every kernel's `nr`).
    static let nc = 1024
}

/// Copies rows `row0 ..< row0+rowCount`, columns `col0 ..< col0+kc` of A into micro-panels of
/// `panelHeight` rows (each element `copies` times), zero-padding the last panel.
@inline(__always)
private func packA(
    _ a: StridedMatrix, rows row0: Int, _ rowCount: Int, columns col0: Int, _ kc: Int, panelHeight mr: Int,
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
    _ b: StridedMatrix, rows row0: Int, _ kc: Int, columns col0: Int, _ columnCount: Int, panelWidth nr: Int,
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
private func store(_ low: SIMD2<Double>, _ high: SIMD2<Double>, to c: UnsafeMutablePointer<Double>, _ accumulate: Bool) {
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

/// Per-thread packing buffers for ``gemm(_:_:into:ldc:accumulate:)``, 64-byte aligned and grown on demand.
final class GemmWorkspace {
    enum Slot: Int { case a = 0, b = 1 }

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
