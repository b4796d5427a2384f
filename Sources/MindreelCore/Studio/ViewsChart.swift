/// A views-per-day bar chart laid out for SVG: every rectangle, grid line and label has its
/// coordinates here, so a template only draws them and a test can check them.
///
/// Coordinates are in the SVG's own units (its `viewBox` is `0 0 width height`); y grows
/// downwards. The value axis starts at 0 and ends on a round number at or above the busiest day.
public struct ViewsChart: Sendable, Equatable, Encodable {
    /// One day's count.
    public struct Point: Sendable, Equatable, Encodable {
        public let day: String
        public let views: Int

        public init(day: String, views: Int) {
            self.day = day
            self.views = views
        }
    }

    public struct Bar: Sendable, Equatable, Encodable {
        public let day: String
        public let views: Int
        public let x: Double
        public let y: Double
        public let width: Double
        public let height: Double
        /// "3 Nov 2026: 5 views", for a tooltip.
        public let label: String
    }

    /// A value on the vertical axis, with its grid line at `y` and its label ending at `labelX`.
    public struct Tick: Sendable, Equatable, Encodable {
        public let value: Int
        public let y: Double
        public let labelX: Double
        public let labelY: Double
        public let label: String
    }

    /// A day named under the bars, centred on `x`.
    public struct DayLabel: Sendable, Equatable, Encodable {
        public let x: Double
        public let y: Double
        public let text: String
    }

    public let width: Double
    public let height: Double
    public let fontSize: Double
    public let plotLeft: Double
    public let plotRight: Double
    public let plotTop: Double
    public let plotBottom: Double
    public let bars: [Bar]
    public let ticks: [Tick]
    public let dayLabels: [DayLabel]
    /// The top of the value axis.
    public let axisMaximum: Int

    /// Lays out `points` (oldest first, one per day, zeros included) in a `width` × `height` box.
    public static func layout(_ points: [Point], width: Double, height: Double, fontSize: Double = 12) -> ViewsChart {
        let busiest = points.map(\.views).max() ?? 0
        let step = axisStep(forMaximum: busiest)
        let intervals = max(1, (max(busiest, 0) + step - 1) / step)
        let top = step * intervals
        let tickValues = (0...intervals).map { $0 * step }

        let characterWidth = fontSize * 0.6
        let widestTick = tickValues.map { grouped($0).count }.max() ?? 1
        // A day label is centred on its bar: the first and last need room beyond their bars.
        let dayLabelWidth = 6 * characterWidth
        let plotLeft = tidy(max(Double(widestTick) * characterWidth + fontSize * 0.75, dayLabelWidth / 2))
        let plotTop = tidy(fontSize * 0.75)
        let plotBottom = tidy(height - fontSize * 1.9)
        let plotRight = tidy(width - dayLabelWidth / 2)
        let plotHeight = plotBottom - plotTop

        let slot = points.isEmpty ? 0 : (plotRight - plotLeft) / Double(points.count)
        let barWidth = max(1, slot * 0.7)
        let bars = points.enumerated().map { index, point in
            let barHeight = top == 0 ? 0 : plotHeight * Double(max(point.views, 0)) / Double(top)
            return Bar(
                day: point.day, views: point.views, x: tidy(plotLeft + Double(index) * slot + (slot - barWidth) / 2), y: tidy(plotBottom - barHeight),
                width: tidy(barWidth), height: tidy(barHeight), label: "\(ViewDay.longLabel(point.day)): \(describe(point.views))")
        }

        let ticks = tickValues.map { value in
            let y = tidy(plotBottom - plotHeight * Double(value) / Double(top))
            return Tick(value: value, y: y, labelX: tidy(plotLeft - fontSize * 0.5), labelY: tidy(y + fontSize * 0.35), label: grouped(value))
        }

        // Named from the newest day back, every `every` days, so today always has its label and
        // labels never overlap.
        var dayLabels: [DayLabel] = []
        if slot > 0 {
            let every = max(1, Int(((dayLabelWidth + fontSize * 0.5) / slot).rounded(.up)))
            var index = points.count - 1
            while index >= 0 {
                dayLabels.append(
                    DayLabel(
                        x: tidy(plotLeft + (Double(index) + 0.5) * slot), y: tidy(plotBottom + fontSize * 1.4), text: ViewDay.shortLabel(points[index].day)))
                index -= every
            }
            dayLabels.reverse()
        }

        return ViewsChart(
            width: width, height: height, fontSize: fontSize, plotLeft: plotLeft, plotRight: plotRight, plotTop: plotTop, plotBottom: plotBottom,
            bars: bars, ticks: ticks, dayLabels: dayLabels, axisMaximum: top)
    }

    /// The distance between value ticks: 1, 2 or 5 times a power of ten, the smallest that needs
    /// at most `maximumIntervals` steps to reach `maximum`.
    public static func axisStep(forMaximum maximum: Int, maximumIntervals: Int = 5) -> Int {
        guard maximum > 0 else { return 1 }
        var power = 1
        while true {
            for factor in [1, 2, 5] {
                let step = factor * power
                if (maximum + step - 1) / step <= maximumIntervals { return step }
            }
            power *= 10
        }
    }

    /// One point per day in `days`, zero where `counts` has none.
    public static func points(_ counts: [String: Int], days: [String]) -> [Point] {
        days.map { Point(day: $0, views: counts[$0] ?? 0) }
    }

    /// A sentence for screen readers: the total, the period and the busiest day.
    public static func summary(_ points: [Point]) -> String {
        guard let first = points.first, let last = points.last else { return "No days to show." }
        let total = points.reduce(0) { $0 + $1.views }
        let period = "from \(ViewDay.longLabel(first.day)) to \(ViewDay.longLabel(last.day))"
        guard total > 0, let busiest = points.max(by: { $0.views < $1.views }) else {
            return "No views \(period)."
        }
        return "\(describe(total)) \(period). The most in one day: \(grouped(busiest.views)) on \(ViewDay.longLabel(busiest.day))."
    }

    /// `1234` → `1,234`.
    public static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return (value < 0 ? "-" : "") + result
    }

    /// `1 view`, `12 views`.
    public static func describe(_ views: Int) -> String {
        "\(grouped(views)) \(views == 1 ? "view" : "views")"
    }

    /// A tenth of a unit is finer than any screen shows, and keeps the SVG short.
    static func tidy(_ value: Double) -> Double {
        (value * 10).rounded() / 10
    }
}
