/// The toolkit as a whole.
public enum Toolkit {
    /// The version every tool prints for `--version` (ToolSupport's `toolkitVersion`, and the kernel's host).
    public static let version = "0.1.0"
}
