import MindreelCore
import Vapor

/// Whose crisis resources a page shows: a region picked on the page (`?region=GB`, which a
/// visitor's browser then remembers in a cookie), else the member's setting, else the visitor's
/// remembered pick, else `MINDREEL_DEFAULT_REGION`. Never the IP address.
enum CrisisRegionChoice {
    static let cookieName = "mindreel_region"

    static func region(for req: Request) -> String {
        if let picked = picked(req) { return picked }
        if let own = req.account?.user.crisisRegion.flatMap(Regions.code) { return own }
        if let remembered = req.cookies[cookieName]?.string, let code = Regions.code(remembered) { return code }
        return req.mindreel.config.defaultRegion
    }

    /// The region named in the query, when it is a known one.
    static func picked(_ req: Request) -> String? {
        req.query[String.self, at: "region"].flatMap(Regions.code)
    }

    /// A year-long, first-party cookie with the visitor's pick: a region is not a secret, but
    /// it is nobody else's business, so scripts and other sites cannot read it.
    static func remember(_ region: String, on response: Response, config: AppConfig) {
        response.cookies[cookieName] = HTTPCookies.Value(
            string: region, expires: nil, maxAge: 365 * 24 * 3600, path: "/", isSecure: config.usesHTTPS, isHTTPOnly: true, sameSite: .lax)
    }
}
