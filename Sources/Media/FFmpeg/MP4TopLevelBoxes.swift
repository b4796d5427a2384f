import Foundation

/// The top-level boxes of an ISO/QuickTime file (`ftyp`, `moov`, `mdat`…), read from their
/// 8- or 16-byte headers only.
///
/// ffprobe happily reads a file whose `moov` comes first even when the media data after it
/// was cut off (an interrupted upload); the box sizes tell that the file is shorter than it
/// claims to be.
public struct MP4TopLevelBoxes: Sendable, Equatable {
    /// One box: its four-character type, where it starts and its declared size in bytes.
    public struct Box: Sendable, Equatable {
        public var type: String
        public var offset: UInt64
        public var size: UInt64
    }

    public private(set) var boxes: [Box] = []
    /// A box claims to end past the end of the file, or a header is cut or malformed.
    public private(set) var isTruncated = false

    /// Reads the box headers of the file at `path`.
    public init(path: String, maxBoxes: Int = 10_000) throws {
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        let fileSize = try handle.seekToEnd()
        var offset: UInt64 = 0
        while offset < fileSize {
            guard boxes.count < maxBoxes else { break }
            try handle.seek(toOffset: offset)
            let header = try handle.read(upToCount: 16) ?? Data()
            guard header.count >= 8 else {
                isTruncated = true
                break
            }
            let bytes = [UInt8](header)
            var size = UInt64(bytes[0]) << 24 | UInt64(bytes[1]) << 16 | UInt64(bytes[2]) << 8 | UInt64(bytes[3])
            let type = String(decoding: bytes[4..<8], as: UTF8.self)
            var headerSize: UInt64 = 8
            if size == 1 {
                guard bytes.count >= 16 else {
                    isTruncated = true
                    break
                }
                size = bytes[8..<16].reduce(0) { $0 << 8 | UInt64($1) }
                headerSize = 16
            } else if size == 0 {
                // "Extends to the end of the file": only legal for the last box.
                size = fileSize - offset
            }
            guard size >= headerSize else {
                isTruncated = true
                break
            }
            boxes.append(Box(type: type, offset: offset, size: size))
            let (end, overflow) = offset.addingReportingOverflow(size)
            if overflow || end > fileSize {
                isTruncated = true
                break
            }
            offset = end
        }
    }

    /// The box types in file order, e.g. `["ftyp", "moov", "mdat"]`.
    public var types: [String] { boxes.map(\.type) }
}
