import Foundation

/// A parsed JSON document, for reading reference fixtures in tests.
///
/// Parsed with `JSONDecoder`, which converts numbers exactly (the Linux `JSONSerialization` does not
/// always round-trip the last bit of a double).
///
/// ```swift
/// let fixture = try JSONFixture(named: "tensor/numpy.json")
/// let values = fixture["linspace"][0]["values"].doubles
/// ```
public enum JSONFixture: Decodable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONFixture])
    case object([String: JSONFixture])

    /// Parses the fixture at `Tests/Fixtures/<name>`.
    public init(named name: String) throws {
        try self.init(data: Data(contentsOf: fixtureURL(name)))
    }

    /// Parses a JSON document, e.g. what a tool printed.
    public init(data: Data) throws {
        self = try JSONDecoder().decode(JSONFixture.self, from: data)
    }

    /// Decodes any JSON value.
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONFixture].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONFixture].self))
        }
    }

    /// The member `key` of an object (traps with the key's name when absent: a broken fixture).
    public subscript(key: String) -> JSONFixture {
        guard case .object(let members) = self, let member = members[key] else {
            preconditionFailure("fixture has no member \"\(key)\"")
        }
        return member
    }

    /// Element `index` of an array.
    public subscript(index: Int) -> JSONFixture { array[index] }

    /// True when the object has a member `key`.
    public func has(_ key: String) -> Bool {
        if case .object(let members) = self { return members[key] != nil }
        return false
    }

    /// True for JSON `null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The members of an object.
    public var members: [String: JSONFixture] {
        guard case .object(let members) = self else { preconditionFailure("fixture value is not an object: \(self)") }
        return members
    }

    /// The elements of an array.
    public var array: [JSONFixture] {
        guard case .array(let elements) = self else { preconditionFailure("fixture value is not an array: \(self)") }
        return elements
    }

    /// A number as `Double`.
    public var double: Double {
        guard case .number(let value) = self else { preconditionFailure("fixture value is not a number: \(self)") }
        return value
    }

    /// A number as `Int`.
    public var int: Int { Int(exactly: double)! }

    /// A string.
    public var string: String {
        guard case .string(let value) = self else { preconditionFailure("fixture value is not a string: \(self)") }
        return value
    }

    /// A Boolean.
    public var bool: Bool {
        guard case .bool(let value) = self else { preconditionFailure("fixture value is not a Boolean: \(self)") }
        return value
    }

    /// An array of numbers.
    public var doubles: [Double] { array.map(\.double) }

    /// An array of integers.
    public var ints: [Int] { array.map(\.int) }

    /// A nested array of numbers (a matrix).
    public var matrix: [[Double]] { array.map(\.doubles) }
}

/// The URL of `Tests/Fixtures/<name>`.
public func fixtureURL(_ name: String) -> URL {
    repositoryURL("Tests/Fixtures").appendingPathComponent(name)
}

/// The URL of a file of the repository, e.g. `examples/figure1/model.json`.
public func repositoryURL(_ path: String) -> URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent(path)
}
