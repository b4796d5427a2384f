import Foundation
import MindreelCore
import Testing

@Suite("The studio's views chart")
struct ViewsChartTests {
    func points(_ views: [Int]) -> [ViewsChart.Point] {
        let days = ViewDay.last(views.count, endingAt: Date(timeIntervalSince1970: 1_795_000_000))
        return zip(days, views).map { ViewsChart.Point(day: $0, views: $1) }
    }

    @Test("the value axis ends on a round number at or above the busiest day, in at most five steps")
    func axisSteps() {
        #expect(ViewsChart.axisStep(forMaximum: 0) == 1)
        #expect(ViewsChart.axisStep(forMaximum: 3) == 1)
        #expect(ViewsChart.axisStep(forMaximum: 5) == 1)
        #expect(ViewsChart.axisStep(forMaximum: 7) == 2)
        #expect(ViewsChart.axisStep(forMaximum: 43) == 10)
        #expect(ViewsChart.axisStep(forMaximum: 100) == 20)
        #expect(ViewsChart.axisStep(forMaximum: 101) == 50)
        #expect(ViewsChart.axisStep(forMaximum: 12_345) == 5_000)
        let chart = ViewsChart.layout(points([0, 7, 3]), width: 600, height: 240)
        #expect(chart.ticks.map(\.value) == [0, 2, 4, 6, 8])
        #expect(chart.axisMaximum == 8)
        #expect(ViewsChart.layout(points([0, 43]), width: 600, height: 240).ticks.map(\.label) == ["0", "10", "20", "30", "40", "50"])
        #expect(ViewsChart.layout(points([2_400]), width: 600, height: 240).ticks.last?.label == "2,500")
    }

    @Test("bars stand on the baseline, in day order, as tall as their share of the axis")
    func bars() {
        let chart = ViewsChart.layout(points([4, 0, 8, 2]), width: 400, height: 200)
        #expect(chart.bars.map(\.views) == [4, 0, 8, 2])
        #expect(chart.bars.map(\.day) == points([4, 0, 8, 2]).map(\.day))
        let plotHeight = chart.plotBottom - chart.plotTop
        for bar in chart.bars {
            #expect(abs(bar.y + bar.height - chart.plotBottom) < 0.11, "every bar ends on the baseline")
            #expect(abs(bar.height - plotHeight * Double(bar.views) / Double(chart.axisMaximum)) < 0.11)
            #expect(bar.x >= chart.plotLeft && bar.x + bar.width <= chart.plotRight + 0.1)
        }
        #expect(chart.bars[1].height == 0, "a day without views has no height")
        #expect(zip(chart.bars, chart.bars.dropFirst()).allSatisfy { $0.x + $0.width < $1.x }, "bars never overlap")
        // The busiest day reaches the top grid line when the axis ends on it.
        #expect(abs(chart.bars[2].y - chart.plotTop) < 0.11)
        #expect(chart.bars[0].label == "\(ViewDay.longLabel(chart.bars[0].day)): 4 views")
        #expect(ViewsChart.layout(points([1]), width: 400, height: 200).bars[0].label.hasSuffix(": 1 view"))
    }

    @Test("ticks run from the baseline up; their labels sit left of the plot, inside the box")
    func ticks() {
        let chart = ViewsChart.layout(points([0, 1_200, 300]), width: 600, height: 240)
        #expect(chart.ticks.first?.y == chart.plotBottom)
        #expect(chart.ticks.last?.y == chart.plotTop)
        #expect(zip(chart.ticks, chart.ticks.dropFirst()).allSatisfy { $0.y > $1.y })
        #expect(chart.ticks.allSatisfy { $0.labelX < chart.plotLeft && $0.labelX > 0 })
        // Room for the widest label ("1,200" or "1,500") at 0.6 em a character.
        #expect(chart.plotLeft >= 5 * 12 * 0.6)
        #expect(chart.plotTop > 0 && chart.plotBottom < chart.height)
    }

    @Test("day labels never overlap, stay in the box and always name the newest day")
    func dayLabels() {
        for (count, width) in [(30, 340.0), (30, 720.0), (7, 340.0), (1, 340.0), (90, 340.0)] {
            let data = points(Array(repeating: 1, count: count))
            let chart = ViewsChart.layout(data, width: width, height: 200)
            let labelWidth = 6 * 12 * 0.6
            #expect(chart.dayLabels.last?.text == ViewDay.shortLabel(data.last!.day), "\(count) days at \(width)")
            #expect(zip(chart.dayLabels, chart.dayLabels.dropFirst()).allSatisfy { $1.x - $0.x >= labelWidth }, "\(count) days at \(width)")
            #expect(chart.dayLabels.allSatisfy { $0.x - labelWidth / 2 >= 0 && $0.x + labelWidth / 2 <= width + 0.1 }, "\(count) days at \(width)")
            #expect(chart.dayLabels.allSatisfy { $0.y > chart.plotBottom && $0.y <= chart.height })
        }
        #expect(ViewsChart.layout(points(Array(repeating: 1, count: 30)), width: 720, height: 260).dayLabels.count >= 4)
    }

    @Test("no views at all: flat bars, an axis from 0 to 1, and a summary that says so")
    func empty() {
        let data = points(Array(repeating: 0, count: 30))
        let chart = ViewsChart.layout(data, width: 600, height: 240)
        #expect(chart.bars.count == 30 && chart.bars.allSatisfy { $0.height == 0 })
        #expect(chart.ticks.map(\.value) == [0, 1])
        #expect(ViewsChart.summary(data) == "No views from \(ViewDay.longLabel(data[0].day)) to \(ViewDay.longLabel(data[29].day)).")
        #expect(ViewsChart.layout([], width: 600, height: 240).bars.isEmpty)
        #expect(ViewsChart.summary([]) == "No days to show.")
    }

    @Test("the summary gives the total, the period and the busiest day")
    func summary() {
        let data = [
            ViewsChart.Point(day: "2026-10-30", views: 2), ViewsChart.Point(day: "2026-10-31", views: 1_500),
            ViewsChart.Point(day: "2026-11-01", views: 0),
        ]
        #expect(ViewsChart.summary(data) == "1,502 views from 30 Oct 2026 to 1 Nov 2026. The most in one day: 1,500 on 31 Oct 2026.")
        #expect(
            ViewsChart.points(["2026-10-31": 4], days: ["2026-10-30", "2026-10-31"]) == [
                .init(day: "2026-10-30", views: 0), .init(day: "2026-10-31", views: 4),
            ])
    }

    @Test("days are UTC calendar days, oldest first, across month and year ends")
    func days() {
        // 2026-01-01T00:30:00Z: still the 1st in UTC, though the 31st in America.
        let newYear = Date(timeIntervalSince1970: 1_767_227_400)
        #expect(ViewDay.of(newYear) == "2026-01-01")
        #expect(ViewDay.last(3, endingAt: newYear) == ["2025-12-30", "2025-12-31", "2026-01-01"])
        #expect(ViewDay.last(30, endingAt: newYear).count == 30)
        #expect(ViewDay.last(0, endingAt: newYear).isEmpty)
        #expect(ViewDay.shortLabel("2026-11-03") == "3 Nov")
        #expect(ViewDay.longLabel("2026-02-28") == "28 Feb 2026")
        #expect(ViewDay.longLabel("not-a-day") == "not-a-day")
    }

    @Test("watch-through reads as a whole percent, or nothing before anyone watched")
    func watchThrough() {
        #expect(WatchThrough.percent(0.834) == "83%")
        #expect(WatchThrough.percent(1) == "100%")
        #expect(WatchThrough.percent(1.7) == "100%")
        #expect(WatchThrough.percent(nil) == nil)
        #expect(WatchThrough.percent(.nan) == nil)
    }
}
