// Platform: the project's one internal target below all the others, depending on nothing. It holds what
// every library would otherwise repeat: the POSIX write and read loops (`FileDescriptor`), atomic whole-file
// writes (`AtomicFile`), `StandardError`, the memory limit, the cleanup of temporary files, directory
// listing and `Subprocess` (a program run with its output captured).
//
// It does not re-export the C library: a file that calls the C library imports it itself (Glibc on Linux,
// Darwin on macOS, in the `#if canImport(Glibc)` block at its top), so that `import Platform` brings only
// Platform's own declarations and each file's dependence on the C library stays visible.
