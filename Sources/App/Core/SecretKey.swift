import Crypto
import Foundation

/// The server's own secret, used to key hashes of client addresses (so throttling needs no
/// stored IP address). Created with mode 0600 on first run.
struct SecretKey: Sendable {
    let key: SymmetricKey

    enum LoadError: Error, CustomStringConvertible {
        case unreadable(path: String, reason: String)
        case tooShort(path: String)

        var description: String {
            switch self {
            case .unreadable(let path, let reason):
                return "MINDREEL_SECRET_KEY_FILE: cannot use \(path): \(reason)"
            case .tooShort(let path):
                return "MINDREEL_SECRET_KEY_FILE: \(path) holds fewer than 32 bytes of key"
            }
        }
    }

    static func loadOrCreate(path: String) throws -> SecretKey {
        let fileManager = FileManager.default
        if !fileManager.fileExists(atPath: path) {
            let directory = (path as NSString).deletingLastPathComponent
            do {
                if !directory.isEmpty {
                    try fileManager.createDirectory(atPath: directory, withIntermediateDirectories: true)
                }
                let fresh = SecureToken.generate() + SecureToken.generate()
                // Created with restrictive permissions from the start, never widened.
                guard fileManager.createFile(atPath: path, contents: Data(fresh.utf8), attributes: [.posixPermissions: 0o600]) else {
                    throw LoadError.unreadable(path: path, reason: "could not create the file")
                }
            } catch let error as LoadError {
                throw error
            } catch {
                throw LoadError.unreadable(path: path, reason: "\(error)")
            }
        }
        guard let data = fileManager.contents(atPath: path) else {
            throw LoadError.unreadable(path: path, reason: "could not read the file")
        }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.utf8.count >= 32 else { throw LoadError.tooShort(path: path) }
        return SecretKey(key: SymmetricKey(data: SHA256.hash(data: Data(text.utf8))))
    }

    /// A keyed hash: stable for one server, useless to anyone without the key.
    func mac(_ value: String) -> String {
        HMAC<SHA256>.authenticationCode(for: Data(value.utf8), using: key).hexString
    }
}

extension HashedAuthenticationCode {
    var hexString: String { Array(self).hexString }
}
