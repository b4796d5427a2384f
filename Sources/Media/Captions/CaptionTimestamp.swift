/// Caption times: WebVTT `[hh:]mm:ss.ttt` and SRT `hh:mm:ss,ttt`, as milliseconds.
enum CaptionTimestamp {
    /// Milliseconds for `01:02:03.456`, `02:03.456` or `01:02:03,456`; nil for anything else.
    static func parse<S: StringProtocol>(_ text: S) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3 else { return nil }
        let secondsPart = parts[parts.count - 1]
        let separator = secondsPart.firstIndex { $0 == "." || $0 == "," }
        guard let separator else { return nil }
        let seconds = secondsPart[..<separator]
        let millis = secondsPart[secondsPart.index(after: separator)...]
        let minutes = parts[parts.count - 2]
        let hours = parts.count == 3 ? parts[0] : "0"
        func digits(_ s: some StringProtocol, count: Int? = nil) -> Int? {
            guard !s.isEmpty, s.allSatisfy({ $0.isASCII && $0.isNumber }), count.map({ s.count == $0 }) ?? (s.count <= 6) else { return nil }
            return Int(s)
        }
        guard let h = digits(hours), let m = digits(minutes, count: 2), let s = digits(seconds, count: 2), let ms = digits(millis, count: 3),
            m < 60, s < 60
        else { return nil }
        return ((h * 60 + m) * 60 + s) * 1000 + ms
    }

    /// `01:02:03.456`, the WebVTT form with hours always present.
    static func format(_ millis: Int) -> String {
        let ms = millis % 1000
        let totalSeconds = millis / 1000
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let msText = ms < 10 ? "00\(ms)" : ms < 100 ? "0\(ms)" : "\(ms)"
        return "\(two(totalSeconds / 3600)):\(two(totalSeconds / 60 % 60)):\(two(totalSeconds % 60)).\(msText)"
    }
}
