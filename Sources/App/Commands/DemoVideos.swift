import Fluent
import Foundation
import Media
import MindreelCore
import Vapor

/// The demo videos `seed --demo` makes: coloured cards with a title, narrated by espeak-ng,
/// with captions — made by ffmpeg, then sent through the real upload-to-ready pipeline.
enum DemoVideos {
    struct Item {
        let creator: String
        let title: String
        let narration: String
        let topics: [String]
        let kind: ContentKind
        let colour: String
        let hashtags: [String]
        /// What a clinical claim rests on (required for `clinicalClaim`).
        var sources: [ClaimSource] = []
    }

    /// Demo creators share one password, so a newcomer can open the studio with data in it.
    static let creatorPassword = "demo-creator-pass-42"

    static let creators: [(handle: String, name: String, bio: String)] = [
        ("demo_ana_counsellor", "Ana (counsellor)", "Counsellor. Small skills for big feelings. Videos are not therapy, but they can be a start."),
        ("demo_sam_lives_it", "Sam, living with anxiety", "Living with anxiety and learning as I go. Sharing what helps me, not advice."),
        ("demo_noor_explains", "Noor explains", "Explaining mental health terms in plain words. Psychology graduate."),
        ("demo_jo_peer", "Jo, peer supporter", "Peer support worker. Recovery looks different for everyone."),
        ("demo_lee_psychologist", "Dr. Lee (psychologist)", "Clinical psychologist. Evidence first, jargon last."),
        ("demo_maya_laughs", "Maya laughs it off", "ADHD, autism and a lot of jokes about both."),
    ]

    static let items: [Item] = [
        Item(
            creator: "demo_ana_counsellor", title: "Box breathing in 30 seconds",
            narration: "When panic rises, try box breathing. Breathe in for four. Hold for four. Breathe out for four. Hold for four. Repeat a few times.",
            topics: ["anxiety", "mindfulness"], kind: .copingSkill, colour: "0x2e6f6a", hashtags: ["breathing", "panic"]),
        Item(
            creator: "demo_sam_lives_it", title: "What my anxiety feels like",
            narration: "For me, anxiety is a tight chest and a busy mind at three in the morning. It is not the same for everyone, and that is okay.",
            topics: ["anxiety"], kind: .personalExperience, colour: "0x5b4b8a", hashtags: ["anxiety", "yourenotalone"]),
        Item(
            creator: "demo_noor_explains", title: "A list of signs is not a diagnosis",
            narration: "Lists of signs can feel very personal. That is normal. Only a professional who knows you can diagnose. If it resonates, talk to one.",
            topics: ["therapy-explained", "adhd"], kind: .education, colour: "0x8a4b4b", hashtags: ["notadiagnosis"]),
        Item(
            creator: "demo_ana_counsellor", title: "Grounding: five, four, three, two, one",
            narration: "Name five things you can see, four you can touch, three you can hear, two you can smell, and one you can taste.",
            topics: ["anxiety", "trauma"], kind: .copingSkill, colour: "0x3a6ea5", hashtags: ["grounding"]),
        Item(
            creator: "demo_noor_explains", title: "What happens in a first therapy session",
            narration: "A first session is mostly getting to know each other. You can ask questions too, like how they work and what to expect.",
            topics: ["therapy-explained"], kind: .education, colour: "0x6a7f2e", hashtags: ["therapy", "firstsession"]),
        Item(
            creator: "demo_sam_lives_it", title: "My sleep routine that finally helped",
            narration: "Same wake time every day, no phone in bed, and a short walk in daylight. It took weeks, but my sleep got better.", topics: ["sleep"],
            kind: .personalExperience, colour: "0x2f4f6f", hashtags: ["sleep", "routine"]),
        Item(
            creator: "demo_ana_counsellor", title: "Burnout is not a personal failure",
            narration: "Burnout often comes from demands that outpace resources for a long time. Rest, boundaries and support all matter.",
            topics: ["stress-burnout"], kind: .education, colour: "0x7a5230", hashtags: ["burnout"]),
        Item(
            creator: "demo_noor_explains", title: "Grief has no timetable",
            narration: "Grief comes in waves, sometimes years later. There is no right way or right time. Be gentle with yourself.", topics: ["grief"],
            kind: .education, colour: "0x4a4a6a", hashtags: ["grief"]),
        Item(
            creator: "demo_sam_lives_it", title: "When my therapist laughed with me",
            narration: "The day I made my therapist laugh, therapy stopped feeling scary. Humour can be part of getting better.",
            topics: ["therapy-explained", "relationships"], kind: .humor, colour: "0x8a6d2e", hashtags: ["therapyhumor"]),
        Item(
            creator: "demo_ana_counsellor", title: "Talking back to the inner critic",
            narration: "Notice the critical thought. Ask what you would say to a friend. Then say that to yourself, even if it feels odd.",
            topics: ["identity-self-esteem"], kind: .copingSkill, colour: "0x5a2e6a", hashtags: ["selfcompassion"]),
        Item(
            creator: "demo_noor_explains", title: "OCD is not about being tidy",
            narration: "OCD means unwanted intrusive thoughts and rituals that try to ease the distress. It is treatable with specialised therapy.",
            topics: ["ocd"], kind: .education, colour: "0x2e5a4a", hashtags: ["ocd", "mythbusting"]),
        Item(
            creator: "demo_sam_lives_it", title: "If you are struggling tonight",
            narration: "If you are thinking about suicide, you deserve support right now. In the US, call or text nine eight eight. You are not alone.",
            topics: ["suicide-prevention"], kind: .personalExperience, colour: "0x2e3f5a", hashtags: ["988", "youarenotalone"]),
        Item(
            creator: "demo_lee_psychologist", title: "Low mood or depression?",
            narration: "Everyone has low days. When low mood lasts most days for two weeks or more and gets in the way of life, talk to a professional.",
            topics: ["depression"], kind: .clinicalClaim, colour: "0x34495e", hashtags: ["depression", "notadiagnosis"],
            sources: [
                ClaimSource(title: "NHS: Depression in adults, symptoms", url: "https://www.nhs.uk/mental-health/conditions/depression-in-adults/symptoms/"),
                ClaimSource(title: "American Psychiatric Association (2022). DSM-5-TR, major depressive disorder criteria.", url: nil),
            ]),
        Item(
            creator: "demo_maya_laughs", title: "My ADHD morning, in real time",
            narration: "Keys in the fridge, coffee in the microwave, and three alarms named do not panic. Laughing helps. So does a checklist by the door.",
            topics: ["adhd"], kind: .humor, colour: "0xb0603a", hashtags: ["adhd", "adhdlife"]),
        Item(
            creator: "demo_maya_laughs", title: "Autistic and tired of small talk",
            narration: "Small talk costs me energy. I plan a few questions before events and give myself a quiet break after. Both are allowed.",
            topics: ["autism"], kind: .personalExperience, colour: "0x3a7a8a", hashtags: ["autism", "neurodivergent"]),
        Item(
            creator: "demo_jo_peer", title: "Recovery is not a straight line",
            narration: "In recovery from drinking, I had good months and bad days. A slip is information, not failure. Reach out to your support.",
            topics: ["substance-use"], kind: .personalExperience, colour: "0x6a4a3a", hashtags: ["recovery", "sober"]),
        Item(
            creator: "demo_lee_psychologist", title: "Body image: noticing the comparison trap",
            narration:
                "Scrolling edited bodies can feed harsh comparison. Notice how you feel after, curate your feed, and talk to someone if eating feels hard.",
            topics: ["eating-body-image"], kind: .education, colour: "0x7a3a5a", hashtags: ["bodyimage"]),
        Item(
            creator: "demo_jo_peer", title: "Asking a friend for support",
            narration: "Try saying: I am having a hard week, could we talk for ten minutes? Small, specific asks are easier to say yes to.",
            topics: ["relationships"], kind: .copingSkill, colour: "0x4a6a3a", hashtags: ["support", "friendship"]),
        Item(
            creator: "demo_noor_explains", title: "What is CBT, in one minute",
            narration:
                "Cognitive behavioural therapy looks at how thoughts, feelings and actions affect each other, and practises small changes between sessions.",
            topics: ["therapy-explained"], kind: .education, colour: "0x2e4a7a", hashtags: ["cbt", "therapy"]),
        Item(
            creator: "demo_ana_counsellor", title: "A two minute body scan",
            narration: "Close your eyes if that feels okay. Notice your feet, your legs, your belly, your shoulders. Just notice, without changing anything.",
            topics: ["mindfulness", "stress-burnout"], kind: .copingSkill, colour: "0x3a5a5a", hashtags: ["mindfulness", "bodyscan"]),
        Item(
            creator: "demo_maya_laughs", title: "Coming out to my grandma went better than my Wi-Fi",
            narration:
                "I rehearsed for weeks. She said, I know, pass the biscuits. Not every story goes this way, and support groups can help if yours does not.",
            topics: ["lgbtq-wellbeing", "parenting-family"], kind: .humor, colour: "0x8a3a7a", hashtags: ["comingout", "lgbtq"]),
        Item(
            creator: "demo_lee_psychologist", title: "Why you wake at 4 a.m.",
            narration: "Early waking can come with stress or low mood. Keep a steady wake time, get daylight, and mention it to your doctor if it continues.",
            topics: ["sleep", "depression"], kind: .education, colour: "0x1f3a5a", hashtags: ["sleep", "insomnia"]),
        Item(
            creator: "demo_jo_peer", title: "Parenting when you are running on empty",
            narration: "You cannot pour from an empty cup is true, and hard to live. Ten minutes of rest counts. Asking for help is good parenting.",
            topics: ["parenting-family", "stress-burnout"], kind: .personalExperience, colour: "0x6a5a2e", hashtags: ["parenting", "burnout"]),
        Item(
            creator: "demo_sam_lives_it", title: "Grief came back on a Tuesday",
            narration: "A song in a shop and suddenly I missed my dad all over again. I let myself feel it, then texted my sister. Waves pass.",
            topics: ["grief"], kind: .personalExperience, colour: "0x4a4a4a", hashtags: ["grief", "loss"]),
        // Two videos of the kind the "not a diagnosis" panel is for (the classifier flags both).
        Item(
            creator: "demo_maya_laughs", title: "7 signs you have ADHD: how many do you have?",
            narration:
                "Number one, you lose your keys. Two, you have twenty tabs open. Three, you start a new hobby every month. If you got five or more, you probably have ADHD. Comment how many you have!",
            topics: ["adhd"], kind: .humor, colour: "0x9a4a2a", hashtags: ["adhdsigns", "adhdcheck"]),
        Item(
            creator: "demo_sam_lives_it", title: "POV: you realise your overthinking is actually anxiety",
            narration:
                "If you replay every conversation at night and check your phone a hundred times a day, you might have an anxiety disorder. Tell me in the comments if this is you.",
            topics: ["anxiety"], kind: .personalExperience, colour: "0x4a3a6a", hashtags: ["anxietysigns", "overthinking"]),
    ]

    /// The demo creators' accounts (made if missing), by handle.
    static func creatorAccounts(app: Application) async throws -> [String: UUID] {
        var owners: [String: UUID] = [:]
        for creator in creators {
            if let existing = try await User.query(on: app.db).filter(\.$handle == creator.handle).first() {
                owners[creator.handle] = try existing.requireID()
            } else {
                let user = try await OperatorAccounts.create(
                    handle: creator.handle, displayName: creator.name, email: "\(creator.handle)@mindreel.invalid",
                    password: creatorPassword, birthYear: 1988, roles: [], on: app)
                user.bio = creator.bio
                try await user.save(on: app.db)
                owners[creator.handle] = try user.requireID()
            }
        }
        return owners
    }

    /// Makes every demo video that does not exist yet and runs the worker until they are done.
    static func seed(app: Application, owners: [String: UUID], console: any Console) async throws {
        let runner = ProcessRunner()
        let work = app.mindreel.config.dataDirectory + "/work/demo"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: work) }

        var made = 0
        for (index, item) in items.enumerated() {
            guard let owner = owners[item.creator] else { continue }
            if try await Video.query(on: app.db).filter(\.$owner.$id == owner).filter(\.$caption == caption(item)).count() > 0 { continue }
            let clip = work + "/demo-\(index).mp4"
            let duration = try await render(item, to: clip, work: work, runner: runner)
            let upload = try await storeUpload(clip, owner: owner, app: app)
            _ = try await CreateVideo.run(
                VideosAPI.CreateInput(
                    uploadId: upload, caption: caption(item), topicIds: item.topics, hashtags: item.hashtags,
                    contentKind: item.kind.rawValue, visibility: Visibility.public.rawValue, captions: captions(item.narration, duration: duration),
                    sources: item.sources.isEmpty ? nil : item.sources),
                ownerID: owner, context: app.mindreel, on: app.db)
            made += 1
            console.print("  made demo video \(index + 1)/\(items.count): \(item.title)")
        }
        guard made > 0 else {
            console.print("Demo videos: all \(items.count) exist already.")
            return
        }
        console.print("Processing \(made) demo videos (ffmpeg)…")
        let worker = app.makeWorker()
        while try await worker.runOne() {}
        let ready = try await Video.query(on: app.db).filter(\.$processingState == .ready).count()
        console.print("Demo videos ready: \(ready).")
    }

    static func caption(_ item: Item) -> String {
        "\(item.title) " + item.hashtags.map { "#\($0)" }.joined(separator: " ")
    }

    /// Narration with espeak-ng, then a 720×1280 card with the title over it.
    static func render(_ item: Item, to output: String, work: String, runner: ProcessRunner) async throws -> Double {
        let voice = output + ".wav"
        let titleFile = output + ".txt"
        defer {
            try? FileManager.default.removeItem(atPath: voice)
            try? FileManager.default.removeItem(atPath: titleFile)
        }
        try await require(
            runner.run(MediaCommand(executable: "espeak-ng", arguments: ["-v", "en-us", "-s", "155", "-w", voice, item.narration], timeout: .seconds(60))),
            "espeak-ng")
        try Data(wrap(item.title, width: 18).utf8).write(to: URL(fileURLWithPath: titleFile))
        let font = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
        let text = "drawtext=fontfile=\(font):textfile=\(titleFile):fontcolor=white:fontsize=56:line_spacing=14:x=(w-text_w)/2:y=(h-text_h)/2"
        try await require(
            runner.run(
                MediaCommand(
                    executable: "ffmpeg",
                    arguments: [
                        "-v", "error", "-y", "-f", "lavfi", "-i", "color=c=\(item.colour):s=720x1280:r=25:d=60", "-i", voice,
                        "-vf", text, "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", output,
                    ], timeout: .seconds(120))), "ffmpeg")
        let probe = try await FFprobe(runner: runner).probe(path: output)
        if case .probed(let result) = probe { return result.duration ?? 8 }
        return 8
    }

    static func require(_ result: MediaRunResult, _ tool: String) throws {
        guard result.succeeded else { throw CommandError.invalid("\(tool) failed: \(result.stderrTail.suffix(400))") }
    }

    /// A finished upload of a local file, as tus would leave it.
    static func storeUpload(_ path: String, owner: UUID, app: Application) async throws -> UUID {
        let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value ?? 0
        let upload = Upload(ownerID: owner, length: size, metadata: "", filename: "demo.mp4", filetype: "video/mp4", now: app.mindreel.now, expiry: 3600)
        try await upload.create(on: app.db)
        let id = try upload.requireID()
        let key = UploadFiles.storageKey(for: id)
        try await app.mindreel.storage.storeMoving(fileAt: path, as: key, contentType: "video/mp4")
        upload.offset = size
        upload.state = .complete
        upload.storageKey = key.value
        try await upload.save(on: app.db)
        return id
    }

    /// WebVTT for the narration: one cue a sentence, timed by its share of the words.
    static func captions(_ narration: String, duration: Double) -> String {
        let sentences = narration.split(whereSeparator: { ".!?".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let words = max(1, sentences.reduce(0) { $0 + $1.split(separator: " ").count })
        var vtt = "WEBVTT\n"
        var start = 0.0
        for sentence in sentences {
            let end = min(duration, start + duration * Double(sentence.split(separator: " ").count) / Double(words))
            vtt += "\n\(timestamp(start)) --> \(timestamp(end))\n\(sentence).\n"
            start = end
        }
        return vtt
    }

    static func timestamp(_ seconds: Double) -> String {
        let millis = Int((seconds * 1000).rounded())
        return String(format: "%02d:%02d:%02d.%03d", millis / 3_600_000, (millis / 60_000) % 60, (millis / 1000) % 60, millis % 1000)
    }

    static func wrap(_ text: String, width: Int) -> String {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty, line.count + word.count + 1 > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines.joined(separator: "\n")
    }
}
