// Platform: the project's one internal target below all the others, depending on nothing. It holds what
// every library would otherwise repeat: the C library's import, the POSIX write and read loops
// (`FileDescriptor`), atomic whole-file writes (`AtomicFile`) and `StandardError`. Plot, which otherwise
// depends only on CLibPNG and CFreeType, still stands alone with it.
//
// This file is the one place that names the C library of the platform: every module that depends on
// Platform gets Glibc's or Darwin's declarations (math functions, POSIX calls, errno) through
// `import Platform`, without a `#if canImport(Glibc)` block of its own.
#if canImport(Glibc)
    @_exported import Glibc
#elseif canImport(Darwin)
    @_exported import Darwin
#endif
