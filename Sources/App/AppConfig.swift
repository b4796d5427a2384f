import Foundation
import Media
import MindreelCore
import Vapor

/// Everything Mindreel reads from its environment, checked once at start-up.
///
/// Defaults are safe for development on one machine: SQLite and media under `./data`.
public struct AppConfig: Sendable {
    public enum DatabaseChoice: Sendable, Equatable {
        /// A SQLite file (the embedded default).
        case sqliteFile(path: String)
        /// A private in-memory SQLite database: tests only.
        case sqliteMemory
        case postgres(url: String)

        public var isSQLite: Bool {
            if case .postgres = self { return false }
            return true
        }
    }

    public var dataDirectory: String
    public var database: DatabaseChoice
    public var secretKeyFile: String
    /// Where people reach the site; links in mail and the CSRF origin check use it.
    public var baseURL: URL
    public var logLevel: Logger.Level
    /// Whether `MINDREEL_LOG_LEVEL` chose `logLevel` (otherwise commands other than `serve`
    /// and `worker` log at `notice`: see `CommandLogLevel`).
    public var logLevelIsExplicit = false
    /// bcrypt work factor. Tests lower it; each step doubles the cost of a guess.
    public var bcryptCost: Int
    /// Addresses of reverse proxies whose `X-Forwarded-For` is believed. Empty: nobody's.
    public var trustedProxies: Set<String>
    /// Size and count limits of resumable uploads.
    public var uploadPolicy: UploadPolicy
    public var mediaStore: MediaStoreChoice
    /// The largest profile picture accepted (default 15 MiB: photos straight from a phone camera
    /// run to about 12 MB). The stored picture is re-encoded at 256×256 whatever arrives.
    public var maxAvatarBytes: Int = 15 * 1024 * 1024
    /// The largest licence evidence file accepted (default 10 MiB).
    public var maxEvidenceBytes: Int = LicenceRules.maximumEvidenceBytes
    /// How often `serve` sends licence expiry notices and lapses expired licences (default hourly).
    public var licenceCheckSeconds: Double = 3600
    /// For tests of expiry only: a file holding a number of seconds the clock runs ahead of the
    /// real one (`MINDREEL_CLOCK_OFFSET_FILE`). Unset in production.
    public var clockOffsetFile: String?
    /// The longest video accepted, in seconds (default 10 minutes).
    public var maxVideoSeconds: Double = 600
    /// Jobs (ffmpeg runs) at the same time per worker process.
    public var workerConcurrency: Int = 1
    /// How long a job's claim lasts without a heartbeat; a dead worker's job waits this long.
    public var jobLeaseSeconds: TimeInterval = 30
    /// Whether `serve` runs the jobs itself. Default: yes on SQLite (one process does all),
    /// no on PostgreSQL (run `mindreel worker` processes).
    public var runsInProcessWorker: Bool = true
    /// Whether pages re-read their Leaf templates on every request (for work on the templates).
    /// Off by default: parsing a template again for every page costs more than rendering it.
    public var reloadsTemplates: Bool = false
    /// An operator's speech-to-text command for automatic captions (off when nil).
    public var speechToTextCommand: [String]?
    /// The region whose crisis resources a visitor sees until they pick one, and a member
    /// until they set one (`MINDREEL_DEFAULT_REGION`, an ISO 3166-1 code; default US). Never
    /// guessed from an IP address.
    public var defaultRegion: String = "US"

    /// Where finished media lives.
    public enum MediaStoreChoice: Sendable, Equatable {
        /// Under `mediaDirectory` (the default).
        case localDisk
        case s3(S3Configuration)
    }

    /// Finished media (local disk storage).
    public var mediaDirectory: String { dataDirectory + "/media" }
    /// The largest multipart form body: the profile form's picture and its fields. A picture a
    /// little over its limit still reaches the form, which says so beside the field.
    public var multipartFormLimit: Int { max(maxAvatarBytes, maxEvidenceBytes) + 1024 * 1024 }

    /// The evidence limit as people read it ("10 MB").
    public var maxEvidenceSizeText: String { Self.megabytes(maxEvidenceBytes) }

    /// The picture limit as people read it ("15 MB").
    public var maxAvatarSizeText: String { Self.megabytes(maxAvatarBytes) }

    static func megabytes(_ bytes: Int) -> String {
        let megabytes = Double(bytes) / (1024 * 1024)
        return megabytes.rounded() == megabytes ? "\(Int(megabytes)) MB" : String(format: "%.1f MB", megabytes)
    }

    /// Partial uploads while they grow.
    public var uploadsDirectory: String { dataDirectory + "/uploads" }
    public var outboxDirectory: String { dataDirectory + "/outbox" }
    public var usesHTTPS: Bool { baseURL.scheme == "https" }

    /// The scheme, host and port of `baseURL`, as browsers write it in `Origin`.
    public var baseOrigin: String {
        var origin = "\(baseURL.scheme ?? "http")://\(baseURL.host ?? "127.0.0.1")"
        if let port = baseURL.port { origin += ":\(port)" }
        return origin
    }

    /// A start-up failure that names the variable to fix.
    public struct Error: Swift.Error, CustomStringConvertible {
        public let variable: String
        public let problem: String
        public var description: String { "\(variable): \(problem)" }
    }

    public init(
        dataDirectory: String, database: DatabaseChoice, secretKeyFile: String, baseURL: URL,
        logLevel: Logger.Level = .info, bcryptCost: Int = 12, trustedProxies: Set<String> = [],
        uploadPolicy: UploadPolicy = UploadPolicy(), mediaStore: MediaStoreChoice = .localDisk
    ) {
        self.dataDirectory = dataDirectory
        self.database = database
        self.secretKeyFile = secretKeyFile
        self.baseURL = baseURL
        self.logLevel = logLevel
        self.bcryptCost = bcryptCost
        self.trustedProxies = trustedProxies
        self.uploadPolicy = uploadPolicy
        self.mediaStore = mediaStore
    }

    /// Reads the configuration from environment variables.
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) throws -> AppConfig {
        func value(_ name: String) -> String? {
            guard let raw = env[name]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
            return raw
        }

        let dataDirectory = value("MINDREEL_DATA_DIR") ?? "./data"

        let database: DatabaseChoice
        if let url = value("DATABASE_URL") {
            guard let parsed = URLComponents(string: url), ["postgres", "postgresql"].contains(parsed.scheme ?? ""),
                parsed.host?.isEmpty == false
            else {
                throw Error(variable: "DATABASE_URL", problem: "expected postgres://user:password@host:port/database")
            }
            database = .postgres(url: url)
        } else {
            database = .sqliteFile(path: dataDirectory + "/mindreel.sqlite")
        }

        let baseURLText = value("MINDREEL_BASE_URL") ?? "http://127.0.0.1:8080"
        guard let baseURL = URL(string: baseURLText), ["http", "https"].contains(baseURL.scheme ?? ""),
            baseURL.host?.isEmpty == false
        else {
            throw Error(variable: "MINDREEL_BASE_URL", problem: "expected an http or https URL such as https://mindreel.example.org")
        }

        var logLevel = Logger.Level.info
        let logLevelIsExplicit = value("MINDREEL_LOG_LEVEL") != nil
        if let text = value("MINDREEL_LOG_LEVEL") {
            guard let level = Logger.Level(rawValue: text.lowercased()) else {
                let names = Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
                throw Error(variable: "MINDREEL_LOG_LEVEL", problem: "expected one of \(names)")
            }
            logLevel = level
        }

        var bcryptCost = 12
        if let text = value("MINDREEL_BCRYPT_COST") {
            guard let cost = Int(text), (4...31).contains(cost) else {
                throw Error(variable: "MINDREEL_BCRYPT_COST", problem: "expected a whole number from 4 to 31")
            }
            bcryptCost = cost
        }

        var proxies = Set<String>()
        if let text = value("MINDREEL_TRUSTED_PROXIES") {
            for entry in text.split(separator: ",") {
                let address = entry.trimmingCharacters(in: .whitespaces)
                guard Self.isIPAddress(address) else {
                    throw Error(variable: "MINDREEL_TRUSTED_PROXIES", problem: "'\(address)' is not an IP address")
                }
                proxies.insert(address)
            }
        }

        var uploads = UploadPolicy()
        if let text = value("MINDREEL_MAX_UPLOAD_BYTES") {
            guard let bytes = Int64(text), bytes >= 1024 else {
                throw Error(variable: "MINDREEL_MAX_UPLOAD_BYTES", problem: "expected a number of bytes, at least 1024")
            }
            uploads.maxBytes = bytes
        }
        if let text = value("MINDREEL_MAX_ACTIVE_UPLOADS") {
            guard let count = Int(text), count >= 1 else {
                throw Error(variable: "MINDREEL_MAX_ACTIVE_UPLOADS", problem: "expected a whole number, at least 1")
            }
            uploads.maxActivePerAccount = count
        }

        func positiveNumber(_ name: String, default fallback: Double) throws -> Double {
            guard let text = value(name) else { return fallback }
            guard let number = Double(text), number > 0 else { throw Error(variable: name, problem: "expected a positive number") }
            return number
        }
        let maxVideoSeconds = try positiveNumber("MINDREEL_MAX_VIDEO_SECONDS", default: 600)
        let maxAvatarBytes = Int(try positiveNumber("MINDREEL_MAX_AVATAR_BYTES", default: 15 * 1024 * 1024))
        let maxEvidenceBytes = Int(try positiveNumber("MINDREEL_MAX_EVIDENCE_BYTES", default: Double(LicenceRules.maximumEvidenceBytes)))
        let licenceCheckSeconds = try positiveNumber("MINDREEL_LICENCE_CHECK_SECONDS", default: 3600)
        let workerConcurrency = Int(try positiveNumber("MINDREEL_FFMPEG_CONCURRENCY", default: 1))
        let jobLease = try positiveNumber("MINDREEL_JOB_LEASE_SECONDS", default: 30)
        func flag(_ name: String, default fallback: Bool) throws -> Bool {
            guard let text = value(name) else { return fallback }
            guard ["true", "false"].contains(text.lowercased()) else { throw Error(variable: name, problem: "expected true or false") }
            return text.lowercased() == "true"
        }
        let inProcessWorker = try flag("MINDREEL_IN_PROCESS_WORKER", default: value("DATABASE_URL") == nil)
        let reloadsTemplates = try flag("MINDREEL_RELOAD_TEMPLATES", default: false)

        var speechToText: [String]?
        if let text = value("MINDREEL_STT_COMMAND") {
            guard let parsed = SpeechToText.parseCommand(text) else {
                throw Error(variable: "MINDREEL_STT_COMMAND", problem: "expected a JSON array of arguments naming {input} and {output}")
            }
            speechToText = parsed
        }

        var defaultRegion = "US"
        if let text = value("MINDREEL_DEFAULT_REGION") {
            guard let code = Regions.code(text) else {
                throw Error(variable: "MINDREEL_DEFAULT_REGION", problem: "expected a two-letter ISO 3166-1 region code such as US, GB, IE or CA")
            }
            defaultRegion = code
        }

        var mediaStore = MediaStoreChoice.localDisk
        switch value("MEDIA_STORE")?.lowercased() ?? "local" {
        case "local":
            break
        case "s3":
            func required(_ name: String) throws -> String {
                guard let text = value(name) else { throw Error(variable: name, problem: "is required when MEDIA_STORE=s3") }
                return text
            }
            let endpointText = try required("S3_ENDPOINT")
            guard let endpoint = URL(string: endpointText), ["http", "https"].contains(endpoint.scheme ?? ""), endpoint.host != nil else {
                throw Error(variable: "S3_ENDPOINT", problem: "expected a URL such as https://s3.eu-west-1.amazonaws.com")
            }
            let bucket = try required("S3_BUCKET")
            guard (3...63).contains(bucket.count), bucket.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "-" || $0 == "." }) else {
                throw Error(variable: "S3_BUCKET", problem: "expected a bucket name of 3 to 63 lower-case letters, digits, '-' or '.'")
            }
            let pathStyle = try flag("S3_PATH_STYLE", default: true)
            mediaStore = .s3(
                S3Configuration(
                    endpoint: endpoint, bucket: bucket, region: value("S3_REGION") ?? "us-east-1",
                    accessKeyID: try required("S3_ACCESS_KEY_ID"), secretAccessKey: try required("S3_SECRET_ACCESS_KEY"),
                    sessionToken: value("S3_SESSION_TOKEN"), usesPathStyle: pathStyle))
        default:
            throw Error(variable: "MEDIA_STORE", problem: "expected local or s3")
        }

        var config = AppConfig(
            dataDirectory: dataDirectory,
            database: database,
            secretKeyFile: value("MINDREEL_SECRET_KEY_FILE") ?? dataDirectory + "/secret.key",
            baseURL: baseURL,
            logLevel: logLevel,
            bcryptCost: bcryptCost,
            trustedProxies: proxies,
            uploadPolicy: uploads,
            mediaStore: mediaStore
        )
        config.logLevelIsExplicit = logLevelIsExplicit
        config.maxVideoSeconds = maxVideoSeconds
        config.maxAvatarBytes = maxAvatarBytes
        config.maxEvidenceBytes = maxEvidenceBytes
        config.licenceCheckSeconds = licenceCheckSeconds
        config.clockOffsetFile = value("MINDREEL_CLOCK_OFFSET_FILE")
        config.workerConcurrency = workerConcurrency
        config.jobLeaseSeconds = jobLease
        config.runsInProcessWorker = inProcessWorker
        config.reloadsTemplates = reloadsTemplates
        config.speechToTextCommand = speechToText
        config.defaultRegion = defaultRegion
        return config
    }

    /// True for a literal IPv4 or IPv6 address.
    static func isIPAddress(_ text: String) -> Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, text, &v4) == 1 || inet_pton(AF_INET6, text, &v6) == 1
    }
}
