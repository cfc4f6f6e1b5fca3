using Justera.Core.ReportCycles;
using static Justera.Core.Tests.ReportCycles.ExampleCycle;

namespace Justera.Core.Tests.ReportCycles;

/// <summary>Norr's stream at its usual steps: opened with link "norr-req", drafts, klarmarkerad with "maria-1", sent back with "norr-back".</summary>
internal static class UnitHistory
{
    public static DateTimeOffset OpenedAt { get; } = At("2026-05-04T10:01");
    public static DateTimeOffset DraftAt { get; } = At("2026-05-06T13:00");
    public static DateTimeOffset ReadyAt { get; } = At("2026-05-12T15:00");
    public static DateTimeOffset ReviewedAt { get; } = At("2026-05-13T10:00");

    public static LinkCredential Manager { get; } = Credential(UnitLink(Norr, "norr-req"));
    public static LinkCredential Head { get; } = Credential(DepartmentLink(Preschool, "maria-1"));

    public static UnitOpened Opened { get; } = new(Id, Norr, "hash-norr-req", OpenedAt);

    public static UnitReportEvent[] Drafted(params UnitInput[] drafts) =>
        [Opened, .. drafts.Select((d, i) => new DraftSaved(i + 1, d, DraftAt.AddHours(i)))];

    public static UnitReportEvent[] MarkedReady() =>
        [Opened, new DraftSaved(1, CompleteInput(), ReadyAt), new UnitMarkedReady(1, "hash-maria-1", ReadyAt)];

    public static UnitReportEvent[] SentBack() =>
        [.. MarkedReady(), new UnitSentBack(1, "Analysen av trygghet behöver utvecklas.", "Maria Lund", "hash-norr-back", ReviewedAt)];

    public static UnitReportEvent[] Approved() => [.. MarkedReady(), new UnitApproved(1, "Maria Lund", ReviewedAt)];
}
