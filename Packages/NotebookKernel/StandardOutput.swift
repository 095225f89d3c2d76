// Only the C library here: `stdout` is a C global that Swift 6 accepts only through a @preconcurrency import,
// which must not meet Platform's re-export of the same module in one file.
#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

extension KernelPaths {
    /// Makes standard output line-buffered, so a cell's lines reach the notebook as they are printed.
    public static func lineBufferStandardOutput() {
        setvbuf(stdout, nil, _IOLBF, 0)
    }
}
