import Foundation

/// How much a text says its writer, or someone they describe, is at risk.
public enum CrisisLevel: String, Sendable, Codable, CaseIterable, Comparable {
    /// Nothing that needs help shown: including talk about the topic, hyperbole, recovery stories.
    case none
    /// A current wish to be dead, hopelessness, or self-harm urges, without a plan.
    case concern
    /// At risk now: intent, a plan, means, a timeline, a goodbye, an act under way.
    case urgent

    public static func < (lhs: CrisisLevel, rhs: CrisisLevel) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// What the crisis classifier found: the level, whether the text names or asks about a method or
/// means, and the phrases and rules behind it, in words a moderator reads.
public struct CrisisResult: Sendable, Equatable, Codable {
    public var level: CrisisLevel
    public var means: Bool
    public var reasons: [String]

    public init(level: CrisisLevel, means: Bool, reasons: [String]) {
        self.level = level
        self.means = means
        self.reasons = reasons
    }

    public static let none = CrisisResult(level: .none, means: false, reasons: [])
}

/// Notices crisis language in searches, comments, captions, transcripts and bios.
///
/// Rules, not a trained model. Risk statements ("i want to die", "kms", "no point living", "the
/// urge to cut") are found with their context: who they are about (the writer, someone they
/// describe, or people in general), whether they are negated, in the past ("i used to want to
/// die"), quoted, or said in a joke. A current first-person statement is `concern`; it becomes
/// `urgent` with intent, a plan, means at hand, a timeline, a goodbye or an act under way, which
/// also count for someone the writer describes. Text about the topic (prevention, a clinician's
/// warning signs, news, fiction, lyrics) stays `none`. Rules were written and weighed on the
/// training split of `Resources/Classifiers/crisis/`; the test split is for reporting only.
public enum CrisisLanguage {
    /// A video's caption and transcript, read together.
    public static func classify(caption: String, transcript: String?) -> CrisisResult {
        classify([caption, transcript ?? ""].joined(separator: "\n"))
    }

    public static func classify(_ text: String) -> CrisisResult { classify(ClassifierText(text)) }

    /// Text already read (`mindreel classify` reads each line once for every classifier).
    public static func classify(_ read: ClassifierText) -> CrisisResult {
        let words = read.words
        guard !words.isEmpty else { return .none }
        let engine = compiled
        let ids = engine.vocabulary.ids(of: words)
        let boundary = engine.vocabulary.boundary
        let sentences = Sentences(words)

        var risk: [Finding] = []
        var urgency: [Finding] = []
        var topic = false
        var reasons: [String] = []
        var lowered: [String] = []

        for match in engine.patterns.matches(in: words, ids: ids, boundary: boundary) {
            let rule = engine.rules[match.pattern]
            let range = match.range
            let phrase = quote(words[range])
            if rule.kind == .topic {
                topic = true
                continue
            }
            if let why = notCurrent(range, rule: rule, read: read, sentences: sentences) {
                lowered.append("\(why): “\(phrase)”")
                // A negated or past statement still says what the text is about.
                if rule.kind == .risk { topic = true }
                continue
            }
            let finding = Finding(rule: rule, range: range, phrase: phrase, sentence: sentences.index(of: range.lowerBound))
            switch rule.kind {
            case .risk:
                risk.append(finding)
                topic = true
            case .intent, .plan, .timeline, .goodbye, .act, .other:
                urgency.append(finding)
            case .topic:
                break
            }
        }

        var level = risk.map(\.rule.level).max() ?? .none
        reasons += risk.sorted { $0.rule.level > $1.rule.level }.map { "\($0.rule.label): “\($0.phrase)”" }
        // Intent, a plan, means at hand, a timeline, a goodbye or an act make a risk statement
        // urgent; two kinds of them together are urgent without one; some are urgent on their own
        // ("this is my last post"). A timeline counts only near the risk it dates: "tomorrow" in
        // a long post is often just tomorrow.
        var raised: [String] = []
        let kinds = Set(urgency.filter { $0.rule.kind != .other }.map { "\($0.rule.kind)" })
        for finding in urgency {
            let near = risk.contains { abs($0.sentence - finding.sentence) <= 2 }
            // Someone else "suicidal" is concern; it takes their intent, act or goodbye to be urgent.
            let urgent =
                finding.rule.level == .urgent
                || (finding.rule.kind == .other ? false : (finding.rule.kind == .timeline ? near : !risk.isEmpty) || kinds.count >= 2)
                || (finding.rule.kind != .timeline && Set(urgency.map(\.phrase)).count >= 2)
            if urgent {
                level = .urgent
                raised.append("\(finding.rule.label): “\(finding.phrase)”")
            } else if finding.rule.kind != .timeline {
                level = max(level, .concern)
                raised.append("\(finding.rule.label): “\(finding.phrase)”")
            }
        }
        if let question = methodQuestion(words, ids: ids, engine: engine) {
            level = .urgent
            raised.append("asks about a method: “\(question)”")
        }
        reasons = raised + reasons
        if !urgency.isEmpty { topic = true }
        // Teaching about warning signs, prevention or myths quotes crisis words without anyone
        // being at risk: at most concern.
        if level == .urgent, let frame = educationFrame(engine.education, words: words, ids: ids, boundary: boundary) {
            level = .concern
            reasons.insert("lowered to concern: teaching about the topic (“\(frame)”)", at: 0)
        }
        let means = hasMeans(words, ids: ids, engine: engine, topic: topic || level > .none)
        // Means named beside the writer's own risk statement, or someone else's: urgent.
        if means.found, level == .concern, risk.contains(where: { !$0.rule.isWeak }) || urgency.contains(where: { $0.rule.kind == .other }) {
            level = .urgent
            reasons.insert("risk with means named", at: 0)
        }
        if means.found { reasons.append("names a method or means: “\(means.phrase)”") }
        if level == .none, !lowered.isEmpty { reasons = lowered.map { "lowered: " + $0 } }
        return CrisisResult(level: level, means: means.found, reasons: Array(reasons.prefix(8)))
    }

    // MARK: - Findings

    struct Finding {
        let rule: Rule
        let range: Range<Int>
        let phrase: String
        let sentence: Int
    }

    /// The sentence each token is in.
    struct Sentences {
        let numbers: [Int]

        init(_ words: [String]) {
            var numbers: [Int] = []
            var current = 0
            for word in words {
                numbers.append(current)
                if word == ClassifierText.boundary { current += 1 }
            }
            self.numbers = numbers
        }

        func index(of token: Int) -> Int { numbers.isEmpty ? 0 : numbers[min(token, numbers.count - 1)] }
    }

    /// Why a statement does not say someone is at risk now, or nil.
    static func notCurrent(_ range: Range<Int>, rule: Rule, read: ClassifierText, sentences: Sentences) -> String? {
        let words = read.words
        if rule.checksQuotes, read.tokens[range].allSatisfy(\.quoted) { return "quoted" }
        let before = Array(words[max(range.lowerBound - 6, 0)..<range.lowerBound].reversed().prefix { $0 != ClassifierText.boundary })
        let after = Array(words[range.upperBound..<min(range.upperBound + 6, words.count)].prefix { $0 != ClassifierText.boundary })
        let sentence = words[sentenceRange(around: range, in: words)]
        if !rule.selfNegated {
            if before.prefix(3).contains(where: negations.contains) { return "negated" }
            if before.prefix(5).contains(where: { ["never", "nobody", "no-one", "noone"].contains($0) }) { return "negated" }
        }
        if rule.checksPast {
            let present = sentence.contains(where: presentMarkers.contains)
            // "used to" is the past whatever follows ("i used to want to die every day").
            if before.contains("used") { return "in the past" }
            if !present, before.contains(where: pastMarkers.contains) || after.prefix(4).contains(where: pastAfter.contains) {
                return "in the past"
            }
        }
        if rule.checksOthers {
            // "if you or someone you know wants to die", "people who self-harm": about others.
            if before.prefix(4).contains(where: generalSubjects.contains) && !before.prefix(4).contains(where: firstPerson.contains) {
                return "about people in general"
            }
        }
        if rule.checksJoke, sentence.contains(where: jokeMarkers.contains) { return "said in a joke" }
        if rule.kind == .other, words.contains(where: fictionWords.contains) { return "a story, not someone they know" }
        return nil
    }

    static func sentenceRange(around range: Range<Int>, in words: [String]) -> Range<Int> {
        var start = range.lowerBound
        while start > 0, words[start - 1] != ClassifierText.boundary { start -= 1 }
        var end = range.upperBound
        while end < words.count, words[end] != ClassifierText.boundary { end += 1 }
        return start..<end
    }

    static let negations: Set<String> = ["not", "never", "no", "nor", "without", "stopped", "quit"]
    static let pastMarkers: Set<String> = [
        "used", "was", "were", "wanted", "had", "felt", "thought", "ago", "once", "years", "previously", "earlier", "2019", "2020", "2021",
        "2022", "2023", "2024", "younger", "tried", "attempted", "survived", "went", "died", "lost", "passed",
    ]
    static let pastAfter: Set<String> = ["ago", "back", "anymore"]
    static let presentMarkers: Set<String> = [
        "now", "again", "still", "tonight", "today", "lately", "currently", "rn", "these", "anymore", "constantly", "always", "every",
        "keep", "keeps", "tomorrow", "soon",
    ]
    static let generalSubjects: Set<String> = [
        "someone", "somebody", "anyone", "people", "person", "those", "they", "he", "she", "friend", "friends", "loved", "teens", "kids",
        "students", "clients", "patients", "if", "when", "whether", "character", "who",
    ]
    static let fictionWords: Set<String> = [
        "movie", "film", "character", "episode", "novel", "season", "series", "plot", "rewatching", "rewatch", "scene", "protagonist",
        "book", "chapter", "fic", "fanfic", "anime", "manga",
    ]
    static let firstPerson: Set<String> = ["i", "me", "my", "myself", "am"]
    static let jokeMarkers: Set<String> = ["lol", "lmao", "lmfao", "haha", "hahaha", "jk", "jokes", "joking", "rofl", "xd", "emoji-laugh"]

    // MARK: - Means

    /// A method or means named in a text about self-harm or suicide, or a method asked about.
    static func hasMeans(_ words: [String], ids: [Int], engine: Compiled, topic: Bool) -> (found: Bool, phrase: String) {
        if let question = methodQuestion(words, ids: ids, engine: engine) { return (true, question) }
        guard topic else { return (false, "") }
        if let index = words.firstIndex(where: meansWords.contains) { return (true, words[index]) }
        return (false, "")
    }

    static func educationFrame(_ patterns: [WordPattern], words: [String], ids: [Int], boundary: Int) -> String? {
        for pattern in patterns {
            if let range = pattern.matches(in: words, ids: ids, boundary: boundary).first { return quote(words[range]) }
        }
        return nil
    }

    static let educationSources = [
        "warning ~1 signs|sign", "risk ~1 factors", "prevention|postvention", "therapist|counsellor|counselor|clinician|psychologist ~1 here",
        "if ~1 you ~1 are ~1 worried", "signs ~2 include", "myth|myths", "safe ~1 storage", "safety ~1 plan|planning", "ask ~1 directly",
    ]

    static func methodQuestion(_ words: [String], ids: [Int], engine: Compiled) -> String? {
        for pattern in engine.methodQuestions {
            if let range = pattern.matches(in: words, ids: ids, boundary: engine.vocabulary.boundary).first { return quote(words[range]) }
        }
        return nil
    }

    static let meansWords: Set<String> = [
        "pills", "pill", "tablets", "overdose", "overdosing", "od", "od'd", "paracetamol", "tylenol", "acetaminophen", "sleeping-pills",
        "rope", "noose", "hang", "hanging", "hanged", "gun", "guns", "pistol", "firearm", "firearms", "rifle", "shotgun", "bullet",
        "bridge", "roof", "ledge", "cliff", "overpass", "jump", "jumping", "blade", "blades", "razor", "razors", "knife", "knives", "train", "tracks",
        "emoji-pill", "emoji-bridge", "emoji-knife", "emoji-gun", "bleach", "poison", "exhaust", "drown", "drowning",
    ]

    // MARK: - Word classes

    static let classes: [String: Set<String>] = [
        "me": ["myself", "meself", "myslef", "mysef"],
        "i": ["i", "me"],
        "future": ["going", "gonna", "will", "ll", "plan", "planning", "planned", "decided", "ready", "tonight", "finally", "shall"],
        "die": ["die", "dead", "dying", "gone", "disappear", "vanish", "exist", "unalive", "end"],
        "act": [
            "kill", "killing", "end", "ending", "unalive", "unaliving", "off", "ctb", "kms", "suicide", "jump", "overdose", "hang", "shoot",
            "die",
        ],
        "want": ["want", "wanna", "wish", "wishing", "wanting", "wants", "need", "crave", "longing", "hope", "pray", "praying"],
        "cut": ["cut", "cutting", "burn", "burning", "hurt", "hurting", "harm", "harming", "sh", "scratch", "scratching", "hit", "punish"],
        "means": [
            "pills", "pill", "tablets", "meds", "medication", "rope", "noose", "gun", "pistol", "firearm", "rifle", "shotgun", "bullets",
            "blade", "blades", "razor", "razors", "knife", "knives", "bottle", "belt", "emoji-pill", "emoji-knife", "emoji-gun",
        ],
        "place": ["bridge", "roof", "ledge", "edge", "cliff", "tracks", "platform", "rooftop", "balcony", "emoji-bridge"],
        "when": [
            "tonight", "tomorrow", "today", "weekend", "friday", "saturday", "sunday", "monday", "tuesday", "wednesday", "thursday", "soon",
            "midnight", "morning", "hour", "hours", "week", "birthday",
        ],
        "other": [
            "friend", "bestie", "sister", "brother", "sis", "bro", "mom", "dad", "son", "daughter", "boyfriend", "girlfriend", "partner",
            "husband", "wife", "cousin", "roommate", "roomie", "classmate", "coworker", "kid", "child", "teen", "student", "mate",
            "nephew", "niece", "aunt", "uncle", "grandpa", "grandma", "fiance", "ex", "old",
        ],
        "they": ["she", "he", "they", "her", "him", "them", "herself", "himself", "themselves", "themself"],
        "themself": ["herself", "himself", "themselves", "themself"],
        "say": ["said", "says", "saying", "texted", "text", "texting", "messaged", "posted", "told", "tells", "telling", "called", "wrote"],
    ]

    // MARK: - Rules

    enum Kind {
        /// A risk statement about the writer.
        case risk
        case intent, plan, timeline, goodbye, act
        /// Someone else at risk now.
        case other
        /// The topic named (for the means check), whoever it is about.
        case topic
    }

    struct Rule {
        let source: String
        let kind: Kind
        let level: CrisisLevel
        let label: String
        /// The pattern holds its own negation ("do not want to live"): a "not" before it is not a
        /// second one.
        let selfNegated: Bool
        let checksPast: Bool
        let checksOthers: Bool
        let checksJoke: Bool
        /// A word on its own ("suicide", "sh", 🩸): enough for concern, not to make means urgent.
        var isWeak: Bool { ["names suicide", "coded emoji for self-harm", "self-harm (sh)"].contains(label) }
        /// Goodbyes and acts count in quotes too: "she texted 'thanks for everything'".
        var checksQuotes: Bool { ![.goodbye, .act, .other].contains(kind) }

        init(
            _ source: String, _ kind: Kind, _ level: CrisisLevel, _ label: String, selfNegated: Bool = false, past: Bool = true,
            others: Bool = true, joke: Bool = true
        ) {
            self.source = source
            self.kind = kind
            self.level = level
            self.label = label
            self.selfNegated = selfNegated
            // Intent, plans, timelines, goodbyes and acts look forward or are happening now.
            self.checksPast = past && (kind == .risk || kind == .other)
            self.checksOthers = others
            // "i want to die lol" is still said; a joke only takes back a plan or a date.
            self.checksJoke = joke && [.intent, .plan, .timeline].contains(kind)
        }
    }

    struct Compiled: Sendable {
        let vocabulary: WordPattern.Vocabulary
        let rules: [Rule]
        /// `rules`' patterns, in the same order.
        let patterns: WordPatternSet
        let methodQuestions: [WordPattern]
        let education: [WordPattern]

        init() {
            let sources = CrisisLanguage.rules.map(\.source) + CrisisLanguage.methodQuestionSources + CrisisLanguage.educationSources
            let vocabulary = WordPattern.Vocabulary(sources: sources + [CrisisLanguage.meansWords.joined(separator: "|")], classes: classes)
            self.vocabulary = vocabulary
            rules = CrisisLanguage.rules
            patterns = WordPatternSet(rules.map { WordPattern($0.source, classes: classes, vocabulary: vocabulary) }, vocabulary: vocabulary)
            methodQuestions = CrisisLanguage.methodQuestionSources.map { WordPattern($0, classes: classes, vocabulary: vocabulary) }
            education = CrisisLanguage.educationSources.map { WordPattern($0, classes: classes, vocabulary: vocabulary) }
        }
    }

    static let compiled = Compiled()

    static let methodQuestionSources = [
        "painless|easiest|quickest|fastest|best|surest|easy|quick|peaceful|quiet|painful ~1 way|ways|method|methods ~2 to? ~1 die|kill|end|suicide|unalive|go",
        "how ~3 kill|unalive|end @me|my",
        "how many|much ~3 @means|tylenol|paracetamol ~4 die|kill|overdose|od|lethal|fatal|enough|take|takes",
        "bridge|building|roof|cliff ~4 to ~1 jump",
        "how ~2 to? die|overdose|hang",
        "what|which ~3 @means|dose ~3 lethal|fatal|kill",
        "lethal|fatal ~1 dose|amount|overdose",
    ]

    /// Each pattern's parts are single words (`a|b` is one word of either); a phrase is written as
    /// its words in order.
    static let rules: [Rule] = [
        // A wish to be dead.
        Rule("@want ~2 to? die|dead|disappear|vanish|unalive|gone", .risk, .concern, "a wish to be dead"),
        Rule("@want ~2 to? sleep|rest ~1 forever", .risk, .concern, "a wish to be dead"),
        Rule("@want ~2 to? not|never ~1 exist|wake|be", .risk, .concern, "a wish not to exist"),
        Rule("@want ~2 to? stop ~1 existing|living|breathing", .risk, .concern, "a wish not to exist"),
        Rule("@want ~3 it ~2 end|over|stop", .risk, .concern, "a wish for it all to end"),
        Rule("@want ~2 to? end ~1 it|everything|life", .risk, .concern, "a wish to be dead"),
        Rule("@want ~2 to? kill|unalive ~1 @me", .risk, .concern, "a wish to be dead"),
        Rule("@want ~2 to? be ~1 gone|dead", .risk, .concern, "a wish to be dead"),
        Rule("wish ~3 i ~2 was|were|would|had|never ~2 dead|born|wake|here|exist|gone|disappear", .risk, .concern, "a wish to be dead"),
        Rule("do|does not ~1 want ~3 alive|live|living|exist|existing|wake", .risk, .concern, "does not want to live", selfNegated: true),
        Rule("do|does not ~1 want ~2 be ~2 here|alive|anymore|around", .risk, .concern, "does not want to live", selfNegated: true),
        Rule("do|does not ~1 want ~3 go|keep ~1 on|going", .risk, .concern, "does not want to go on", selfNegated: true),
        Rule("rather ~2 be ~1 dead", .risk, .concern, "a wish to be dead"),
        Rule("disappear|disappearing|vanish ~1 forever", .risk, .concern, "a wish to be dead"),
        Rule("sleep|sleeping ~1 forever", .risk, .concern, "a wish to be dead"),

        // Suicidal thoughts, in plain and coded words.
        Rule("suicidal|suicdal|suicidial|sucidal|suicidality|ideation", .risk, .concern, "suicidal thoughts"),
        Rule(
            "thinking|think|thought|thoughts ~3 about|of ~2 suicide|dying|ending|death|killing|unaliving|kms|ctb|jumping", .risk, .concern,
            "thoughts of suicide"),
        Rule("kms|kmss|ctb|sewerslide|self-unalive", .risk, .concern, "coded words for suicide"),
        Rule("unalive|unaliving ~1 @me", .risk, .concern, "coded words for suicide"),
        Rule("kill|killing|end|ending|unalive|unaliving|off|hang|hanging|shoot|drown|poison ~1 @me", .risk, .concern, "speaks of killing themself"),
        Rule("end|ending|take|taking ~1 my|own ~1 life", .risk, .concern, "speaks of ending their life"),
        Rule("suicide|suicde|sucide|su1cide|suic1de|s*icide|su*cide|sui*ide", .risk, .concern, "names suicide"),
        Rule("final exit", .risk, .concern, "coded words for suicide"),
        Rule("log|logging ~1 off ~2 permanently|forever|good", .risk, .concern, "coded words for suicide"),
        Rule("emoji-coffin|emoji-headstone", .risk, .concern, "coded emoji for death"),

        // Hopelessness.
        Rule(
            "no|nothing|zero ~2 point|reason|purpose ~4 living|live|life|alive|going|anymore|existing|trying|here|anything|continue|stay", .risk, .concern,
            "says there is no point in living", selfNegated: true),
        Rule("what is ~1 the ~1 point ~3 living|life|alive|anything|trying|anymore|existing|here", .risk, .concern, "says there is no point in living"),
        Rule("better off ~3 without|dead|gone", .risk, .concern, "says others would be better off"),
        Rule("better off ~2 if|when ~1 i", .risk, .concern, "says others would be better off"),
        Rule("i am ~3 a|such|just ~1 burden", .risk, .concern, "calls themself a burden"),
        Rule("burden ~2 to|on ~1 everyone|everybody|my|them|you", .risk, .concern, "calls themself a burden"),
        Rule("can not ~2 do|go|keep|take|cope|handle|live|deal|carry ~3 anymore", .risk, .concern, "cannot go on", selfNegated: true),
        Rule("can not ~1 go ~1 on", .risk, .concern, "cannot go on", selfNegated: true),
        Rule("tired|sick|exhausted ~1 of ~2 living|life|alive|existing|fighting|trying", .risk, .concern, "tired of living"),
        Rule("life|living ~2 not ~2 worth", .risk, .concern, "says life is not worth living", selfNegated: true),
        Rule("not ~2 worth ~2 living|saving|anymore", .risk, .concern, "says life is not worth living", selfNegated: true),
        Rule("nothing ~3 ever ~2 get|gets|be ~1 better", .risk, .concern, "hopelessness", selfNegated: true),
        Rule("never ~2 get|gets|going ~2 better", .risk, .concern, "hopelessness", selfNegated: true),
        Rule("no way ~1 out|forward", .risk, .concern, "hopelessness", selfNegated: true),
        Rule("hopeless|hopelessness|worthless", .risk, .concern, "hopelessness"),
        Rule("give|giving|gave ~1 up ~2 on ~1 life|living|everything|myself", .risk, .concern, "giving up on life"),
        Rule("not ~2 be ~1 here|around ~3 longer|long|anymore|tomorrow|next", .risk, .concern, "says they will not be here", selfNegated: true),

        // Self-harm.
        Rule("self-harm|selfharm|self-harming|selfharming|self-injury", .risk, .concern, "self-harm"),
        Rule("self harm|harming|injury", .risk, .concern, "self-harm"),
        Rule("@cut ~1 @me", .risk, .concern, "self-harm"),
        Rule("urge|urges|urging|craving|cravings ~4 @cut|relapse|sh|blade|razor", .risk, .concern, "self-harm urges"),
        Rule("@want ~2 to? @cut", .risk, .concern, "self-harm urges"),
        Rule("relapse|relapsed|relapsing", .risk, .concern, "a self-harm relapse"),
        Rule("sh|cutting|cut ~3 again", .risk, .concern, "self-harm again"),

        // Intent and a plan: urgent with a risk statement in the text.
        Rule("@future ~3 to? @act ~1 @me|it|tonight|everything|all", .intent, .concern, "intent"),
        Rule("going|will|ready ~2 to? do ~1 it", .intent, .concern, "intent"),
        Rule("am ~1 going ~1 to ~1 kill|unalive|end ~1 @me|it|my", .intent, .urgent, "intent to end their life"),
        Rule("i will ~2 kill|unalive|end ~1 @me|it|my", .intent, .urgent, "intent to end their life"),
        Rule("decided|ready ~4 end|ending|killing|die|kill|go", .intent, .concern, "a decision"),
        Rule("made up my mind", .intent, .concern, "a decision"),
        Rule("plan|plans|planned|planning ~4 how|when|where|it|to", .plan, .concern, "a plan"),
        Rule("worked|figured ~1 out ~3 how|when|where", .plan, .concern, "a plan"),
        Rule(
            "have|got|bought|saved|saving|stockpiled|stockpiling|collected|collecting|hoarded|hoarding|ordered|hidden|hid|keep ~4 @means", .plan, .concern,
            "means at hand"),
        Rule("@means ~4 ready|saved|hidden|counted|lined|waiting", .plan, .concern, "means at hand"),
        Rule("wrote|written|writing|write|left ~3 note|notes|letter|letters|goodbye", .goodbye, .concern, "a goodbye note"),
        Rule("picked|chose|chosen|set|found ~3 date|day|place|spot|time", .plan, .concern, "a date or place chosen"),

        // A timeline.
        Rule("@when ~4 @future", .timeline, .concern, "a timeline"),
        Rule("@when is? ~1 the ~1 night|day", .timeline, .concern, "a timeline"),
        Rule("by|before|after|on ~4 @when ~5 gone|dead|over|end|it", .timeline, .concern, "a timeline"),
        Rule("not ~1 be ~1 here|around ~3 @when|longer|next", .timeline, .concern, "says they will not be here", selfNegated: true),
        Rule("my ~1 last ~1 day|night|week", .timeline, .concern, "a timeline"),
        Rule("final ~1 day|night", .timeline, .concern, "a timeline"),

        // A goodbye.
        Rule("this|will ~2 be? ~1 my ~1 last|final ~1 post|message|video|text|words|goodbye|tiktok", .goodbye, .urgent, "a last message"),
        Rule("goodbye|bye|farewell ~2 everyone|everybody|all|world|guys|forever|you|friends", .goodbye, .concern, "a goodbye"),
        Rule("gave|giving|give ~2 away ~3 my|stuff|things|everything", .goodbye, .concern, "giving things away"),
        Rule("take care of ~2 my ~1 cat|dog|kids|babies|pets|plants|mom|sister|brother", .goodbye, .concern, "a goodbye"),
        Rule("sorry ~3 for ~2 everything|this|all", .goodbye, .concern, "a goodbye"),
        Rule("made ~2 my ~1 peace", .goodbye, .concern, "a goodbye"),
        Rule("love you all", .goodbye, .concern, "a goodbye"),
        Rule("thank|thanks ~1 you? ~1 for ~1 everything", .goodbye, .concern, "a goodbye"),

        // An act under way.
        Rule("took|taken|swallowed|downed|take ~4 @means|all|them|everything|bottle|whole", .act, .concern, "an act under way"),
        Rule("i|am ~2 on|at|standing|sitting ~2 the|a ~1 @place", .act, .concern, "at a height or on the tracks"),
        Rule("already ~2 did|done|started|took|cut", .act, .concern, "an act under way"),
        Rule("bleeding|blood ~3 not ~1 stop|stopping", .act, .urgent, "an act under way", selfNegated: true),
        Rule("@means ~3 in ~1 my? ~1 hand|hands", .act, .urgent, "means in hand"),

        // Someone else at risk now.
        Rule(
            "@other ~8 @say|is|wants|going|threatening|threatened|talking ~6 kill|killing|unalive|unaliving|end|ending|hurt|hurting|off ~1 @themself|@they",
            .other, .urgent,
            "someone they describe is at risk"),
        Rule("@other ~8 suicidal|suicide|kms|overdose|overdosed", .other, .concern, "someone they describe is at risk"),
        Rule("@other ~6 @say ~4 goodbye|bye", .other, .urgent, "someone they describe said goodbye"),
        Rule("@other ~6 took|swallowed|overdosed ~4 @means|bunch|all|whole", .other, .urgent, "someone they describe took an overdose"),
        Rule("@other ~6 on|at ~2 the|a ~1 @place", .other, .concern, "someone they describe is at a height"),

        // More plans, intents and acts, from the training split's misses.
        Rule("@future ~2 to? kms|ctb|unalive|sewerslide", .intent, .urgent, "intent to end their life"),
        Rule("do ~1 it ~1 this ~1 time", .intent, .urgent, "intent to end their life"),
        Rule("@act|ending ~1 it ~3 @when|after|once|when", .intent, .concern, "intent"),
        Rule("following ~1 through", .intent, .concern, "intent"),
        Rule("know ~2 how ~3 know ~2 where|when", .plan, .concern, "a plan"),
        Rule("all ~1 worked ~1 out", .plan, .concern, "a plan"),
        Rule("not ~2 be ~1 needing|need ~1 them|it|this|anything", .goodbye, .concern, "a goodbye", selfNegated: true),
        Rule("updated|wrote|made ~2 my|the ~1 will", .goodbye, .concern, "affairs put in order"),
        Rule("emoji-bridge|emoji-pill|emoji-knife|emoji-gun ~3 now|rn|tonight|here", .act, .urgent, "means or a height, now"),
        Rule(
            "i|am ~2 on|at|standing|sitting|by|up ~2 the|a ~1 railing|river|overpass|garage|rooftop|bridge|roof|ledge|edge|tracks", .act, .concern,
            "at a height or on the tracks"),
        Rule("did ~1 it ~4 ago|already|minutes|hour", .act, .concern, "an act under way"),
        Rule("not ~2 going ~1 back ~1 home", .act, .concern, "an act under way", selfNegated: true),
        Rule("not ~2 wait ~1 up", .goodbye, .concern, "a goodbye", selfNegated: true),
        Rule("account ~3 not ~1 be ~1 updated", .goodbye, .concern, "a last message", selfNegated: true),
        Rule("going|goes|go ~1 nowhere", .risk, .concern, "hopelessness"),
        Rule("nothing ~2 ahead|left ~2 of|for ~1 me", .risk, .concern, "hopelessness"),
        Rule("no ~1 light ~4 tunnel", .risk, .concern, "hopelessness"),
        Rule("no|lost ~2 hope|future", .risk, .concern, "hopelessness", selfNegated: true),

        Rule("emoji-blood", .risk, .concern, "coded emoji for self-harm"),
        Rule("sh", .risk, .concern, "self-harm (sh)"),
        Rule("streak|clean ~4 broke|broken|broken|ended|reset|0|zero", .risk, .concern, "a self-harm relapse"),
        Rule("nobody|no-one|noone ~3 notice|care|miss ~3 if|when ~1 i", .risk, .concern, "hopelessness"),
        Rule("not ~1 exist|existed", .risk, .concern, "a wish not to exist", selfNegated: true),
        Rule("peaceful|relief ~4 be|being ~1 dead|gone", .risk, .concern, "a wish to be dead"),
        Rule("never ~2 going ~2 to ~1 change", .risk, .concern, "hopelessness", selfNegated: true),

        Rule("thx|ty|thanku ~2 for ~1 everything", .goodbye, .concern, "a goodbye"),
        Rule("final|last ~1 post|message|goodbye", .goodbye, .concern, "a last message"),
        Rule("suicide ~1 note|letter|letters", .goodbye, .urgent, "a goodbye note"),
        Rule("game ~1 end|over", .risk, .concern, "coded words for suicide"),
        Rule("no ~1 respawn", .risk, .concern, "coded words for suicide"),
        Rule("took|swallowed|downed|taken ~3 all|whole|bottle|everything|many|entire|overdose", .act, .urgent, "an overdose taken"),
        Rule("took|swallowed|taken ~6 minutes|ago|hour", .act, .urgent, "an act under way"),
        Rule("took ~2 pills|tablets ~4 what|now|help", .act, .urgent, "an act under way"),
        Rule("not ~1 stopping ~2 this ~1 time", .intent, .urgent, "intent"),
        Rule("intend|intending ~2 to ~1 end|kill|die", .intent, .urgent, "intent to end their life"),
        Rule("on ~1 schedule|track", .timeline, .concern, "a timeline"),
        Rule("@other ~6 wants|wanting|going|ready ~2 to ~1 die|kill|end", .other, .concern, "someone they describe is at risk"),
        Rule("@other ~8 has|have|got ~2 a ~1 plan", .other, .urgent, "someone they describe has a plan"),
        Rule("ready ~2 to ~1 commit|die|go", .intent, .concern, "intent"),
        Rule("about ~1 to ~1 @act", .intent, .concern, "intent"),

        Rule("@other ~8 not ~1 want ~3 live|alive|here|exist", .other, .concern, "someone they describe is at risk", selfNegated: true),
        Rule("@other ~8 @say|is ~6 killing|ending|doing ~3 tonight|now|today|rn", .other, .urgent, "someone they describe is at risk now"),
        Rule("cut ~2 too ~1 deep", .act, .urgent, "an act under way"),
        Rule("am ~1 ending ~1 it", .intent, .urgent, "intent to end their life"),
        Rule("not ~1 come|coming ~1 back", .risk, .concern, "says they will not come back", selfNegated: true),
        Rule("see ~1 you ~1 never", .goodbye, .urgent, "a goodbye"),
        Rule("last ~1 day|week|night|days ~2 on ~1 earth|alive", .timeline, .urgent, "a last day"),
        Rule("last ~1 night|day ~1 alive", .timeline, .urgent, "a last day"),
        Rule("notes|note|letters|letter ~1 written|done|finished", .goodbye, .concern, "a goodbye note"),
        Rule("date|day|spot|place ~1 set|picked|chosen", .plan, .concern, "a date or place chosen"),
        Rule("where ~1 how", .plan, .concern, "a plan"),
        Rule("mapped|planned|worked ~1 out", .plan, .concern, "a plan"),
        Rule("waiting ~2 for ~3 house|everyone|parents ~3 empty|asleep|leave|gone|out", .plan, .concern, "a plan"),
        Rule("not ~1 trust ~1 myself", .risk, .concern, "does not trust themself to be safe", selfNegated: true),
        Rule("look ~1 after ~3 for ~1 me", .goodbye, .concern, "a goodbye"),
        Rule("am ~1 so? ~1 sorry", .goodbye, .concern, "an apology"),
        Rule("after|when|once ~2 i ~1 am ~1 gone", .goodbye, .urgent, "a goodbye"),
        Rule("giving ~1 it ~1 till|until", .timeline, .concern, "a timeline"),
        Rule("last ~1 one ~2 posting|post", .goodbye, .concern, "a last message"),

        Rule("urge|urges|urging", .risk, .concern, "urges"),
        Rule("wish ~6 die|dead|last", .risk, .concern, "a wish to be dead"),
        Rule("hope|wish|pray ~4 hits|kills|takes ~1 me", .risk, .concern, "a wish to be dead"),
        Rule("nothing ~2 left ~3 live|living|look", .risk, .concern, "hopelessness"),
        Rule("what ~4 still ~1 here ~1 for", .risk, .concern, "hopelessness"),
        Rule("ruin|ruining ~1 everything|everyone", .risk, .concern, "hopelessness"),
        Rule("better off ~2 never", .risk, .concern, "says others would be better off"),
        Rule("weight|burden ~3 carry|around", .risk, .concern, "calls themself a burden"),
        Rule("burden", .risk, .concern, "calls themself a burden"),
        Rule("never|not ~2 getting|get|gets ~1 better", .risk, .concern, "hopelessness", selfNegated: true),
        Rule("life ~2 ever ~2 get|gets|be ~1 better", .risk, .concern, "hopelessness"),
        Rule("stopped ~1 hoping", .risk, .concern, "hopelessness", selfNegated: true),
        Rule("nothing ~3 going ~2 to ~1 change", .risk, .concern, "hopelessness", selfNegated: true),
        Rule("log|logging ~1 off ~2 from ~1 life", .risk, .concern, "coded words for suicide"),
        Rule("clean ~3 day|days|months|weeks|streak", .risk, .concern, "counting days clean from self-harm"),
        Rule("day|days ~2 clean", .risk, .concern, "counting days clean from self-harm"),
        Rule("itchy|itching ~1 wrists|arms|thighs", .risk, .concern, "coded words for self-harm urges"),
        Rule("zebra|emoji-zebra|emoji-bandage", .risk, .concern, "coded words for self-harm"),
        Rule("did ~1 it ~1 again", .risk, .concern, "self-harm again"),

        Rule("in ~1 progress", .act, .concern, "an act under way"),
        Rule("gave|given ~3 my ~1 cat|dog|pets|stuff|things ~2 to", .goodbye, .concern, "giving things away"),
        Rule("swallowed ~3 @means|pills|them", .act, .urgent, "an act under way"),
        Rule("can not ~2 feel ~2 my", .act, .concern, "an act under way", selfNegated: true),

        // The topic, whoever it is about (for the means check).
        Rule("suicide|suicidal|self-harm|selfharm|overdose|overdosing|kms|ctb|unalive|unaliving|sewerslide", .topic, .none, "the topic"),
    ]

    /// The matched words as the reasons show them.
    static func quote(_ words: ArraySlice<String>) -> String {
        DiagnosisFraming.quote(words)
    }
}
