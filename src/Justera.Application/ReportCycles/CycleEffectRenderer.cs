using Justera.Application.Outbox;
using Justera.Core.ReportCycles;
using Justera.Mail;
using Microsoft.Extensions.Options;

namespace Justera.Application.ReportCycles;

/// <summary>
/// Turns a cycle or unit decision's effects into outbox items: e-mails rendered before the commit, Message-IDs fixed,
/// so a retry resends the very same message. <see cref="CompileReport"/> is no outbox item: the closed cycle's state
/// (CompilationsRequested ahead of Compilations) says what to compile, and the orchestration runs it as an activity.
/// </summary>
public sealed class CycleEffectRenderer(IOptions<JusteraOptions> options)
{
    private readonly JusteraOptions _options = options.Value;

    public IReadOnlyList<OutboxItem> Render(int version, ReportCycle cycle, IReadOnlyList<ReportCycleEffect> effects)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        ArgumentNullException.ThrowIfNull(effects);
        var items = new List<OutboxItem>();
        for (var i = 0; i < effects.Count; i++)
        {
            if (Render($"{version}-{i}", cycle, effects[i]) is { } item)
                items.Add(item);
        }
        return items;
    }

    private OutboxItem? Render(string id, ReportCycle cycle, ReportCycleEffect effect)
    {
        var facts = new CycleMailFacts(cycle.Name, cycle.Secretary.Name, cycle.Secretary.Email);
        var page = CycleRoutes.CyclePageLink(_options.PublicBaseUrl, cycle.Id);
        return effect switch
        {
            MailUnitManager m => Item(id, m.To, cycle, m.Mail switch
            {
                UnitManagerMail.Request => ReportCycleMails.Request(facts, m.UnitName, m.Deadline, UnitLink(m.Token!)),
                UnitManagerMail.Approved => ReportCycleMails.Approved(facts, m.UnitName),
                UnitManagerMail.SentBack => ReportCycleMails.SentBack(facts, m.UnitName, m.Note ?? "", m.Deadline, UnitLink(m.Token!)),
                _ => throw new ArgumentOutOfRangeException(nameof(effect), m.Mail, "Unknown mail."),
            }),
            MailDepartmentHead d => Item(id, d.To, cycle,
                ReportCycleMails.ReadyForApproval(facts, d.UnitName, d.Department, CycleRoutes.DepartmentLink(_options.PublicBaseUrl, d.Token))),
            MailReminder r => Item(id, r.To, cycle, ReportCycleMails.Reminder(facts,
                [.. r.Units.Select(u => new ReminderMailLine(u.UnitName, u.Kind, u.Deadline, UnitLink(u.Token)))],
                [.. r.Departments.Select(d => new EscalationMailLine(d.Department, d.LateUnits, CycleRoutes.DepartmentLink(_options.PublicBaseUrl, d.Token)))])),
            NotifyCycleSecretary n => Item(id, n.To, cycle, n.Notice switch
            {
                CycleNotice.DeadlinePassed => ReportCycleMails.DeadlinePassed(facts, n.About, page),
                CycleNotice.Closed => ReportCycleMails.Closed(facts, n.About, page),
                CycleNotice.DeliveryFailed => ReportCycleMails.DeliveryFailed(facts, string.Join(", ", n.About), page),
                CycleNotice.CompilationFailed => ReportCycleMails.CompilationFailed(facts, n.About.Count > 0 ? n.About[0] : "", page),
                _ => throw new ArgumentOutOfRangeException(nameof(effect), n.Notice, "Unknown notice."),
            }),
            CompileReport => null,
            _ => throw new ArgumentOutOfRangeException(nameof(effect), effect.GetType().Name, "Unknown effect."),
        };
    }

    private Uri UnitLink(string token) => CycleRoutes.UnitFormLink(_options.PublicBaseUrl, token);

    private OutboxItem Item(string id, Person to, ReportCycle cycle, (string Subject, string Text, string Html) mail) =>
        new(id, new OutgoingMail(OutgoingMail.NewMessageId(_options.MessageIdDomain), to.Name, to.Email, mail.Subject, mail.Text, mail.Html)
        {
            ReplyToAddress = cycle.Secretary.Email,
        }, null, to.Email);
}
