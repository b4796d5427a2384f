import Foundation

/// What the diagnosis-framing classifier found: whether the text needs the "not a diagnosis"
/// context, a score from 0 to 1, and the phrases and rules behind it, in words a moderator reads.
public struct DiagnosisFramingResult: Sendable, Equatable, Codable {
    public var flagged: Bool
    public var score: Double
    public var reasons: [String]

    public init(flagged: Bool, score: Double, reasons: [String]) {
        self.flagged = flagged
        self.score = score
        self.reasons = reasons
    }
}

/// Finds text that frames common experiences as a diagnosis: "signs you have ADHD", "if you do
/// this you're autistic", checklists to count ("comment how many you have"), "you might
/// have…", "POV: you realise you have…", everyday traits relabelled as a condition, a partner
/// diagnosed from a list, self-tests. Leaves alone education, real diagnosis stories, coping
/// skills, research and debunking: a framing phrase that is negated ("this does not mean you
/// have ADHD") or talked about ("those 'signs you have ADHD' videos") does not count, and words
/// of assessment, research and debunking lower the score.
///
/// Rules, not a trained model: each framing pattern adds evidence, each context cue takes some
/// away, and the score is the logistic of the sum. The rules were written and weighed on the
/// training split of `Resources/Classifiers/diagnosis-framing/`; the test split, written by
/// others, is for reporting only.
public enum DiagnosisFraming {
    public static let threshold = 0.5
    static let bias = -1.6

    /// A video's caption, transcript and hashtags, read together.
    public static func classify(caption: String, transcript: String?, hashtags: [String]) -> DiagnosisFramingResult {
        classify([caption, transcript ?? ""].joined(separator: "\n"), hashtags: hashtags)
    }

    public static func classify(_ text: String, hashtags: [String] = []) -> DiagnosisFramingResult {
        classify(ClassifierText(text, hashtags: hashtags))
    }

    /// Text already read (`mindreel classify` reads each line once for every classifier).
    public static func classify(_ read: ClassifierText) -> DiagnosisFramingResult {
        let words = read.words
        let engine = compiled
        let ids = engine.vocabulary.ids(of: words)
        let boundary = engine.vocabulary.boundary
        var evidence: [(weight: Double, reason: String)] = []
        var lowering: [(weight: Double, reason: String)] = []

        var counted: [(label: String, range: Range<Int>)] = []
        for match in engine.framingPatterns.matches(in: words, ids: ids, boundary: boundary) {
            let rule = engine.framing[match.pattern]
            let range = match.range
            if follows(rule.unlessAfter, range, in: words) { continue }
            // The same kind of evidence over the same words counts once (the strongest:
            // the rules are sorted by weight).
            if counted.contains(where: { $0.label == rule.label && $0.range.overlaps(range) }) { continue }
            counted.append((rule.label, range))
            let phrase = quote(words[range])
            if let why = notSaid(range, in: read, evenQuoted: rule.countsQuoted) {
                lowering.append((-0.5, "\(why): “\(phrase)”"))
                continue
            }
            evidence.append((rule.weight, "\(rule.label): “\(phrase)”"))
        }
        if let list = secondPersonList(words) { evidence.append((1.5, list)) }
        for tag in read.hashtags {
            if framingHashtag(tag) { evidence.append((1.2, "hashtag framing a diagnosis: #\(tag)")) }
            if cautionHashtags.contains(where: { includes(tag, $0) }) { lowering.append((-1.2, "hashtag against self-diagnosis: #\(tag)")) }
        }
        // Each context cue counts once, at its first match.
        var cuesCounted = Set<Int>()
        for match in engine.contextPatterns.matches(in: words, ids: ids, boundary: boundary) where !cuesCounted.contains(match.pattern) {
            let cue = engine.context[match.pattern]
            guard !follows(cue.unlessAfter, match.range, in: words) else { continue }
            cuesCounted.insert(match.pattern)
            lowering.append((cue.weight, "\(cue.label): “\(quote(words[match.range]))”"))
        }

        // The strongest evidence counts fully, more of the same adds less: one clear "signs you
        // have X" is enough, ten weak hints are not ten times as sure.
        let positive = evidence.map(\.weight).sorted(by: >).enumerated().reduce(0.0) { total, item in
            total + item.element * (item.offset == 0 ? 1 : item.offset == 1 ? 0.5 : 0.25)
        }
        let negative = max(lowering.map(\.weight).reduce(0, +), -4)
        // Framing speaks to the viewer; the same words in the third person are more often
        // education ("signs of depression include…").
        let addressed = !evidence.isEmpty && words.filter { $0 == "you" || $0 == "your" || $0 == "yourself" }.count >= 2
        if addressed { evidence.append((0, "addressed to the viewer")) }
        let logit = bias + positive + negative + (addressed ? 0.5 : 0)
        let score = 1 / (1 + exp(-logit))
        let reasons = evidence.sorted { $0.weight > $1.weight }.map(\.reason) + lowering.sorted { $0.weight < $1.weight }.map { "lowered by " + $0.reason }
        return DiagnosisFramingResult(flagged: score >= threshold, score: (score * 1000).rounded() / 1000, reasons: Array(reasons.prefix(8)))
    }

    // MARK: - Word classes

    static let conditions: Set<String> = [
        "adhd", "add-adhd", "adhder", "adhders", "audhd", "autism", "autistic", "autistics", "autisim", "autistc", "autisitc", "asd",
        "aspergers", "asperger", "aspie", "neurodivergent", "neurodiverse", "nd", "neurospicy", "neurodivergence", "anxiety", "anxious",
        "gad", "depression", "depressed", "depresion", "depressive", "dysthymia", "bpd", "borderline", "bipolar", "bipolor", "bipoler",
        "biploar", "bi-polar", "manic", "mania", "hypomanic", "hypomania", "cyclothymia", "ocd", "ocpd", "ptsd", "cptsd", "c-ptsd",
        "trauma", "traumatised", "traumatized", "narcissist", "narcissists", "narcissistic", "narcissism", "narc", "narcs", "narcisist",
        "narcissit", "npd", "sociopath", "sociopaths", "sociopathic", "sociopathy", "psychopath", "psychopaths", "psychopathic",
        "dyslexia", "dyslexic", "dyslexics", "dyspraxia", "dyspraxic", "dyscalculia", "pmdd", "arfid", "insomnia", "hypersomnia",
        "narcolepsy", "hsp", "empath", "empaths", "anorexia", "anorexic", "bulimia", "bulimic", "binge", "eating-disorder", "schizoid",
        "schizophrenia", "schizophrenic", "dissociative-identity", "dissociative", "dissociation", "osdd", "dpdr", "depersonalisation",
        "depersonalization", "derealisation", "derealization", "hoarding", "hoarder", "tourettes", "tourette", "tics", "spd", "sensory",
        "misophonia", "avoidant", "codependent", "codependency", "attachment", "abandonment", "dysfunction", "dysregulation",
        "hypervigilance", "daydreaming", "daydreamer", "daydreamers", "maladaptive", "disorder", "syndrome", "spectrum", "agoraphobia",
        "selective", "mutism", "apd", "rsd", "dysphoria", "burnout", "neurotypical", "aphantasia", "alexithymia", "people-pleaser",
        "fawning", "fawn", "masking", "affective",
    ]
    static let classes: [String: Set<String>] = [
        "cond": conditions,
        "you": ["you", "ur", "yourself"],
        "your": ["your", "ur"],
        "other": [
            "partner", "boyfriend", "girlfriend", "ex", "husband", "wife", "hubby", "mom", "dad", "father", "parent", "parents", "boss",
            "friend", "bestie", "sibling", "sister", "brother", "coworker", "colleague", "man", "guy", "woman", "crush", "spouse", "date",
            "family", "child", "kid", "son", "daughter", "roommate", "manager", "situationship", "teen", "teenager", "mil", "grandma",
            "grandpa", "toddler", "bf", "gf", "fiance", "girl", "boy", "therapist", "teacher", "cousin", "mate", "da", "maw", "nan", "aunt",
            "uncle", "flatmate", "housemate", "roomie", "lecturer",
        ],
        // "ur" is "you are" too (the tokeniser writes it as "you ur").
        "be": ["are", "is", "be", "am", "being", "were", "was", "ur"],
        "have": ["have", "has", "got", "having"],
        "hedge": [
            "probably", "might", "may", "could", "likely", "definitely", "totally", "secretly", "actually", "maybe", "must", "literally",
            "really", "clearly", "100", "lowkey", "highkey", "possibly", "undiagnosed", "unknowingly", "just", "also", "deffo", "surely",
            "prolly", "honestly", "kinda", "basically", "textbook", "classic",
        ],
        "signs": [
            "signs", "sign", "symptoms", "symptom", "flags", "traits", "trait", "habits", "behaviours", "behaviors", "clues",
            "indicators", "tells", "hints", "giveaways", "markers", "quirks",
        ],
        "realise": [
            "realise", "realised", "realising", "find", "found", "finding", "discover", "discovered", "learn", "learned", "learnt", "notice",
            "noticed", "figured", "figure", "understand", "understood", "know", "knew", "see",
        ],
        "num": [
            "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "20", "three", "four", "five", "six", "seven",
            "eight", "nine", "ten", "twelve", "fifteen", "twenty", "few", "some", "these", "top",
        ],
        "trait": [
            "lazy", "shy", "rude", "weird", "picky", "clumsy", "dramatic", "quirky", "stupid", "broken", "crazy", "flaky", "messy",
            "sensitive", "awkward", "introverted", "introvert", "forgetful", "difficult", "chaotic", "moody", "scatterbrained", "ditzy",
            "unmotivated", "bad", "careless", "overreacting", "extra", "clingy", "needy", "annoying", "slow", "dumb", "odd", "quiet",
            "personality", "quirk", "quirks", "habit", "just", "normal", "unorganised", "disorganised", "disorganized", "unorganized",
        ],
        "professional": [
            "doctor", "doctors", "gp", "professional", "professionals", "therapist", "psychiatrist", "psychologist", "clinician",
            "counsellor", "counselor", "provider", "specialist", "nurse", "physician", "assessment", "evaluation", "clinic",
        ],
    ]

    /// Words after which "you have X" addresses people who have X rather than diagnosing them.
    static let addressingThoseWhoHaveIt: Set<String> = [
        "if", "when", "whether", "people", "those", "someone", "anyone", "kids", "adults", "many", "for", "while", "once", "because", "since",
        "even", "unless", "whenever", "until", "after", "before", "though", "although",
    ]

    /// Words after which "they have X" reports someone's belief rather than a diagnosis.
    static let believing: Set<String> = [
        "convinced", "think", "thinks", "believe", "believes", "assume", "assumes", "decided", "worried", "worry", "wonder", "wondering", "fear",
        "claim", "claims", "say", "says", "told",
    ]

    // MARK: - Rules

    /// A rule as written: its pattern's source, how much it weighs, what it is called.
    struct Rule {
        let source: String
        let weight: Double
        let label: String
        /// A match right after one of these words (within three, in its sentence) does not
        /// count: "if you have ADHD, try…" speaks to people who have it, it does not tell
        /// anyone they do.
        let unlessAfter: Set<String>
        /// Counts even in quotes: a game's title ("let's play 'tell me you're autistic without
        /// telling me'") is still the game.
        let countsQuoted: Bool

        init(_ source: String, _ weight: Double, _ label: String, unlessAfter: Set<String> = [], countsQuoted: Bool = false) {
            self.source = source
            self.weight = weight
            self.label = label
            self.unlessAfter = unlessAfter
            self.countsQuoted = countsQuoted
        }
    }

    /// The rules compiled once, against one vocabulary.
    struct Compiled: Sendable {
        let vocabulary: WordPattern.Vocabulary
        let framing: [Rule]
        let context: [Rule]
        /// `framing`'s and `context`'s patterns, in the same order.
        let framingPatterns: WordPatternSet
        let contextPatterns: WordPatternSet

        init() {
            let vocabulary = WordPattern.Vocabulary(sources: (framingRules + contextRules).map(\.source), classes: classes)
            self.vocabulary = vocabulary
            // Strongest first: where two rules of one kind cover the same words, the stronger counts.
            framing = framingRules.enumerated().sorted { ($0.element.weight, -$0.offset) > ($1.element.weight, -$1.offset) }.map(\.element)
            context = contextRules
            let compile = { (rule: Rule) in WordPattern(rule.source, classes: classes, vocabulary: vocabulary) }
            framingPatterns = WordPatternSet(framing.map(compile), vocabulary: vocabulary)
            contextPatterns = WordPatternSet(context.map(compile), vocabulary: vocabulary)
        }
    }

    static let compiled = Compiled()

    static let framingRules: [Rule] = [
        // Signs lists: "7 signs you have ADHD", "signs that you may be autistic"
        Rule("@signs ~1 that? @you @hedge? @hedge? @have|@be|be ~3 @cond", 3, "signs framed as the viewer's diagnosis"),
        Rule(
            "@signs ~1 of|for|that @hedge? undiagnosed|hidden|high-functioning|secret|masked|unrecognised|unrecognized|untreated ~1 @cond", 3,
            "signs of an undiagnosed condition"),
        Rule("undiagnosed|hidden|masked|secret|unrecognised|unrecognized|untreated|covert ~1 @cond @signs", 3, "signs of an undiagnosed condition"),
        Rule("@cond @signs ~3 nobody|no|not|never ~2 talks|talk|tells|told|mentions|mention|knows|know|warns", 2.5, "symptoms 'nobody talks about'"),
        Rule(
            "hidden|subtle|sneaky|overlooked|surprising|weird|early|little-known|lesser-known|unexpected|secret|unusual|missed ~2 @signs ~3 of|for? ~2 @cond",
            2.5, "signs of an undiagnosed condition"),
        Rule("@signs ~3 of ~3 @cond ~4 nobody|no|missed|mistaken|overlooked|ignored|misread|miss", 2.5, "signs of an undiagnosed condition"),
        Rule("@signs ~3 of|for ~2 @cond", 1.5, "a list of signs of a condition"),
        Rule("@cond @signs", 1.5, "a list of signs of a condition"),
        // Someone else diagnosed from a list or from traits
        Rule("@signs ~2 @your @other @hedge? @be|@have|be ~2 a? ~1 @cond", 3, "diagnosing someone from a list"),
        Rule("@signs|things|stuff ~2 of? a|an|your|ur? @cond @other", 2.5, "diagnosing someone from a list"),
        Rule("@your @other ~2 @hedge @hedge? @be|@have|be ~1 a? ~1 @cond", 2.5, "diagnosing someone from traits"),
        Rule("@your @other ~3 @have|@be|is|has ~1 a|an? ~1 @cond", 2.5, "diagnosing someone from traits"),
        Rule("is|are @your @other ~1 a|an? @cond", 2.5, "diagnosing someone from traits"),
        Rule(
            "how to ~1 tell|know|spot|recognise|recognize if|whether ~2 @your|@you ~3 @other? ~2 @have|@be|is ~2 a? ~1 @cond", 3,
            "diagnosing someone from traits"),
        Rule("how to spot|recognise|recognize|identify|tell ~2 a|an|the? ~1 @cond", 2.5, "diagnosing someone from traits"),
        Rule("does|do|is ~2 he|she|they|your|ur ~2 have|has|got ~1 a|an? @cond", 2, "diagnosing someone from traits"),
        Rule("he|she|they @hedge? @hedge? @have|@be|has|had ~2 a|an? ~1 @cond", 2, "diagnosing someone from traits", unlessAfter: believing),
        Rule(
            "@other|mate|man|bro|guy|sis ~2 @be|got|has ~1 so|soo|sooo|clearly|100|definitely|totally|obviously|textbook|literally|raging|such|probably|lowkey|def ~2 @cond",
            2, "diagnosing someone from traits", unlessAfter: believing),
        Rule("@other ~1 @be a|an ~1 @cond", 1.8, "diagnosing someone from traits", unlessAfter: believing),
        Rule("dating|date|dated|loving|love ~2 a|someone|somebody|anyone ~1 with? @cond", 2, "diagnosing someone from traits"),
        Rule(
            "@cond mother|mom|dad|father|parent|parents|ex|boss|partner|boyfriend|girlfriend|husband|wife|friend|coworker", 1.2,
            "diagnosing someone from traits"),
        // Traits presented as a condition's
        Rule(
            "things|stuff|habits ~1 only? people|ppl|girls|boys|women|men|folks|kids|adults|someone|partners ~1 with @cond ~1 do|say|does|says|hate|love", 2,
            "traits presented as a condition's"),
        Rule(
            "things|stuff|habits only? @cond people|ppl|girls|boys|women|men|kids|adults|partners ~1 do|say|does|says", 2,
            "traits presented as a condition's"),
        Rule("things|phrases|words|stuff ~1 @cond say|do|text|use", 2, "traits presented as a condition's"),
        Rule("what @cond ~2 people|women|men|girls|guys|partners|exes? do|say|does|says|text|texts", 2, "traits presented as a condition's"),
        Rule("only people|ppl ~1 with? @cond ~2 will|would|can understand|get|relate", 2, "traits presented as a condition's"),
        Rule("@cond behaviour|behavior|behaviours|behaviors|thing|things|traits|trait|energy|moment|core", 1.5, "traits presented as a condition's"),
        Rule("@cond starter pack", 2.5, "traits presented as a condition's"),
        // If-then: "if you do this you're autistic"
        Rule("if @you ~9 @you @hedge? @hedge? @have|@be|be ~2 a? ~1 @cond", 3, "if-then diagnosis"),
        Rule("if @you ~9 this|that|it @hedge? @hedge? mean*|be|is|could|might ~3 @cond", 3, "if-then diagnosis"),
        Rule("if @you ~20 that|thats|it|this|which @be ~1 actually|just|literally|probably|a|an? ~2 @cond", 2.5, "if-then diagnosis"),
        Rule("if @you ~20 @you @hedge? @hedge? @have|@be|be ~3 @cond", 2.5, "if-then diagnosis"),
        Rule("if @you ~12 equals ~1 @cond", 2.5, "if-then diagnosis"),
        Rule("if @you ~15 @cond|neurodivergent", 1, "if-then diagnosis"),
        Rule("mean|means|meaning ~1 @you @hedge? @have|@be|be ~2 a? ~1 @cond", 2.5, "experiences said to mean a diagnosis"),
        // "You might have…", and telling the viewer outright
        Rule("@you @hedge @hedge? @have|@be|be ~1 a? ~1 @cond", 2.5, "'you might have…'"),
        Rule("@you @be|be ~1 on the spectrum", 2.5, "'you might have…'"),
        Rule("@you @hedge? @hedge? @have|@be|be ~3 @cond if", 3, "'you might have… if'"),
        Rule("@hedge ~1 @cond if ~2 @you", 2.5, "'you might have… if'"),
        Rule("@you are|is|am|have|has|got|was ~1 a|an|the? ~2 @cond", 2, "telling the viewer they have a condition", unlessAfter: addressingThoseWhoHaveIt),
        Rule("@you @be ~2 a|an? highly sensitive", 2.5, "telling the viewer they have a condition"),
        Rule("@you @hedge? @have|got it|this", 1.2, "telling the viewer they have a condition", unlessAfter: addressingThoseWhoHaveIt),
        // Everyday traits relabelled as a condition
        Rule(
            "this|that|it|these|those @hedge? @hedge? mean*|be|is|are ~1 a|an? ~1 sign|signs|symptom|symptoms|red ~1 of? @cond", 2.5,
            "an experience relabelled as a symptom"),
        Rule("@you|it|this|that|they @be|is not|never ~4 @trait ~6 @cond|symptom*|response|responses", 3, "an everyday trait relabelled as a condition"),
        Rule(
            "not|never ~1 a|an|your? ~1 personality|character ~1 trait|quirk|flaw ~5 @cond|symptom*|response|responses", 3,
            "an everyday trait relabelled as a condition"),
        Rule("not|never a|an|your? personality|character trait|quirk|flaw|thing", 1.2, "an everyday trait relabelled as a condition"),
        Rule("that|this|it|which @be ~1 a? trauma response*", 2.5, "an everyday trait relabelled as a condition"),
        Rule("@your ~3 @be|is actually|really|literally ~1 a? ~1 @cond|symptom|symptoms|sign|trauma", 2.5, "an everyday trait relabelled as a condition"),
        Rule("@your ~5 @be|is ~1 actually|really|literally|just|probably ~3 @cond", 2.5, "an everyday trait relabelled as a condition"),
        Rule("@your ~5 @be ~2 a|an? sign|symptom|signs|symptoms ~1 of ~2 @cond", 2.5, "an everyday trait relabelled as a symptom"),
        Rule("@your ~5 @be ~1 a|an? ~1 @cond", 2, "an everyday trait relabelled as a condition"),
        Rule(
            "not|never ~8 it|that|which @be ~1 actually|just|literally|called? ~2 @cond|masking|fawning|dysphoria|dissociation", 2.5,
            "an everyday trait relabelled as a condition"),
        Rule(
            "that|thats|this @be ~1 @cond not|and not ~2 @trait|personality|clumsiness|shyness|laziness|moodiness", 2.5,
            "an everyday trait relabelled as a condition"),
        Rule(
            "@cond ~1 disorder? and|rather not|than ~2 a|an|your|just? ~1 personality|character|quirk|phase|flaw", 2.5,
            "an everyday trait relabelled as a condition"),
        Rule("a|an @cond thing|trait|symptom|response", 1.5, "an everyday trait relabelled as a condition"),
        Rule(
            "that|thats|it|this|which @be a|an|the|just|actually|literally|textbook|classic|called|probably|basically|pure? a|an? @cond", 2,
            "an experience named as a condition", unlessAfter: ["if", "whether", "not", "when"]),
        Rule("has|have a name|label", 1.5, "an experience named as a condition"),
        // Checklists to count, and scores that give a verdict
        Rule("comment|drop|tell|share|reply|write ~2 how many", 2.5, "a checklist to count yourself against"),
        Rule("comment|drop|share|write ~2 your|ur number|score|count|letter|result", 2.5, "a checklist to count yourself against"),
        Rule(
            "how many ~4 @you ~2 relate|have|do|check|tick|hit|got|get|score|experience|relating|identify|related|ticked|checked", 2.5,
            "a checklist to count yourself against"),
        Rule("how much|many ~4 @you ~2 have|relate|do|got|get|check|tick", 2.5, "a checklist to count yourself against"),
        Rule("how many ~2 @signs|of|these|do", 1.2, "a checklist to count yourself against"),
        Rule("out of @num|10", 1.2, "a checklist to count yourself against"),
        Rule("number|score|count|answer ~2 in? ~1 the? comment|comments", 2, "a checklist to count yourself against"),
        Rule("count|tick ~3 the|ones|all|each|how", 1.5, "a checklist to count yourself against"),
        Rule("rate|score ~1 yourself|urself|each", 1.5, "a checklist to count yourself against"),
        Rule("finger down", 2, "a checklist to count yourself against"),
        Rule("bingo|checklist|scorecard", 1, "a checklist to count yourself against"),
        Rule("@num|all @num? equals ~4 @you|@cond|get|checked|diagnosed|neurodivergent|neurotypical", 2.5, "a score that gives a diagnosis"),
        Rule("equals ~2 @cond", 2, "a score that gives a diagnosis"),
        // POV and realisations
        Rule("pov ~3 @you ~2 @realise ~4 @you|@your ~2 @have|@be|is|are ~3 @cond|symptom*|trauma|neurodivergent", 3, "'POV: you realise you have…'"),
        Rule("pov ~12 @realise ~12 @cond|symptom|symptoms|disorder|trauma", 3, "'POV: you realise you have…'"),
        Rule("pov ~20 @cond|symptom|symptoms|disorder|trauma|masking|neurodivergent|undiagnosed", 2.5, "'POV: you realise you have…'"),
        Rule("when @you @realise ~4 @your|@you ~3 @have|@be|is|are ~2 actually? ~1 @cond|symptom*|sign*|trauma", 2.5, "'when you realise it was a symptom'"),
        Rule("@realise|learn|learning|finding ~14 was|is|were|are|had|have|has|ur ~3 @cond", 2, "'when you realise it was a symptom'"),
        Rule("@realise|realising|learn|learning|finding|figuring ~10 i|my ~4 @be|have|has|was|is ~3 @cond", 1.8, "'when you realise it was a symptom'"),
        Rule("tell me @you @have|@be|be ~2 @cond ~6 without telling me", 2.5, "'tell me you have… without telling me'", countsQuoted: true),
        // Self-tests
        Rule("take|try|do ~2 this|the|my|our|a ~1 test|quiz|checklist|screener ~5 if|whether|see|out ~2 @you|@your", 2.5, "a self-test for a condition"),
        Rule("@cond ~1 test|quiz|checklist|check|screening|screener", 2, "a self-test for a condition"),
        Rule("answer|answered|say|said|relate yes ~4 @num|any|most|all|these|three|two ~8 @you", 2.5, "a self-test for a condition"),
        Rule("if @you said|answered|got|scored|checked|ticked ~1 yes|@num|most|all|more ~8 @you|@cond", 2.5, "a self-test for a condition"),
        Rule("test|quiz|questions ~6 tells|tell|find|see|know|shows ~2 if|whether @you", 2.5, "a self-test for a condition"),
        Rule("link|test|quiz in ~1 bio", 1, "a self-test for a condition"),
        // Relating, in the words people use
        Rule("sound|sounds|feel|feels|seem|seems familiar|relatable", 1.5, "'sound familiar?'"),
        Rule("sound|sounds|seem|seems like @you|yourself", 1.5, "'sound familiar?'"),
        Rule("so|literally|this|that|its|is me", 1, "'so me'"),
        Rule("if @you relate|related|relating|recognise|recognize|nodded|nod", 1.5, "'if you relate…'"),
        Rule("if @you see yourself", 1.5, "'if you relate…'"),
        Rule("@you know who @you are", 1, "'you know who you are'"),
        Rule("@you @be one of us", 1.5, "'if you relate…'"),
        Rule("@you already know", 1.5, "'if you relate, you already know'"),
        Rule("could|might|may|can be|mean @you", 1.5, "'could be you'"),
        Rule("is|if this|that @be? @you", 1.5, "'could be you'"),
        Rule("welcome to the club|tok", 1.5, "'if you relate…'"),
        Rule("seeing|see @you|yourself|urself ~1 here|in this|in these", 1.5, "'if you relate…'"),
        Rule("algorithm|fyp|fyp's|for you page ~8 diagnosed|knows|know|trying to tell", 2, "'the algorithm knows'"),
        Rule("this|that @be ~2 your|ur sign ~2 to get checked|tested|assessed|diagnosed", 2.5, "'this is your sign to get checked'"),
        Rule("undiagnosed ~2 @cond", 2, "speaking to the undiagnosed"),
        Rule("undiagnosed ~2 but|and know|knows|knowing", 2, "speaking to the undiagnosed"),
    ]

    // MARK: - Context that lowers the score

    static let contextRules: [Rule] = [
        Rule("not|never ~1 a|an diagnosis|diagnostic|diagnosing", -1, "says it is not a diagnosis"),
        Rule("not|never|no ~3 diagnose|diagnosis|tell", -1.2, "says it cannot diagnose"),
        Rule("not|never|no ~2 mean|means ~1 @you ~1 @hedge? @have|@be|be", -2, "says relating does not mean having it"),
        Rule("talk|speak|see|ask|reach|consult|book|visit ~3 a|an|your|to ~1 @professional", -1, "points to a professional"),
        Rule("only ~4 @professional ~5 diagnos*|assess*|tell|know|say|decide|confirm", -2, "says only a professional can assess"),
        Rule("proper|full|formal|professional|clinical|comprehensive ~1 assessment|evaluation|diagnosis|interview", -1, "speaks of a real assessment"),
        Rule("misleading|misinformation|myth|myths|debunk*|barnum|horoscope*|forer|clickbait", -1.5, "debunking words"),
        Rule("everyone|everybody|most ~1 people? ~1 does|do|forgets|forget|gets|get|loses|lose|has|have|feel|feels", -1, "says this is common to all"),
        Rule("we all ~1 do|forget|get|lose|have|feel|zone", -0.8, "says this is common to all"),
        Rule("normal|common|universal|human ~1 experience|experiences|thing|things|behaviour|behavior", -1, "says this is common to all"),
        Rule("stop ~3 self-diagnos*|diagnos*|labelling|labeling", -2, "argues against self-diagnosis"),
        Rule("these|those|the|such|that ~2 videos|tiktoks|trends|trend|lists|posts|content|reels", -1.5, "talks about such videos"),
        Rule(
            "study|studies|research|researchers|researched|published|journal|meta-analysis|survey|trial|percent|dataset|sample|analysed|analyzed",
            -1.5, "research words"),
        Rule("i|i've|ive|was|got|been|finally|officially ~2 diagnosed", -1.5, "a personal diagnosis story", unlessAfter: ["never", "not", "no"]),
        Rule("my|our ~1 diagnosis|assessment|psychiatrist|psychologist|evaluation", -1.2, "a personal diagnosis story"),
        Rule("got|getting|get|finally|after ~3 @your|my|an|the|a|ur ~2 @cond? ~1 assessment|diagnosis|dx|evaluation|diagnosed", -2, "a real diagnosis"),
        Rule("@professional|neurologist|paediatrician|pediatrician confirmed|diagnosed|assessed", -2, "a real diagnosis"),
        Rule("@cond @be not|never ~2 a? ~1 character|moral|weakness|choice|failing|flaw|excuse|laziness|trend|fad", -1.5, "speaks against stigma"),
        Rule("try|practise|practice|breathe|breathing|grounding|exercise|routine|technique|skill|tip|tips", -0.5, "a coping skill"),
    ]

    static let cautionHashtags = ["notadiagnosis", "mythbust", "debunk", "misinformation", "mentalhealthliteracy", "medialiteracy"]

    static let framingTagWords = ["signs", "symptoms", "test", "quiz", "undiagnosed", "checklist", "traits", "redflags", "check"]

    static func framingHashtag(_ tag: String) -> Bool {
        guard framingTagWords.contains(where: { includes(tag, $0) }) else { return false }
        return ["adhd", "autis", "bpd", "bipolar", "ocd", "ptsd", "narc", "anxiety", "depress", "neurodiverg", "dyslex", "trauma"].contains {
            includes(tag, $0)
        }
    }

    // MARK: - Helpers

    /// Whether one of `words` comes within three words before `range`, in its sentence.
    static func follows(_ set: Set<String>, _ range: Range<Int>, in words: [String]) -> Bool {
        guard !set.isEmpty else { return false }
        return words[max(range.lowerBound - 3, 0)..<range.lowerBound].reversed().prefix(while: { $0 != ClassifierText.boundary }).contains(where: set.contains)
    }

    /// Why a matched phrase is not the speaker's own framing, or nil: it is negated ("this does
    /// not mean you have…"), quoted, or named as the kind of video being talked about.
    static func notSaid(_ range: Range<Int>, in text: ClassifierText, evenQuoted: Bool = false) -> String? {
        let words = text.words
        if !evenQuoted && text.tokens[range].allSatisfy(\.quoted) { return "quoted, not said" }
        func sentence(before count: Int) -> [String] {
            Array(words[max(range.lowerBound - count, 0)..<range.lowerBound].reversed().prefix { $0 != ClassifierText.boundary })
        }
        // "not A, he's B" relabels: only a negation right before the phrase, or one before a
        // verb of saying ("I'm not telling you your partner is…"), takes it back.
        if let before = sentence(before: 1).first, negations.contains(before) { return "negated" }
        let saying = sentence(before: 5)
        for index in saying.indices.dropLast() where sayingVerbs.contains(saying[index]) && negations.contains(saying[index + 1]) {
            return "negated"
        }
        if sentence(before: 8).contains(where: mentionWords.contains) { return "talked about, not said" }
        let after = words[range.upperBound..<min(range.upperBound + 3, words.count)].prefix { $0 != ClassifierText.boundary }
        if after.contains(where: { ["videos", "tiktoks", "posts", "trend", "trends", "content", "lists", "reels", "accounts"].contains($0) }) {
            return "talked about, not said"
        }
        return nil
    }

    static let sayingVerbs: Set<String> = ["telling", "saying", "say", "mean", "means", "think", "diagnosing", "claiming", "tell", "implying"]
    static let negations: Set<String> = ["not", "never", "no", "nobody", "none", "nothing", "neither", "nor", "without"]
    static let mentionWords: Set<String> = [
        "videos", "tiktoks", "posts", "saying", "says", "claim", "claims", "claiming", "titled", "captioned", "trend", "reels", "creators",
        "influencers", "reacting", "reacts", "react", "stitching", "debunking",
    ]

    /// Three or more sentences that start by addressing the viewer ("you forget…", "you can't
    /// sit still…") in a text that names a condition: a checklist in prose.
    static func secondPersonList(_ words: [String]) -> String? {
        guard words.contains(where: { conditions.contains($0) }) else { return nil }
        let sentences = words.split(separator: ClassifierText.boundary)
        let addressed = sentences.filter { $0.prefix(2).contains { $0 == "you" || $0 == "ur" || $0 == "your" } }.count
        return addressed >= 3 ? "\(addressed) sentences addressed to the viewer, about a condition: a checklist in prose" : nil
    }

    /// Whether `part` occurs in `text`, byte for byte (Foundation's `contains` goes through
    /// NSString on Linux, many times slower, and this runs for every hashtag).
    static func includes(_ text: String, _ part: String) -> Bool {
        let haystack = Array(text.utf8)
        let needle = Array(part.utf8)
        guard let first = needle.first, needle.count <= haystack.count else { return needle.isEmpty }
        for start in 0...(haystack.count - needle.count) where haystack[start] == first {
            if haystack[start..<start + needle.count].elementsEqual(needle) { return true }
        }
        return false
    }

    /// The matched words as the reasons show them ("ur", which the tokeniser reads as "you
    /// ur", shown once).
    static func quote(_ words: ArraySlice<String>) -> String {
        var shown: [String] = []
        for (index, word) in zip(words.indices, words) where word != ClassifierText.boundary {
            if word == "you", index + 1 < words.endIndex, words[index + 1] == "ur" { continue }
            shown.append(word)
        }
        return shown.joined(separator: " ")
    }
}
