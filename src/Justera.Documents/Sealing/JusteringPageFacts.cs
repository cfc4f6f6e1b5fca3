namespace Justera.Documents.Sealing;

/// <summary>Everything the justering page, its attachment pages and the seal state about a justered protocol version.</summary>
/// <param name="AdministrationName">The administration that seals, e.g. "Exempelby stadsdelsförvaltning".</param>
/// <param name="MeetingDate">The förvaltningsgrupp meeting the protocol records.</param>
/// <param name="ProtocolVersion">The protocol version that was justered.</param>
/// <param name="SecretaryName">Who took the minutes ("Vid anteckningarna").</param>
/// <param name="Rows">One row per justerare, in the order they are printed.</param>
/// <param name="DocumentId">The sealed document's id, printed at the foot and looked up on the verification page.</param>
/// <param name="OriginalSha256">The SHA-256 of the approved original (lower-case hex), which the sealed file begins with.</param>
/// <param name="OriginalLength">The approved original's length in bytes.</param>
/// <param name="VerificationUrl">Where anyone can check the seal.</param>
/// <param name="SealedAt">The sealing time: printed, and the signature's /M.</param>
public sealed record JusteringPageFacts(
    string AdministrationName,
    DateOnly MeetingDate,
    int ProtocolVersion,
    string SecretaryName,
    IReadOnlyList<JusteringRow> Rows,
    string DocumentId,
    string OriginalSha256,
    long OriginalLength,
    Uri VerificationUrl,
    DateTimeOffset SealedAt);

/// <summary>One justerare's answer, as printed on the justering page and in full on its attachment page.</summary>
/// <param name="Name">The justerare's name.</param>
/// <param name="Organisation">Whom the justerare represents, e.g. "Kommunal".</param>
/// <param name="AnswerText">The answer as one line, e.g. "Inget att erinra" or "Justerat med oenighet under § 4: …".</param>
/// <param name="AnsweredAt">When the answer was recorded.</param>
/// <param name="AttachmentNumber">The "bilaga" number of the answer's attachment page.</param>
/// <param name="Channel">How the answer came in, e.g. "Personlig länk i e-post".</param>
/// <param name="CommentText">The full comment, printed on the attachment page; null when there was none.</param>
/// <param name="ProtocolVersion">The protocol version the justerare answered.</param>
/// <param name="ProtocolSha256">The SHA-256 of that version's file (lower-case hex).</param>
public sealed record JusteringRow(
    string Name,
    string Organisation,
    string AnswerText,
    DateTimeOffset AnsweredAt,
    int AttachmentNumber,
    string Channel,
    string? CommentText,
    int ProtocolVersion,
    string ProtocolSha256);
