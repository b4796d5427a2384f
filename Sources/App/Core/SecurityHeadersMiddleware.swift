import MindreelCore
import Vapor

/// Headers every response carries. The policy allows nothing from another origin and no
/// inline script, so an injected `<script>` cannot run and no page leaks to third parties.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    static let contentSecurityPolicy = [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data: blob:",
        "media-src 'self' blob:",
        "connect-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ].joined(separator: "; ")

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response: Response
        do {
            response = try await next.respond(to: request)
        } catch {
            // Errors become responses in the error middleware, which runs outside this one;
            // build that response here so it carries the same headers.
            response = await ProblemErrorMiddleware.response(for: error, request: request)
        }
        Self.apply(to: response, request: request)
        return response
    }

    static func isStaticAsset(_ path: String) -> Bool {
        path.hasPrefix("/css/") || path.hasPrefix("/js/") || path.hasPrefix("/img/") || path == "/favicon.ico" || path == "/favicon.svg"
    }

    static func apply(to response: Response, request: Request) {
        let headers: [(String, String)] = [
            ("Content-Security-Policy", contentSecurityPolicy),
            ("X-Content-Type-Options", "nosniff"),
            ("Referrer-Policy", "same-origin"),
            ("X-Frame-Options", "DENY"),
            ("Cross-Origin-Opener-Policy", "same-origin"),
            ("Cross-Origin-Resource-Policy", "same-origin"),
            ("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()"),
            ("X-Request-Id", request.safeRequestID),
        ]
        // tus asks for this header on every response of the upload endpoint, errors included.
        if request.url.path.hasPrefix("/api/v1/uploads") {
            response.headers.replaceOrAdd(name: "Tus-Resumable", value: TusHeaders.version)
        }
        for (name, value) in headers where !response.headers.contains(name: name) {
            response.headers.replaceOrAdd(name: name, value: value)
        }
        // Pages carry a per-visitor CSRF token and, when signed in, personal data: no cache may
        // keep them. Static files (no cookie involved) may be cached briefly and revalidated.
        if Self.isStaticAsset(request.url.path), response.status == .ok {
            if !response.headers.contains(name: .cacheControl) {
                response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=300")
            }
        } else if request.url.path.hasPrefix("/media/"), response.headers.contains(name: .cacheControl) {
            // Video files: MediaController chose public or private caching per video.
        } else {
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        }
    }
}
