import Foundation

/// What For You leaves out for members under 18: any video with a sensitive topic (depression,
/// suicide prevention, eating and body image, …). They can still open such a video from its
/// topic's tab, search, a profile or a link; the feed just does not put it in front of them
/// unasked. A later issue replaces this rule with calibrated caps.
public enum MinorSafeFeed {
    /// True when a video with these topics may be shown to a minor in For You.
    public static func allows(_ topics: Set<String>, sensitiveTopics: Set<String>) -> Bool {
        topics.isDisjoint(with: sensitiveTopics)
    }

    /// `order` without the videos a minor is not shown, in the same order.
    public static func filter(_ order: [UUID], topicsByVideo: [UUID: Set<String>], sensitiveTopics: Set<String>) -> [UUID] {
        order.filter { allows(topicsByVideo[$0] ?? [], sensitiveTopics: sensitiveTopics) }
    }
}
