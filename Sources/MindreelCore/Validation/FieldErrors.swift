/// Validation problems keyed by the snake_case name of the field a person has to fix.
///
/// Kept in insertion order so the first problem shown is the first field on the form.
public struct FieldErrors: Error, Sendable, Equatable {
    public private(set) var items: [Item] = []

    public struct Item: Sendable, Equatable {
        public let field: String
        public let message: String
    }

    public init() {}

    public init(_ field: String, _ message: String) {
        add(field, message)
    }

    /// Adds a message unless the field already has one: one clear message per field.
    public mutating func add(_ field: String, _ message: String) {
        guard !items.contains(where: { $0.field == field }) else { return }
        items.append(Item(field: field, message: message))
    }

    public var isEmpty: Bool { items.isEmpty }

    public subscript(field: String) -> String? {
        items.first(where: { $0.field == field })?.message
    }

    /// The messages as a dictionary, for templates.
    public var byField: [String: String] {
        Dictionary(items.map { ($0.field, $0.message) }, uniquingKeysWith: { first, _ in first })
    }

    /// Throws `self` when there is anything to report.
    public func throwIfAny() throws(FieldErrors) {
        if !isEmpty { throw self }
    }
}
