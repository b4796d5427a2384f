import Foundation

/// Where a licence is issued or a practice serves: an ISO 3166-1 country code (`IE`) or, where
/// licences are issued below the country (states, provinces, the UK's nations), an ISO 3166-2
/// subdivision code (`US-CA`). Shown to people by name.
public enum Jurisdictions {
    /// "US-CA" → "California, United States"; "IE" → "Ireland"; nil for a code that is not one.
    public static func name(of code: String) -> String? {
        let parts = code.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard let first = parts.first, let country = countries[first] else { return nil }
        if parts.count == 1 { return country }
        guard let subdivision = subdivisions[code] else { return nil }
        return "\(subdivision), \(country)"
    }

    /// Upper-cases and trims; nil unless the result is a known code.
    public static func normalise(_ raw: String) -> String? {
        let code = raw.trimmingCharacters(in: .whitespaces).uppercased()
        return name(of: code) == nil ? nil : code
    }

    /// The codes a person may choose from, sorted by name (for forms).
    public static var all: [(code: String, name: String)] {
        (countries.keys.map { ($0, countries[$0]!) } + subdivisions.keys.map { ($0, name(of: $0)!) }).sorted { $0.1 < $1.1 }
    }

    static let countries: [String: String] = table(
        """
        AD Andorra|AE United Arab Emirates|AF Afghanistan|AG Antigua and Barbuda|AI Anguilla|AL Albania|AM Armenia|AO Angola|\
        AQ Antarctica|AR Argentina|AS American Samoa|AT Austria|AU Australia|AW Aruba|AX Åland Islands|AZ Azerbaijan|\
        BA Bosnia and Herzegovina|BB Barbados|BD Bangladesh|BE Belgium|BF Burkina Faso|BG Bulgaria|BH Bahrain|BI Burundi|BJ Benin|\
        BL Saint Barthélemy|BM Bermuda|BN Brunei|BO Bolivia|BQ Caribbean Netherlands|BR Brazil|BS Bahamas|BT Bhutan|BV Bouvet Island|\
        BW Botswana|BY Belarus|BZ Belize|CA Canada|CC Cocos (Keeling) Islands|CD Congo (Democratic Republic)|CF Central African Republic|\
        CG Congo|CH Switzerland|CI Côte d’Ivoire|CK Cook Islands|CL Chile|CM Cameroon|CN China|CO Colombia|CR Costa Rica|CU Cuba|\
        CV Cabo Verde|CW Curaçao|CX Christmas Island|CY Cyprus|CZ Czechia|DE Germany|DJ Djibouti|DK Denmark|DM Dominica|\
        DO Dominican Republic|DZ Algeria|EC Ecuador|EE Estonia|EG Egypt|EH Western Sahara|ER Eritrea|ES Spain|ET Ethiopia|FI Finland|\
        FJ Fiji|FK Falkland Islands|FM Micronesia|FO Faroe Islands|FR France|GA Gabon|GB United Kingdom|GD Grenada|GE Georgia|\
        GF French Guiana|GG Guernsey|GH Ghana|GI Gibraltar|GL Greenland|GM Gambia|GN Guinea|GP Guadeloupe|GQ Equatorial Guinea|\
        GR Greece|GS South Georgia and the South Sandwich Islands|GT Guatemala|GU Guam|GW Guinea-Bissau|GY Guyana|HK Hong Kong|\
        HM Heard Island and McDonald Islands|HN Honduras|HR Croatia|HT Haiti|HU Hungary|ID Indonesia|IE Ireland|IL Israel|IM Isle of Man|\
        IN India|IO British Indian Ocean Territory|IQ Iraq|IR Iran|IS Iceland|IT Italy|JE Jersey|JM Jamaica|JO Jordan|JP Japan|KE Kenya|\
        KG Kyrgyzstan|KH Cambodia|KI Kiribati|KM Comoros|KN Saint Kitts and Nevis|KP North Korea|KR South Korea|KW Kuwait|\
        KY Cayman Islands|KZ Kazakhstan|LA Laos|LB Lebanon|LC Saint Lucia|LI Liechtenstein|LK Sri Lanka|LR Liberia|LS Lesotho|\
        LT Lithuania|LU Luxembourg|LV Latvia|LY Libya|MA Morocco|MC Monaco|MD Moldova|ME Montenegro|MF Saint Martin|MG Madagascar|\
        MH Marshall Islands|MK North Macedonia|ML Mali|MM Myanmar|MN Mongolia|MO Macao|MP Northern Mariana Islands|MQ Martinique|\
        MR Mauritania|MS Montserrat|MT Malta|MU Mauritius|MV Maldives|MW Malawi|MX Mexico|MY Malaysia|MZ Mozambique|NA Namibia|\
        NC New Caledonia|NE Niger|NF Norfolk Island|NG Nigeria|NI Nicaragua|NL Netherlands|NO Norway|NP Nepal|NR Nauru|NU Niue|\
        NZ New Zealand|OM Oman|PA Panama|PE Peru|PF French Polynesia|PG Papua New Guinea|PH Philippines|PK Pakistan|PL Poland|\
        PM Saint Pierre and Miquelon|PN Pitcairn|PR Puerto Rico|PS Palestine|PT Portugal|PW Palau|PY Paraguay|QA Qatar|RE Réunion|\
        RO Romania|RS Serbia|RU Russia|RW Rwanda|SA Saudi Arabia|SB Solomon Islands|SC Seychelles|SD Sudan|SE Sweden|SG Singapore|\
        SH Saint Helena, Ascension and Tristan da Cunha|SI Slovenia|SJ Svalbard and Jan Mayen|SK Slovakia|SL Sierra Leone|SM San Marino|\
        SN Senegal|SO Somalia|SR Suriname|SS South Sudan|ST São Tomé and Príncipe|SV El Salvador|SX Sint Maarten|SY Syria|SZ Eswatini|\
        TC Turks and Caicos Islands|TD Chad|TF French Southern Territories|TG Togo|TH Thailand|TJ Tajikistan|TK Tokelau|TL Timor-Leste|\
        TM Turkmenistan|TN Tunisia|TO Tonga|TR Türkiye|TT Trinidad and Tobago|TV Tuvalu|TW Taiwan|TZ Tanzania|UA Ukraine|UG Uganda|\
        UM United States Minor Outlying Islands|US United States|UY Uruguay|UZ Uzbekistan|VA Holy See|VC Saint Vincent and the Grenadines|\
        VE Venezuela|VG British Virgin Islands|VI U.S. Virgin Islands|VN Vietnam|VU Vanuatu|WF Wallis and Futuna|WS Samoa|YE Yemen|\
        YT Mayotte|ZA South Africa|ZM Zambia|ZW Zimbabwe
        """)

    /// Subdivisions that issue licences: US states and DC, Canadian provinces and territories,
    /// Australian states and territories, the UK's four nations.
    static let subdivisions: [String: String] = table(
        """
        US-AL Alabama|US-AK Alaska|US-AZ Arizona|US-AR Arkansas|US-CA California|US-CO Colorado|US-CT Connecticut|US-DE Delaware|\
        US-DC District of Columbia|US-FL Florida|US-GA Georgia|US-HI Hawaii|US-ID Idaho|US-IL Illinois|US-IN Indiana|US-IA Iowa|\
        US-KS Kansas|US-KY Kentucky|US-LA Louisiana|US-ME Maine|US-MD Maryland|US-MA Massachusetts|US-MI Michigan|US-MN Minnesota|\
        US-MS Mississippi|US-MO Missouri|US-MT Montana|US-NE Nebraska|US-NV Nevada|US-NH New Hampshire|US-NJ New Jersey|\
        US-NM New Mexico|US-NY New York|US-NC North Carolina|US-ND North Dakota|US-OH Ohio|US-OK Oklahoma|US-OR Oregon|\
        US-PA Pennsylvania|US-RI Rhode Island|US-SC South Carolina|US-SD South Dakota|US-TN Tennessee|US-TX Texas|US-UT Utah|\
        US-VT Vermont|US-VA Virginia|US-WA Washington|US-WV West Virginia|US-WI Wisconsin|US-WY Wyoming|\
        CA-AB Alberta|CA-BC British Columbia|CA-MB Manitoba|CA-NB New Brunswick|CA-NL Newfoundland and Labrador|CA-NS Nova Scotia|\
        CA-NT Northwest Territories|CA-NU Nunavut|CA-ON Ontario|CA-PE Prince Edward Island|CA-QC Quebec|CA-SK Saskatchewan|CA-YT Yukon|\
        AU-ACT Australian Capital Territory|AU-NSW New South Wales|AU-NT Northern Territory|AU-QLD Queensland|AU-SA South Australia|\
        AU-TAS Tasmania|AU-VIC Victoria|AU-WA Western Australia|\
        GB-ENG England|GB-NIR Northern Ireland|GB-SCT Scotland|GB-WLS Wales
        """)

    private static func table(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for entry in text.split(separator: "|") {
            let trimmed = entry.trimmingCharacters(in: .whitespacesAndNewlines)
            guard let space = trimmed.firstIndex(of: " ") else { continue }
            result[String(trimmed[..<space])] = String(trimmed[trimmed.index(after: space)...])
        }
        return result
    }
}
