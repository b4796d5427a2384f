import Testing

@testable import Media

@Suite("ffmpeg progress")
struct FFmpegProgressTests {
    @Test("blocks of key=value lines become fractions of the probed duration")
    func fractions() {
        var progress = FFmpegProgress(duration: 10)
        var seen: [Double] = []
        let lines = [
            "frame=0", "out_time_us=N/A", "out_time=N/A", "progress=continue",
            "frame=75", "out_time_us=2500000", "out_time_ms=2500000", "out_time=00:00:02.500000", "progress=continue",
            "out_time_us=10040000", "progress=continue",
            "progress=end",
        ]
        for line in lines {
            if let fraction = progress.consume(line) { seen.append(fraction) }
        }
        #expect(seen == [0, 0.25, 1, 1])
    }

    @Test("out_time is used when out_time_us is missing; junk is ignored")
    func fallback() {
        var progress = FFmpegProgress(duration: 120)
        _ = progress.consume("out_time=00:01:00.000000")
        _ = progress.consume("garbage line")
        #expect(progress.consume("progress=continue") == 0.5)
        #expect(FFmpegProgress(duration: 0).fraction == 0)
    }
}
