/// The name of a stored object, built only from internal ids, never from user input: a
/// file name someone uploads can never become a path.
public struct StorageKey: Hashable, Sendable, CustomStringConvertible {
    public let value: String

    /// Accepts `segment/segment/...` of `a-z 0-9 . _ -`, no empty or dot-only segments.
    public init?(_ value: String) {
        let segments = value.split(separator: "/", omittingEmptySubsequences: false)
        guard !value.isEmpty, value.count <= 512, !segments.isEmpty else { return nil }
        for segment in segments {
            guard !segment.isEmpty, segment != ".", segment != "..",
                segment.allSatisfy({ ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "." || $0 == "_" || $0 == "-" })
            else { return nil }
        }
        self.value = value
    }

    public var description: String { value }
}
