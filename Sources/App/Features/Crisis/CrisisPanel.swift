import MindreelCore
import Vapor

/// The resources panel: the viewer's help lines as buttons, in warm words, wherever crisis
/// language shows up (a search, a video's caption or transcript, one's own comment). One
/// component, so every place says the same and reads the same list. It never stops anyone
/// from doing what they came to do.
struct CrisisPanel: Encodable, Sendable {
    enum Place: String, Encodable, Sendable {
        case search, video, comment
    }

    let place: Place
    let heading: String
    let message: String
    let regionName: String
    let lines: [CrisisHelpController.Card]
    let emergency: [CrisisHelpController.Card]

    init(_ place: Place, listing: CrisisResourceBook.Listing) {
        self.place = place
        switch place {
        case .search:
            heading = "You don't have to go through this alone"
            message = "If you're thinking about ending your life or hurting yourself, you can talk to someone right now. It's free, at any hour."
        case .video:
            heading = "If this video brings up a lot"
            message = "Talking to someone can help, whether or not you are in crisis. These lines are free and there at any hour."
        case .comment:
            heading = "Thank you for sharing this"
            message = "It sounds like a lot right now. Your comment is posted. If you'd like to talk to someone, these lines are free and there at any hour."
        }
        regionName = listing.regionName
        lines = listing.lines.map(CrisisHelpController.card)
        emergency = listing.emergencies.map(CrisisHelpController.card)
    }
}

extension Request {
    func crisisPanel(_ place: CrisisPanel.Place) -> CrisisPanel {
        CrisisPanel(place, listing: mindreel.crisisResources.listing(for: CrisisRegionChoice.region(for: self)))
    }
}
