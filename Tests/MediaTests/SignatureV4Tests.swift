import Foundation
import Testing

@testable import Media

/// Signature V4 against the values AWS publishes, never against this code's own output.
///
/// Sources:
/// - AWS's Signature Version 4 test suite (`aws-sig-v4-test-suite`, linked from the AWS General
///   Reference page "Signature Version 4 test suite"): for each case its `.creq` (canonical
///   request), `.sts` (string to sign) and `.authz` (Authorization header). Credentials
///   AKIDEXAMPLE / wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY, region us-east-1, service
///   `service`, 20150830T123600Z. `get-vanilla-with-session-token` is from the suite's later
///   edition in awslabs/aws-c-auth (`tests/aws-signing-test-suite/v4`), which publishes its
///   signed request.
/// - The worked examples of the Amazon S3 API Reference page "Examples: Signature Calculations
///   for Authorization Header: Transferring Payload in a Single Chunk" (sig-v4-header-based-auth):
///   AKIAIOSFODNN7EXAMPLE / wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY, examplebucket,
///   20130524T000000Z.
/// - The signing-key example of the AWS General Reference page "Examples of how to derive a
///   signing key for Signature Version 4".
///
/// The suite's path-normalisation cases (get-relative, get-slashes...) are left out on
/// purpose: S3 does not normalise paths, and neither does this signer.
@Suite("Signature V4")
struct SignatureV4Tests {
    struct Vector: Sendable, CustomTestStringConvertible {
        var name: String
        var request: SignatureV4.Request
        var canonicalRequest: String
        var stringToSign: String
        var authorization: String
        var testDescription: String { name }
    }

    static let empty = SignatureV4.emptyPayloadSHA256
    static let host = ("Host", "example.amazonaws.com")
    static let suiteDate = Date(timeIntervalSince1970: 1_440_938_160)  // 2015-08-30T12:36:00Z
    static let suiteSigner = SignatureV4(
        credentials: .init(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
        region: "us-east-1", service: "service")
    static let unreserved = "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    /// The token of the suite's post-sts-token cases.
    static let stsToken =
        "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/"
        + "qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbq"
        + "BAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA=="

    /// A suite case whose only signed headers are host and x-amz-date, so that only the
    /// request line and the published hashes differ.
    static func plain(
        _ name: String, _ method: String, path: String = "/", query: [(name: String, value: String)] = [], canonicalPath: String = "/",
        canonicalQuery: String = "", stsHash: String, signature: String
    ) -> Vector {
        Vector(
            name: name,
            request: .init(method: method, path: path, query: query, headers: [host]),
            canonicalRequest: "\(method)\n\(canonicalPath)\n\(canonicalQuery)\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\n"
                + "host;x-amz-date\n\(empty)",
            stringToSign: "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n\(stsHash)",
            authorization: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
                + "SignedHeaders=host;x-amz-date, Signature=\(signature)")
    }

    static let suite: [Vector] = [
        plain(
            "get-vanilla", "GET", stsHash: "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63",
            signature: "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
        plain(
            "get-vanilla-empty-query-key", "GET", query: [("Param1", "value1")], canonicalQuery: "Param1=value1",
            stsHash: "1e24db194ed7d0eec2de28d7369675a243488e08526e8c1c73571282f7c517ab",
            signature: "a67d582fa61cc504c4bae71f336f98b97f1ea3c7a6bfe1b6e45aec72011b9aeb"),
        plain(
            "get-vanilla-query-order-key", "GET", query: [("Param1", "value2"), ("Param1", "Value1")],
            canonicalQuery: "Param1=Value1&Param1=value2", stsHash: "704b4cef673542d84cdff252633f065e8daeba5f168b77116f8b1bcaf3d38f89",
            signature: "eedbc4e291e521cf13422ffca22be7d2eb8146eecf653089df300a15b2382bd1"),
        plain(
            "get-vanilla-query-order-key-case", "GET", query: [("Param2", "value2"), ("Param1", "value1")],
            canonicalQuery: "Param1=value1&Param2=value2", stsHash: "816cd5b414d056048ba4f7c5386d6e0533120fb1fcfa93762cf0fc39e2cf19e0",
            signature: "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"),
        plain(
            "get-vanilla-query-order-value", "GET", query: [("Param1", "value2"), ("Param1", "value1")],
            canonicalQuery: "Param1=value1&Param1=value2", stsHash: "c968629d70850097a2d8781c9bf7edcb988b04cac14cca9be4acc3595f884606",
            signature: "5772eed61e12b33fae39ee5e7012498b51d56abc0abb7c60486157bd471c4694"),
        plain(
            "get-vanilla-query-unreserved", "GET", query: [(unreserved, unreserved)], canonicalQuery: "\(unreserved)=\(unreserved)",
            stsHash: "c30d4703d9f799439be92736156d47ccfb2d879ddf56f5befa6d1d6aab979177",
            signature: "9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197"),
        plain(
            "get-vanilla-utf8-query", "GET", query: [("\u{1234}", "bar")], canonicalQuery: "%E1%88%B4=bar",
            stsHash: "eb30c5bed55734080471a834cc727ae56beb50e5f39d1bff6d0d38cb192a7073",
            signature: "2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04"),
        plain(
            "get-unreserved", "GET", path: "/\(unreserved)", canonicalPath: "/\(unreserved)",
            stsHash: "6a968768eefaa713e2a6b16b589a8ea192661f098f37349f4e2c0082757446f9",
            signature: "07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f"),
        plain(
            "get-utf8", "GET", path: "/\u{1234}", canonicalPath: "/%E1%88%B4",
            stsHash: "2a0a97d02205e45ce2e994789806b19270cfbbb0921b278ccf58f5249ac42102",
            signature: "8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85"),
        plain(
            "get-space", "GET", path: "/example space/", canonicalPath: "/example%20space/",
            stsHash: "63ee75631ed7234ae61b5f736dfc7754cdccfedbff4b5128a915706ee9390d86",
            signature: "652487583200325589f1fba4c7e578f72c47cb61beeca81406b39ddec1366741"),
        plain(
            "post-vanilla", "POST", stsHash: "553f88c9e4d10fc9e109e2aeb65f030801b70c2f6468faca261d401ae622fc87",
            signature: "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"),
        plain(
            "post-vanilla-query", "POST", query: [("Param1", "value1")], canonicalQuery: "Param1=value1",
            stsHash: "9d659678c1756bb3113e2ce898845a0a79dbbc57b740555917687f1b3340fbbd",
            signature: "28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11"),
        Vector(
            name: "get-header-value-trim",
            request: .init(method: "GET", path: "/", headers: [host, ("My-Header1", " value1"), ("My-Header2", " \"a   b   c\"")]),
            canonicalRequest: "GET\n/\n\nhost:example.amazonaws.com\nmy-header1:value1\nmy-header2:\"a b c\"\nx-amz-date:20150830T123600Z\n\n"
                + "host;my-header1;my-header2;x-amz-date\n\(empty)",
            stringToSign: "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
                + "a726db9b0df21c14f559d0a978e563112acb1b9e05476f0a6a1c7d68f28605c7",
            authorization: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
                + "SignedHeaders=host;my-header1;my-header2;x-amz-date, Signature=acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736"),
        Vector(
            name: "get-header-key-duplicate",
            request: .init(
                method: "GET", path: "/", headers: [host, ("My-Header1", "value2"), ("My-Header1", "value2"), ("My-Header1", "value1")]),
            canonicalRequest: "GET\n/\n\nhost:example.amazonaws.com\nmy-header1:value2,value2,value1\nx-amz-date:20150830T123600Z\n\n"
                + "host;my-header1;x-amz-date\n\(empty)",
            stringToSign: "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
                + "dc7f04a3abfde8d472b0ab1a418b741b7c67174dad1551b4117b15527fbe966c",
            authorization: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
                + "SignedHeaders=host;my-header1;x-amz-date, Signature=c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea"),
        Vector(
            name: "get-header-value-order",
            request: .init(
                method: "GET", path: "/",
                headers: [host, ("My-Header1", "value4"), ("My-Header1", "value1"), ("My-Header1", "value3"), ("My-Header1", "value2")]),
            canonicalRequest: "GET\n/\n\nhost:example.amazonaws.com\nmy-header1:value4,value1,value3,value2\nx-amz-date:20150830T123600Z\n\n"
                + "host;my-header1;x-amz-date\n\(empty)",
            stringToSign: "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
                + "31ce73cd3f3d9f66977ad3dd957dc47af14df92fcd8509f59b349e9137c58b86",
            authorization: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
                + "SignedHeaders=host;my-header1;x-amz-date, Signature=08c7e5a9acfcfeb3ab6b2185e75ce8b1deb5e634ec47601a50643f830c755c01"),
        Vector(
            name: "post-header-key-sort",
            request: .init(method: "POST", path: "/", headers: [host, ("My-Header1", "value1")]),
            canonicalRequest: "POST\n/\n\nhost:example.amazonaws.com\nmy-header1:value1\nx-amz-date:20150830T123600Z\n\n"
                + "host;my-header1;x-amz-date\n\(empty)",
            stringToSign: "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
                + "9368318c2967cf6de74404b30c65a91e8f6253e0a8659d6d5319f1a812f87d65",
            authorization: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
                + "SignedHeaders=host;my-header1;x-amz-date, Signature=c5410059b04c1ee005303aed430f6e6645f61f4dc9e1461ec8f8916fdf18852c"),
        Vector(
            name: "post-header-value-case",
            request: .init(method: "POST", path: "/", headers: [host, ("My-Header1", "VALUE1")]),
            canonicalRequest: "POST\n/\n\nhost:example.amazonaws.com\nmy-header1:VALUE1\nx-amz-date:20150830T123600Z\n\n"
                + "host;my-header1;x-amz-date\n\(empty)",
            stringToSign: "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
                + "d51ced243e649e3de6ef63afbbdcbca03131a21a7103a1583706a64618606a93",
            authorization: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
                + "SignedHeaders=host;my-header1;x-amz-date, Signature=cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d"),
    ]

    @Test("the test suite's canonical request, string to sign and Authorization header", arguments: suite)
    func testSuite(_ vector: Vector) {
        let signed = Self.suiteSigner.sign(vector.request, at: Self.suiteDate)
        #expect(signed.canonicalRequest == vector.canonicalRequest)
        #expect(signed.stringToSign == vector.stringToSign)
        #expect(signed.authorization == vector.authorization)
    }

    /// The suite's `.creq` for this case lists `content-length`, while its `.sts` and `.authz`
    /// sign only content-type, host and x-amz-date (the SHA-256 of that `.creq` is not the hash
    /// in the `.sts`). Both published forms are checked: the signature over the headers the
    /// `.authz` names, and the canonical request of the headers the `.creq` names.
    @Test("post-x-www-form-urlencoded: a body's hash, signed as published")
    func formBody() {
        let body = Array("Param1=value1".utf8)
        let signed = Self.suiteSigner.sign(
            .init(method: "POST", path: "/", headers: [("Content-Type", "application/x-www-form-urlencoded"), Self.host], payload: .bytes(body)),
            at: Self.suiteDate)
        #expect(
            signed.stringToSign
                == "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
                + "42a5e5bb34198acb3e84da4f085bb7927f2bc277ca766e6d19c73c2154021281")
        #expect(
            signed.authorization
                == "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
                + "SignedHeaders=content-type;host;x-amz-date, Signature=ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a")

        let withLength = Self.suiteSigner.sign(
            .init(
                method: "POST", path: "/",
                headers: [("Content-Type", "application/x-www-form-urlencoded"), Self.host, ("Content-Length", "13")],
                payload: .bytes(body)),
            at: Self.suiteDate)
        #expect(
            withLength.canonicalRequest
                == "POST\n/\n\ncontent-length:13\ncontent-type:application/x-www-form-urlencoded\nhost:example.amazonaws.com\n"
                + "x-amz-date:20150830T123600Z\n\ncontent-length;content-type;host;x-amz-date\n"
                + "9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e")
    }

    @Test("post-sts-header-before: a session token is signed as x-amz-security-token")
    func sessionTokenPost() {
        var signer = Self.suiteSigner
        signer.credentials.sessionToken = Self.stsToken
        let signed = signer.sign(.init(method: "POST", path: "/", headers: [Self.host]), at: Self.suiteDate)
        #expect(
            signed.canonicalRequest
                == "POST\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\nx-amz-security-token:\(Self.stsToken)\n\n"
                + "host;x-amz-date;x-amz-security-token\n\(Self.empty)")
        #expect(
            signed.stringToSign
                == "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
                + "c237e1b440d4c63c32ca95b5b99481081cb7b13c7e40434868e71567c1a882f6")
        #expect(
            signed.authorization
                == "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
                + "SignedHeaders=host;x-amz-date;x-amz-security-token, Signature=85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead")
        #expect(signed.headers.contains { $0.name == "x-amz-security-token" && $0.value == Self.stsToken })
    }

    @Test("get-vanilla-with-session-token (aws-c-auth edition): the Authorization header")
    func sessionTokenGet() {
        var signer = Self.suiteSigner
        signer.credentials.sessionToken = "6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267"
        let signed = signer.sign(.init(method: "GET", path: "/", headers: [Self.host]), at: Self.suiteDate)
        #expect(
            signed.authorization
                == "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
                + "SignedHeaders=host;x-amz-date;x-amz-security-token, Signature=07ec1639c89043aa0e3e2de82b96708f198cceab042d4a97044c66dd9f74e7f8")
    }

    @Test("the signing key is the documented HMAC chain")
    func signingKey() {
        let signer = SignatureV4(
            credentials: .init(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
            region: "us-east-1", service: "iam")
        let key = signer.signingKey(day: "20120215").withUnsafeBytes { Array($0) }
        #expect(SignatureV4.hex(key) == "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d")
    }

    // MARK: - Amazon S3 worked examples

    static let s3Date = Date(timeIntervalSince1970: 1_369_353_600)  // 2013-05-24T00:00:00Z
    static let s3Signer = SignatureV4(
        credentials: .init(accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
        region: "us-east-1", service: "s3")
    static let s3Host = ("Host", "examplebucket.s3.amazonaws.com")

    static let s3Examples: [Vector] = [
        Vector(
            name: "GET Object (Range bytes=0-9)",
            request: .init(method: "GET", path: "/test.txt", headers: [s3Host, ("Range", "bytes=0-9")], addsContentSHA256Header: true),
            canonicalRequest: "GET\n/test.txt\n\nhost:examplebucket.s3.amazonaws.com\nrange:bytes=0-9\n"
                + "x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\nx-amz-date:20130524T000000Z\n\n"
                + "host;range;x-amz-content-sha256;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            stringToSign: "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n"
                + "7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972",
            authorization: "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"),
        Vector(
            name: "PUT Object",
            request: .init(
                method: "PUT", path: "/test$file.text",
                headers: [("Date", "Fri, 24 May 2013 00:00:00 GMT"), s3Host, ("x-amz-storage-class", "REDUCED_REDUNDANCY")],
                payload: .bytes(Array("Welcome to Amazon S3.".utf8)), addsContentSHA256Header: true),
            canonicalRequest: "PUT\n/test%24file.text\n\ndate:Fri, 24 May 2013 00:00:00 GMT\nhost:examplebucket.s3.amazonaws.com\n"
                + "x-amz-content-sha256:44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072\nx-amz-date:20130524T000000Z\n"
                + "x-amz-storage-class:REDUCED_REDUNDANCY\n\ndate;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class\n"
                + "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072",
            stringToSign: "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n"
                + "9e0e90d9c76de8fa5b200d8c849cd5b8dc7a3be3951ddb7f6a76b4158342019d",
            authorization: "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                + "SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class,"
                + "Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd"),
        Vector(
            name: "GET Bucket Lifecycle",
            request: .init(method: "GET", path: "/", query: [("lifecycle", "")], headers: [s3Host], addsContentSHA256Header: true),
            canonicalRequest: "GET\n/\nlifecycle=\nhost:examplebucket.s3.amazonaws.com\n"
                + "x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\nx-amz-date:20130524T000000Z\n\n"
                + "host;x-amz-content-sha256;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            stringToSign: "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n"
                + "9766c798316ff2757b517bc739a67f6213b4ab36dd5da2f94eaebf79c77395ca",
            authorization: "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                + "SignedHeaders=host;x-amz-content-sha256;x-amz-date,Signature=fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543"),
        Vector(
            name: "Get Bucket (List Objects)",
            request: .init(
                method: "GET", path: "/", query: [("prefix", "J"), ("max-keys", "2")], headers: [s3Host], addsContentSHA256Header: true),
            canonicalRequest: "GET\n/\nmax-keys=2&prefix=J\nhost:examplebucket.s3.amazonaws.com\n"
                + "x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\nx-amz-date:20130524T000000Z\n\n"
                + "host;x-amz-content-sha256;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            stringToSign: "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n"
                + "df57d21db20da04d7fa30298dd4488ba3a2b47ca3a489c74750e0f1e7df1b9b7",
            authorization: "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                + "SignedHeaders=host;x-amz-content-sha256;x-amz-date,Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7"),
    ]

    /// The S3 page writes the Authorization header without a space after its commas; AWS
    /// accepts both, and the signer writes the test suite's `, `, so spaces after commas are
    /// dropped before comparing.
    @Test("the Amazon S3 documentation's worked examples", arguments: s3Examples)
    func s3Example(_ vector: Vector) {
        let signed = Self.s3Signer.sign(vector.request, at: Self.s3Date)
        #expect(signed.canonicalRequest == vector.canonicalRequest)
        #expect(signed.stringToSign == vector.stringToSign)
        #expect(signed.authorization.replacingOccurrences(of: ", ", with: ",") == vector.authorization)
        let contentSHA256 = signed.headers.first { $0.name == "x-amz-content-sha256" }?.value
        #expect(contentSHA256 == vector.canonicalRequest.split(separator: "\n").last.map(String.init))
    }

    // MARK: - Details the vectors do not reach

    @Test("UNSIGNED-PAYLOAD is sent and signed in place of a hash")
    func unsignedPayload() {
        let signed = Self.s3Signer.sign(
            .init(method: "PUT", path: "/k", headers: [Self.s3Host], payload: .unsigned, addsContentSHA256Header: true), at: Self.s3Date)
        #expect(signed.canonicalRequest.hasSuffix("\nhost;x-amz-content-sha256;x-amz-date\nUNSIGNED-PAYLOAD"))
        #expect(signed.canonicalRequest.contains("\nx-amz-content-sha256:UNSIGNED-PAYLOAD\n"))
        #expect(signed.headers.contains { $0.name == "x-amz-content-sha256" && $0.value == "UNSIGNED-PAYLOAD" })
    }

    @Test("a caller's own x-amz-date is replaced, not signed twice")
    func ownedHeaders() {
        let signed = Self.suiteSigner.sign(
            .init(method: "GET", path: "/", headers: [Self.host, ("X-Amz-Date", "19990101T000000Z")]), at: Self.suiteDate)
        #expect(signed.authorization.hasSuffix("Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"))
        #expect(signed.headers.filter { $0.name.lowercased() == "x-amz-date" }.map(\.value) == ["20150830T123600Z"])
    }

    @Test("path segments keep their slashes; everything outside RFC 3986's unreserved set is encoded")
    func encoding() {
        #expect(SignatureV4.canonicalURI("/bucket/videos/a b+c/x=y") == "/bucket/videos/a%20b%2Bc/x%3Dy")
        #expect(SignatureV4.canonicalURI("") == "/")
        #expect(SignatureV4.canonicalQuery([("b", "a b"), ("a", "x/y"), ("a", "")]) == "a=&a=x%2Fy&b=a%20b")
    }
}
