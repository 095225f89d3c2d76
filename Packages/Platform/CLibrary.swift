// The one place that names the C library of the platform: every module that depends on Platform gets
// Glibc's or Darwin's declarations (math functions, POSIX calls, errno) through `import Platform`, without
// a `#if canImport(Glibc)` block of its own.
#if canImport(Glibc)
@_exported import Glibc
#elseif canImport(Darwin)
@_exported import Darwin
#endif
