/// Cuts a byte stream into lines for `-progress pipe:1`, which prints `key=value` lines.
///
/// A line longer than `maxLine` is delivered in pieces rather than buffered without bound.
struct LineSplitter {
    let maxLine: Int
    private var pending: [UInt8] = []

    init(maxLine: Int = 64 * 1024) { self.maxLine = maxLine }

    /// Returns the complete lines in `chunk` (without their `\n` or `\r\n`).
    mutating func feed(_ chunk: UnsafeRawBufferPointer) -> [String] {
        var lines: [String] = []
        for byte in chunk {
            if byte == UInt8(ascii: "\n") {
                lines.append(take())
            } else {
                pending.append(byte)
                if pending.count >= maxLine { lines.append(take()) }
            }
        }
        return lines
    }

    /// The unterminated last line, if any, once the stream has ended.
    mutating func finish() -> String? {
        pending.isEmpty ? nil : take()
    }

    private mutating func take() -> String {
        if pending.last == UInt8(ascii: "\r") { pending.removeLast() }
        defer { pending.removeAll(keepingCapacity: true) }
        return String(decoding: pending, as: UTF8.self)
    }
}
