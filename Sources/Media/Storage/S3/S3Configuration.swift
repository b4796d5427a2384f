import Foundation

/// Where an S3-compatible bucket is and how to sign for it.
public struct S3Configuration: Sendable, Equatable, CustomStringConvertible {
    /// The service's base URL, for example `http://127.0.0.1:9000` or `https://s3.eu-west-1.amazonaws.com`.
    public var endpoint: URL
    public var bucket: String
    public var region: String
    public var accessKeyID: String
    public var secretAccessKey: String
    /// A temporary session token (STS), when the keys are temporary.
    public var sessionToken: String?
    /// `endpoint/bucket/key` when true (what local S3-compatible servers expect); otherwise
    /// `bucket.endpoint-host/key`.
    public var usesPathStyle: Bool

    public init(
        endpoint: URL, bucket: String, region: String = "us-east-1", accessKeyID: String, secretAccessKey: String,
        sessionToken: String? = nil, usesPathStyle: Bool = true
    ) {
        self.endpoint = endpoint
        self.bucket = bucket
        self.region = region
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.usesPathStyle = usesPathStyle
    }

    var credentials: SignatureV4.Credentials {
        SignatureV4.Credentials(accessKeyID: accessKeyID, secretAccessKey: secretAccessKey, sessionToken: sessionToken)
    }

    /// Never shows the secret or the token: configurations end up in logs.
    public var description: String {
        "S3Configuration(endpoint: \(endpoint.absoluteString), bucket: \(bucket), region: \(region), "
            + "accessKeyID: \(accessKeyID), pathStyle: \(usesPathStyle))"
    }
}
