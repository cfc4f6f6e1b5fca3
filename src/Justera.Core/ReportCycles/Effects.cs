using System.Text.Json.Serialization;

namespace Justera.Core.ReportCycles;

/// <summary>What a unit manager's e-mail about one unit says.</summary>
public enum UnitManagerMail
{
    /// <summary>The cycle started: please report for the unit, by the deadline, through this link.</summary>
    Request,

    /// <summary>The department head approved the unit's report.</summary>
    Approved,

    /// <summary>The department head sent the report back with a comment; a new link to the form.</summary>
    SentBack,
}

/// <summary>What the secretary is told.</summary>
public enum CycleNotice
{
    DeadlinePassed,
    Closed,
    DeliveryFailed,
    CompilationFailed,
}

/// <summary>Something a decision causes outside its stream; stored in the outbox with the events, carried out afterwards.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(MailUnitManager), "MailUnitManager")]
[JsonDerivedType(typeof(MailDepartmentHead), "MailDepartmentHead")]
[JsonDerivedType(typeof(MailReminder), "MailReminder")]
[JsonDerivedType(typeof(NotifyCycleSecretary), "NotifyCycleSecretary")]
[JsonDerivedType(typeof(CompileReport), "CompileReport")]
public abstract record ReportCycleEffect;

/// <summary>An e-mail to a unit's manager; <paramref name="Token"/> is the raw link to the unit's form, <paramref name="Note"/> the department head's comment.</summary>
public sealed record MailUnitManager(UnitManagerMail Mail, Person To, string UnitId, string UnitName, DateOnly Deadline, string? Token, string? Note)
    : ReportCycleEffect;

/// <summary>"Klarmarkerad": the department head is asked to approve or send back the unit's report, through a department link.</summary>
public sealed record MailDepartmentHead(Person To, string Department, string UnitId, string UnitName, string Token) : ReportCycleEffect;

/// <summary>One unit in a reminder digest, with a fresh link to its form.</summary>
public sealed record ReminderLine(string UnitId, string UnitName, UnitReminderKind Kind, DateOnly Deadline, string Token);

/// <summary>A late unit as an escalation lists it.</summary>
public sealed record LateUnitLine(string UnitId, string UnitName, string ManagerName, DateOnly Deadline, int WorkingDaysLate);

/// <summary>One department's late units in an escalation, with a fresh department link.</summary>
public sealed record EscalationLine(string Department, IReadOnlyList<LateUnitLine> LateUnits, string Token);

/// <summary>
/// The one reminder e-mail a person gets on a day: the units they manage that are due (a digest when several) and,
/// for a department head, the department's late units.
/// </summary>
public sealed record MailReminder(Person To, IReadOnlyList<ReminderLine> Units, IReadOnlyList<EscalationLine> Departments) : ReportCycleEffect;

/// <summary>An e-mail to the cycle's secretary; <paramref name="About"/> names the units or recipient concerned.</summary>
public sealed record NotifyCycleSecretary(Person To, CycleNotice Notice, IReadOnlyList<string> About) : ReportCycleEffect;

/// <summary>Compile version <paramref name="Number"/> of the report (.docx and .xlsx) from the approved units.</summary>
public sealed record CompileReport(int Number) : ReportCycleEffect;
