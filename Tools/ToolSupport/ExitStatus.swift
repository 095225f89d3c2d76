import ArgumentParser
import Datasets
import NN
import Platform

/// The exit statuses of the tools, from BSD's `<sysexits.h>`.
public enum SysExit: Int32, Sendable {
    /// Success.
    case ok = 0
    /// The command was used incorrectly: a bad option, a bad value, a missing argument (`EX_USAGE`).
    case usage = 64
    /// The input data was wrong: not a number, a ragged row, a bad model file (`EX_DATAERR`).
    case dataError = 65
    /// An input file does not exist or cannot be read (`EX_NOINPUT`).
    case noInput = 66
    /// An internal error: a bug (`EX_SOFTWARE`).
    case software = 70
    /// An output (a file or a directory) cannot be created (`EX_CANTCREAT`).
    case cannotCreate = 73
    /// Reading or writing failed, or an output cannot be created (`EX_IOERR`).
    case ioError = 74
    /// Part of the work did not get done and running again resumes it (`EX_TEMPFAIL`).
    case temporaryFailure = 75
}

/// An error that knows the exit status it calls for.
///
/// ``runReportingErrors(tool:_:)`` exits with this status; errors of other types exit with
/// ``SysExit/software`` (70). Conform the error types of a library here, in ToolSupport.
public protocol ExitStatusProviding: Error {
    /// The status the tool exits with when this error ends it.
    var exitStatus: SysExit { get }
}

/// An error raised by a tool itself, with its message and exit status.
///
/// Its description is the message alone; put the place first when there is one
/// (`"model.json: expected 2 inputs, found 3"`).
public struct ToolError: ExitStatusProviding, CustomStringConvertible, Sendable {
    /// The status the tool exits with.
    public var exitStatus: SysExit
    /// The message, printed after the tool's name.
    public var message: String

    /// An error with a status and a message.
    public init(_ exitStatus: SysExit, _ message: String) {
        self.exitStatus = exitStatus
        self.message = message
    }

    /// The message.
    public var description: String { message }
}

extension CSVError: ExitStatusProviding {
    /// 66 when the file cannot be opened, 74 for a read or write failure, 70 for a column name the
    /// program chose badly, 64 for a column chosen as both input and target (the command line's mistake),
    /// 65 for everything about the data (an unknown column included).
    public var exitStatus: SysExit {
        switch kind {
        case .cannotOpen: return .noInput
        case .io: return .ioError
        case .unwritableColumnName: return .software
        case .inputIsTarget: return .usage
        default: return .dataError
        }
    }
}

extension DatasetError: ExitStatusProviding {
    /// 64 for a fraction out of range (a bad option), 65 for a split the data set is too small for.
    public var exitStatus: SysExit {
        switch self {
        case .invalidFraction: return .usage
        case .emptyTrainingSet: return .dataError
        }
    }
}

extension ModelFileError: ExitStatusProviding {
    /// 65: everything a model file can get wrong is its content (a missing file is reported by
    /// ``InputFile`` before parsing).
    public var exitStatus: SysExit { .dataError }
}

/// The exit status for any error: its own when it provides one, otherwise ``SysExit/software``.
public func exitStatus(for error: any Error) -> SysExit {
    (error as? any ExitStatusProviding)?.exitStatus ?? .software
}

/// Runs a tool's work and turns an error into a message on standard error and a sysexits status.
///
/// An error is printed as `tool: description`, e.g.
/// `train: data.csv:17:3: expected a number, found "abc"`, and the tool exits with
/// ``exitStatus(for:)``. ArgumentParser's own errors (`ValidationError`, `ExitCode`, `CleanExit`) pass
/// through unchanged, so a bad value found at run time can still be reported as a usage error (64) with
/// ArgumentParser's usage text.
///
/// It also installs `TerminationSignals`: SIGINT, SIGTERM and SIGHUP remove the temporary files of
/// atomic writes in progress before they end the tool, so no signal leaves one behind.
///
/// ```swift
/// mutating func run() throws {
///     try runReportingErrors(tool: "surface-data") { … }
/// }
/// ```
public func runReportingErrors(tool name: String, _ body: () throws -> Void) throws {
    TerminationSignals.install()
    do {
        try body()
    } catch let error where error is ValidationError || error is ExitCode || error is CleanExit {
        throw error
    } catch {
        StandardError.write("\(name): \(error)\n")
        throw ExitCode(exitStatus(for: error).rawValue)
    }
}

/// The version printed by every tool's `--version`: Platform's ``Toolkit/version``, the one source (the
/// kernel's host, which does not link ToolSupport, prints it too).
public let toolkitVersion = Toolkit.version
