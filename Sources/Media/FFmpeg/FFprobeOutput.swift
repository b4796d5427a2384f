import Foundation

/// The parts of `ffprobe -print_format json -show_format -show_streams` that Mindreel reads.
/// ffprobe prints most numbers as strings; both are accepted.
struct FFprobeOutput: Decodable {
    var streams: [Stream]?
    var format: Format?

    struct Format: Decodable {
        var formatName: String?
        var duration: LooseNumber?

        enum CodingKeys: String, CodingKey {
            case formatName = "format_name"
            case duration
        }
    }

    struct Stream: Decodable {
        var codecType: String?
        var codecName: String?
        var width: Int?
        var height: Int?
        var pixFmt: String?
        var avgFrameRate: String?
        var sampleAspectRatio: String?
        var nbFrames: LooseNumber?
        var duration: LooseNumber?
        var channels: Int?
        var sampleRate: LooseNumber?
        var disposition: [String: Int]?
        var tags: [String: String]?
        var sideDataList: [SideData]?

        enum CodingKeys: String, CodingKey {
            case codecType = "codec_type"
            case codecName = "codec_name"
            case width, height
            case pixFmt = "pix_fmt"
            case avgFrameRate = "avg_frame_rate"
            case sampleAspectRatio = "sample_aspect_ratio"
            case nbFrames = "nb_frames"
            case duration, channels
            case sampleRate = "sample_rate"
            case disposition, tags
            case sideDataList = "side_data_list"
        }

        func flag(_ name: String) -> Bool { (disposition?[name] ?? 0) != 0 }
    }

    struct SideData: Decodable {
        var sideDataType: String?
        var rotation: LooseNumber?

        enum CodingKeys: String, CodingKey {
            case sideDataType = "side_data_type"
            case rotation
        }
    }
}

/// A number ffprobe printed either as a JSON number or as a string ("3.000000", "N/A").
struct LooseNumber: Decodable {
    var value: Double?

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Double.self) {
            value = number
        } else if let text = try? container.decode(String.self) {
            value = Double(text)
        } else {
            value = nil
        }
    }
}
