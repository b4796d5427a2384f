import Vapor

extension Request {
    /// The client's IP address. `X-Forwarded-For` is believed only when the connection comes
    /// from a configured trusted proxy; otherwise anyone could claim any address.
    var clientAddress: String? {
        let peer = remoteAddress?.ipAddress
        let trusted = mindreel.config.trustedProxies
        guard let peer, trusted.contains(peer) else { return peer }
        let forwarded = headers[.xForwardedFor]
            .flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
        // The nearest hop that is not one of our proxies is the client.
        return forwarded.reversed().first(where: { !trusted.contains($0) }) ?? peer
    }
}
