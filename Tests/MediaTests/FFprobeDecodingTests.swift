import Foundation
import MindreelCore
import Testing

@testable import Media

@Suite("Reading ffprobe's JSON")
struct FFprobeDecodingTests {
    func decode(_ json: String) throws -> ProbeResult {
        let output = try JSONDecoder().decode(FFprobeOutput.self, from: Data(json.utf8))
        let container = try #require(VideoContainer(formatName: output.format?.formatName ?? ""))
        return FFprobe.probeResult(from: output, container: container)
    }

    @Test("a phone video: codec, size, display-matrix rotation, pixel format, rate, audio")
    func phoneVideo() throws {
        let result = try decode(
            """
            {"streams":[
              {"codec_type":"video","codec_name":"hevc","width":1920,"height":1080,"pix_fmt":"yuv420p10le",
               "avg_frame_rate":"2997/100","sample_aspect_ratio":"1:1","nb_frames":"300","disposition":{"attached_pic":0},
               "side_data_list":[{"side_data_type":"Display Matrix","rotation":-90}]},
              {"codec_type":"audio","codec_name":"aac","channels":2,"sample_rate":"44100"}],
             "format":{"format_name":"mov,mp4,m4a,3gp,3g2,mj2","duration":"10.010000"}}
            """)
        #expect(result.container == .quickTime)
        #expect(result.duration == 10.01)
        let video = try #require(result.video)
        #expect(video.codec == "hevc" && video.width == 1920 && video.height == 1080)
        #expect(video.rotation == 270 && video.displaySize == (1080, 1920))
        #expect(video.pixelFormat == "yuv420p10le")
        #expect(video.averageFrameRate == FrameRate(numerator: 2997, denominator: 100))
        #expect(video.frameCount == 300 && !video.isStillImage)
        #expect(result.audio == AudioStreamInfo(codec: "aac", channels: 2, sampleRate: 44100))
    }

    @Test("the legacy rotate tag is used when there is no display matrix")
    func rotateTag() throws {
        let result = try decode(
            #"{"streams":[{"codec_type":"video","codec_name":"h264","width":640,"height":480,"tags":{"rotate":"90"}}],"format":{"format_name":"matroska,webm","duration":"3"}}"#
        )
        #expect(result.container == .matroska)
        #expect(result.video?.rotation == 270)
        #expect(result.video.map { [$0.displaySize.width, $0.displaySize.height] } == [480, 640])
    }

    @Test("cover art is not the video; a single PNG frame is an image")
    func pictures() throws {
        let song = try decode(
            #"{"streams":[{"codec_type":"audio","codec_name":"aac"},{"codec_type":"video","codec_name":"mjpeg","width":600,"height":600,"disposition":{"attached_pic":1}}],"format":{"format_name":"mov,mp4,m4a,3gp,3g2,mj2","duration":"200"}}"#
        )
        #expect(song.video == nil && song.hasAttachedPicture && song.audio != nil)
        let still = try decode(
            #"{"streams":[{"codec_type":"video","codec_name":"png","width":64,"height":64,"nb_frames":"1"}],"format":{"format_name":"matroska,webm","duration":"0.04"}}"#
        )
        #expect(still.video?.isStillImage == true)
    }

    @Test("the demuxer the whitelist refused is read from ffprobe's error")
    func rejectedFormat() {
        #expect(FFprobe.rejectedFormat(inStderr: "[hls @ 0x55c8e40e4280] Format not on whitelist 'mov,mp4'\nx.mp4: Invalid argument\n") == "hls")
        #expect(FFprobe.rejectedFormat(inStderr: "[png_pipe @ 0x1] Format not on whitelist 'mov'") == "png_pipe")
        #expect(FFprobe.rejectedFormat(inStderr: "[mov,mp4,m4a,3gp,3g2,mj2 @ 0x1] moov atom not found\n") == nil)
    }
}
