/// A watch-through rate as a creator reads it.
public enum WatchThrough {
    /// `0.834` → `83%`; nil (no one has watched yet) → nil.
    public static func percent(_ rate: Double?) -> String? {
        guard let rate, rate.isFinite else { return nil }
        return "\(Int((min(max(rate, 0), 1) * 100).rounded()))%"
    }
}
