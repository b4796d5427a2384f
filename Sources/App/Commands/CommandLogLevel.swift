import Logging

/// How much a run of `mindreel` logs. The long-running processes (`serve`, `worker`) log at
/// `info`, which operators want; one-off commands (`migrate`, `seed`, the admin commands) at
/// `notice`, so a first `make run` shows a line per step, not every ffmpeg or audit line.
/// `--log <level>` or `MINDREEL_LOG_LEVEL` shows more (or less).
public enum CommandLogLevel {
    public static func level(command: String?, flag: String?, configured: Logger.Level, isExplicit: Bool) throws -> Logger.Level {
        if let flag {
            guard let level = Logger.Level(rawValue: flag.lowercased()) else {
                throw AppConfig.Error(variable: "--log", problem: "expected one of " + Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return level
        }
        if isExplicit { return configured }
        return command == nil || command == "serve" || command == "worker" ? .info : .notice
    }

    /// `arguments` without `--log <level>` (Vapor's commands do not know the flag), and the level.
    public static func takeFlag(from arguments: [String]) -> (arguments: [String], flag: String?) {
        guard let index = arguments.firstIndex(of: "--log") else { return (arguments, nil) }
        var rest = arguments
        let flag = index + 1 < rest.count ? rest[index + 1] : ""
        rest.removeSubrange(index...min(index + 1, rest.count - 1))
        return (rest, flag)
    }
}
