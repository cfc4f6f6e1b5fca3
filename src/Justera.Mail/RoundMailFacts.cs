namespace Justera.Mail;

/// <summary>The facts about a justering round that its e-mails mention; plain data, so templates stay pure.</summary>
/// <param name="AdministrationName">The district administration, e.g. "Skärholmens stadsdelsförvaltning".</param>
/// <param name="MeetingDate">The date of the förvaltningsgrupp meeting the protocol is from.</param>
/// <param name="Deadline">The last moment to answer.</param>
/// <param name="JusteringDate">The justeringsdag: the day the protocol is to be justerat, never before the deadline's date.</param>
/// <param name="SecretaryName">The secretary, who runs the round and answers questions about it.</param>
/// <param name="SecretaryEmail">The secretary's e-mail address.</param>
/// <param name="ProtocolVersion">The protocol version the round currently asks about, from 1.</param>
public sealed record RoundMailFacts(
    string AdministrationName,
    DateOnly MeetingDate,
    DateTimeOffset Deadline,
    DateOnly JusteringDate,
    string SecretaryName,
    string SecretaryEmail,
    int ProtocolVersion);
