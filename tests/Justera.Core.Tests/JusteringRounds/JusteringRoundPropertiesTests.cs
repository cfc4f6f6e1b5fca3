using System.Buffers.Text;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CsCheck;
using Justera.Core.JusteringRounds;
using Justera.Core.Links;
using Xunit.Abstractions;

namespace Justera.Core.Tests.JusteringRounds;

/// <summary>
/// Random command sequences against one round of 1–6 justerare, checking after every step the rules that must
/// hold whatever happens: completion means every current justerare approved the current version, nobody
/// replaced is mailed, superseded links never count, refusals change nothing, links are unique, and folding the
/// stored events gives the state the decisions built.
/// </summary>
public class JusteringRoundPropertiesTests(ITestOutputHelper output)
{
    private const string RoundId = ExampleRound.Id;
    private static readonly JsonSerializerOptions JsonOptions = new() { Converters = { new JsonStringEnumConverter() } };

    private enum Op { Start, AnswerByLink, AnswerOnBehalf, Revise, Replace, Extend, RemindNow, Tick, ReportDeliveryFailure, Cancel, ReportSealFailure, RetrySeal }

    /// <summary>One step: what to do, two free numbers the interpreter turns into choices, and how much time passes first.</summary>
    private sealed record Step(Op Op, int Pick, int Variant, ReplyKind Kind, int MinutesBefore);

    private sealed record Run(int JusterareCount, ReminderPolicy Policy, int StartDay, int DeadlineHours, bool StartAtOnce, Step[] Steps)
    {
        public override string ToString() =>
            $"{JusterareCount} justerare, {Policy}, day {StartDay}, deadline +{DeadlineHours} h, start at once {StartAtOnce}:{Environment.NewLine}  "
            + string.Join($"{Environment.NewLine}  ", Steps.Select(s => s.ToString()));
    }

    private static readonly Gen<Step> GenStep =
        from op in Gen.Frequency(
            (3, Op.Start), (12, Op.AnswerByLink), (3, Op.AnswerOnBehalf), (2, Op.Revise), (2, Op.Replace),
            (2, Op.Extend), (1, Op.RemindNow), (5, Op.Tick), (1, Op.ReportDeliveryFailure), (1, Op.Cancel),
            (1, Op.ReportSealFailure), (1, Op.RetrySeal))
        from pick in Gen.Int[0, 9999]
        from variant in Gen.Int[0, 9999]
        from kind in Gen.Frequency((6, ReplyKind.NoObjection), (2, ReplyKind.ApprovedWithDissent), (1, ReplyKind.ChangesRequested))
        from minutes in Gen.Frequency((6, Gen.Int[0, 90]), (3, Gen.Int[60, 24 * 60]), (1, Gen.Int[24 * 60, 5 * 24 * 60]))
        select new Step(op, pick, variant, kind, minutes);

    private static readonly Gen<Run> GenRun =
        from count in Gen.Int[1, 6]
        from halfway in Gen.Bool
        from dayBefore in Gen.Bool
        from silence in Gen.Int[0, 3]
        from startDay in Gen.Int[0, 400]
        from deadlineHours in Gen.Int[24, 20 * 24]
        from startAtOnce in Gen.Int[0, 3]
        from steps in GenStep.Array[5, 40]
        select new Run(count, new ReminderPolicy(halfway, dayBefore, silence == 0), startDay, deadlineHours, startAtOnce != 0, steps);

    [Fact]
    public void GivenRandomCommandSequences_WhenDecidedAndEvolved_ThenTheRoundsRulesHoldAfterEveryStep()
    {
        var tally = new Tally();
        var clock = Stopwatch.StartNew();

        GenRun.Sample(run => new Simulation(run, tally).Play(), iter: 600, print: run => run.ToString());

        output.WriteLine($"{tally} in {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(tally.Succeeded(Op.Revise) > 0, "No Revise was ever decided successfully.");
        Assert.True(tally.Succeeded(Op.Replace) > 0, "No ReplaceJusterare was ever decided successfully.");
        Assert.True(tally.Succeeded(Op.Extend) > 0, "No ExtendDeadline was ever decided successfully.");
        Assert.True(tally.Succeeded(Op.Cancel) > 0, "No CancelRound was ever decided successfully.");
        Assert.True(tally.Succeeded(Op.RetrySeal) > 0, "No RetrySeal was ever decided successfully.");
        Assert.True(tally.CompletedRuns > 0, "No run ever completed.");
        Assert.True(tally.CompletedAfterRevision > 0, "No run completed after a revision.");
        Assert.True(tally.SupersededRefusals > 0, "No superseded link was ever tried.");
        Assert.True(tally.Reminders > 0, "No reminder was ever sent.");
        Assert.True(tally.SilenceCompletions > 0, "The silence rule never completed a round.");
    }

    /// <summary>Counts across all runs and threads, so the test can tell whether the generator reached what it should.</summary>
    private sealed class Tally
    {
        private readonly int[] succeeded = new int[Enum.GetValues<Op>().Length];
        private int completedRuns, completedAfterRevision, supersededRefusals, reminders, silenceCompletions, runs;

        public int CompletedRuns => completedRuns;
        public int CompletedAfterRevision => completedAfterRevision;
        public int SupersededRefusals => supersededRefusals;
        public int Reminders => reminders;
        public int SilenceCompletions => silenceCompletions;

        public int Succeeded(Op op) => Volatile.Read(ref succeeded[(int)op]);

        public void Success(Op op) => Interlocked.Increment(ref succeeded[(int)op]);
        public void Run() => Interlocked.Increment(ref runs);
        public void Completed(bool afterRevision)
        {
            Interlocked.Increment(ref completedRuns);
            if (afterRevision)
                Interlocked.Increment(ref completedAfterRevision);
        }

        public void Superseded() => Interlocked.Increment(ref supersededRefusals);
        public void Reminder() => Interlocked.Increment(ref reminders);
        public void SilenceCompletion() => Interlocked.Increment(ref silenceCompletions);

        public override string ToString() =>
            $"{runs} runs; completed {completedRuns} (after a revision {completedAfterRevision}, by silence {silenceCompletions}); "
            + $"superseded links tried {supersededRefusals}; reminders {reminders}; successful decisions: "
            + string.Join(", ", Enum.GetValues<Op>().Select(op => $"{op} {Succeeded(op)}"));
    }

    private sealed record MailedToken(string Token, string Hash, string JusterareId, int Version);

    /// <summary>Plays one run, keeping a model of what was mailed, and checks every decision against it.</summary>
    private sealed class Simulation(Run run, Tally tally)
    {
        private readonly List<JusteringRoundEvent> history = [];
        private readonly List<MailedToken> mailed = [];
        private readonly HashSet<string> mailedTokens = new(StringComparer.Ordinal);
        private readonly HashSet<string> issuedHashes = new(StringComparer.Ordinal);
        private readonly HashSet<string> replacedIds = new(StringComparer.Ordinal);
        private readonly HashSet<string> replacedEmails = new(StringComparer.OrdinalIgnoreCase);
        private readonly List<string> formKeys = [];
        private readonly List<string> effectIds = [];
        private JusteringRoundState state = JusteringRoundDecider.Initial;
        private DateTimeOffset now = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.FromHours(1)).AddDays(run.StartDay);
        private int counter;
        private bool revised;

        private Round Round => state.RoundOrNull!;

        public void Play()
        {
            tally.Run();
            var justerare = Enumerable.Range(1, run.JusterareCount).Select(i => new Justerare(
                $"j-{i}", $"Justerare {i}", Organisation(i), $"justerare{i}@example.org")).ToList();
            var create = new CreateRound(RoundId, ExampleRound.Exempelby, ExampleRound.MeetingDate, ExampleRound.Protocol(1),
                ExampleRound.Eva, justerare, now.AddHours(run.DeadlineHours), DateOnly.FromDateTime(now.AddHours(run.DeadlineHours + 24).Date),
                run.Policy, 1, now);
            Assert.False(Apply(create, Op.Start, null).IsRefused);
            if (run.StartAtOnce)
                Apply(new StartRound(Pool(), now.AddMinutes(10)), Op.Start, null);
            foreach (var step in run.Steps)
            {
                now = now.AddMinutes(step.MinutesBefore);
                Play(step);
            }
        }

        private void Play(Step step)
        {
            switch (step.Op)
            {
                case Op.Start:
                    Apply(new StartRound(Pool(), now), step.Op, null);
                    break;
                case Op.AnswerByLink:
                    var token = ChooseToken(step);
                    var hash = token?.Hash ?? PersonalLinks.Hash($"{RoundId}.never-mailed-{++counter}");
                    Apply(new RecordAnswer(hash, step.Kind, Item(step), Text(step), FormKey(step), now), step.Op, token);
                    break;
                case Op.AnswerOnBehalf:
                    Apply(new RecordAnswerOnBehalf(ChooseJusterareId(step), step.Kind, Item(step), Text(step),
                        step.Variant % 2 == 0 ? "" : "telefon", "Eva Holm", FormKey(step), now), step.Op, null);
                    break;
                case Op.Revise:
                    var current = Round.Protocol;
                    var version = (step.Variant % 10) switch { 0 => current.Version + 2, 1 => current.Version, _ => current.Version + 1 };
                    var sha = step.Variant % 10 == 2 ? current.Sha256 : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"v{++counter}")));
                    DateTimeOffset? newDeadline = step.Variant % 3 == 0 ? null : now.AddHours(12 + (step.Pick % 200));
                    Apply(new ReviseProtocol(ExampleRound.Protocol(version) with { Sha256 = sha, UploadedAt = now }, newDeadline, Pool(), now), step.Op, null);
                    break;
                case Op.Replace:
                    var n = ++counter;
                    var email = step.Variant % 7 == 0 ? Round.Justerare[step.Pick % Round.Justerare.Count].Email.ToUpperInvariant() : $"ersattare{n}@example.org";
                    var substitute = new Justerare($"s-{n}", $"Ersättare {n}", Organisation(n), email);
                    Apply(new ReplaceJusterare(ChooseJusterareId(step), substitute, Pool(), now), step.Op, null);
                    break;
                case Op.Extend:
                    var deadline = (step.Variant % 8) switch
                    {
                        0 => Round.Deadline.AddHours(-1),
                        1 => Round.Deadline,
                        _ => (Round.Deadline > now ? Round.Deadline : now).AddHours(1 + (step.Pick % 120)),
                    };
                    Apply(new ExtendDeadline(deadline, null, now), step.Op, null);
                    break;
                case Op.RemindNow:
                    Apply(new RemindNow(Pool(), now), step.Op, null);
                    break;
                case Op.Tick:
                    // Half the ticks come exactly when the round asked to be woken, as the timer would call it.
                    if (step.Variant % 2 == 0 && JusteringRoundDecider.NextWakeUp(state, now) is { } wakeUp && wakeUp > now)
                        now = wakeUp;
                    Apply(new Tick(Pool(), now), step.Op, null);
                    break;
                case Op.ReportDeliveryFailure:
                    var effectId = step.Variant % 3 == 0 && effectIds.Count > 0 ? effectIds[step.Pick % effectIds.Count] : $"outbox-{++counter}";
                    effectIds.Add(effectId);
                    var recipient = step.Variant % 4 == 0 ? ExampleRound.Eva.Email : Round.Justerare[step.Pick % Round.Justerare.Count].Email;
                    Apply(new ReportDeliveryFailure(effectId, recipient, "550 5.1.1", now), step.Op, null);
                    break;
                case Op.Cancel:
                    Apply(new CancelRound(step.Variant % 5 == 0 ? "  " : "Mötet ställdes in", now), step.Op, null);
                    break;
                case Op.ReportSealFailure:
                    Apply(new ReportSealFailure(step.Variant % 2 == 0 ? "Förseglingscertifikatet gick ut." : "Lagringen svarade inte.", now), step.Op, null);
                    break;
                case Op.RetrySeal:
                    var retried = Apply(new RetrySeal("Eva Holm", now), step.Op, null);
                    // (h) "Försegla igen" is allowed only after a seal failure, and then asks for exactly one seal of the approved version.
                    if (retried.Events.Count > 0)
                    {
                        Assert.Equal([new SealProtocol(Round.Protocol.Version)], retried.Effects);
                        Assert.Null(Assert.IsType<JusteringRoundState.Completed>(state).SealFailure);
                    }
                    else if (!retried.IsRefused)
                    {
                        Assert.True(state is JusteringRoundState.Completed { SealFailure: null } or JusteringRoundState.Sealed);
                    }
                    else
                    {
                        Assert.False(state is JusteringRoundState.Completed);
                    }
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(step));
            }
        }

        private Decision Apply(JusteringRoundCommand command, Op op, MailedToken? token)
        {
            var before = state;
            var pool = PoolOf(command);
            var decision = JusteringRoundDecider.Decide(command, before);
            var after = decision.Events.Aggregate(before, JusteringRoundDecider.Evolve);
            history.AddRange(decision.Events);
            state = after;

            CheckRefusalChangesNothing(decision);
            CheckCompletion(before, after, decision);
            CheckMails(before, after, decision, pool);
            CheckAnswers(command, before, decision, token);
            if (decision.Events.Count > 0)
                CheckFold(); // Without events the state is the very object already checked.
            CheckWakeUp(command, after);

            if (!decision.IsRefused && decision.Events.Count > 0 && command is not CreateRound)
                tally.Success(op);
            if (decision.Events.OfType<ProtocolRevised>().Any())
                revised = true;
            if (decision.Events.OfType<RoundCompleted>().Any())
            {
                tally.Completed(revised);
                if (decision.Events.OfType<AnswerRecorded>().Any(a => a.Channel == AnswerChannel.SilenceRule))
                    tally.SilenceCompletion();
            }

            if (decision.Events.OfType<LinksIssued>().Any(e => e.Links.Count > 0 && e.Purpose is LinkPurpose.HalfwayReminder or LinkPurpose.WorkingDayBeforeReminder or LinkPurpose.ManualReminder))
                tally.Reminder();
            if (decision.Refusal?.Reason == RefusalReason.SupersededLink)
                tally.Superseded();
            foreach (var e in decision.Events.OfType<JusterareReplaced>())
            {
                var replaced = before.RoundOrNull!.Find(e.ReplacedId)!;
                replacedIds.Add(replaced.Id);
                replacedEmails.Add(replaced.Email);
            }

            return decision;
        }

        /// <summary>(d) A refused command stores nothing and sends nothing.</summary>
        private static void CheckRefusalChangesNothing(Decision decision)
        {
            if (!decision.IsRefused)
                return;
            Assert.Empty(decision.Events);
            Assert.Empty(decision.Effects);
        }

        /// <summary>(a) Completed only if every current justerare approved the current version; and then it does complete.</summary>
        private static void CheckCompletion(JusteringRoundState before, JusteringRoundState after, Decision decision)
        {
            if (after is JusteringRoundState.Completed { Round: var done })
            {
                var version = done.Versions[^1].Version;
                foreach (var j in done.Justerare)
                {
                    Assert.True(done.Answers.TryGetValue(j.Id, out var answer), $"Completed without an answer from {j.Id}.");
                    Assert.True(answer.Kind is ReplyKind.NoObjection or ReplyKind.ApprovedWithDissent, $"Completed although {j.Id} asked for changes.");
                    Assert.Equal(version, answer.ProtocolVersion);
                }

                if (before is JusteringRoundState.AwaitingAnswers)
                    Assert.Equal(version, Assert.Single(decision.Events.OfType<RoundCompleted>()).ApprovedVersion);
            }

            if (after is JusteringRoundState.AwaitingAnswers { Round: var open })
            {
                var everyoneApproved = open.Justerare.All(j => open.Answers.TryGetValue(j.Id, out var a)
                    && a.Kind != ReplyKind.ChangesRequested && a.ProtocolVersion == open.Versions[^1].Version);
                Assert.False(everyoneApproved, "Every justerare approved the current version but the round did not complete.");
            }
        }

        /// <summary>(b) and (e): mail goes only to current justerare, with a link minted for this decision and issued for them.</summary>
        private void CheckMails(JusteringRoundState before, JusteringRoundState after, Decision decision, IReadOnlyList<NewLink> pool)
        {
            var mails = decision.Effects.OfType<MailJusterare>().ToList();
            var newlyReplaced = decision.Events.OfType<JusterareReplaced>().Select(e => e.ReplacedId).ToHashSet(StringComparer.Ordinal);
            if (before is JusteringRoundState.Completed or JusteringRoundState.Cancelled)
                Assert.Empty(mails);
            if (decision.Events.OfType<RoundCompleted>().Any())
                Assert.All(mails, m => Assert.Equal(JusterareMail.Receipt, m.Mail));
            if (decision.Events.OfType<RoundCancelled>().Any())
                Assert.All(mails, m => Assert.Equal(JusterareMail.Cancelled, m.Mail));

            var issuedNow = decision.Events.OfType<LinksIssued>().SelectMany(e => e.Links).ToList();
            foreach (var link in issuedNow)
                Assert.True(issuedHashes.Add(link.TokenHash), $"Link hash {link.TokenHash} was issued twice.");

            foreach (var mail in mails)
            {
                Assert.DoesNotContain(mail.To.Id, replacedIds);
                Assert.DoesNotContain(mail.To.Id, newlyReplaced);
                Assert.DoesNotContain(mail.To.Email, replacedEmails);
                Assert.Contains(mail.To, after.RoundOrNull!.Justerare);
                Assert.Equal(after.RoundOrNull!.Protocol.Version, mail.ProtocolVersion);
                if (mail.Token is null)
                    continue;
                Assert.Contains(mail.Token, pool.Select(l => l.Token));
                Assert.True(mailedTokens.Add(mail.Token), $"Token {mail.Token} was mailed twice.");
                var hash = PersonalLinks.Hash(mail.Token);
                Assert.Contains(new IssuedLink(mail.To.Id, mail.ProtocolVersion, hash), issuedNow);
                mailed.Add(new MailedToken(mail.Token, hash, mail.To.Id, mail.ProtocolVersion));
            }

            Assert.Equal(issuedNow.Count, mails.Count(m => m.Token is not null));
        }

        /// <summary>(c) An answer through a link counts only if the link is for the current version and a current justerare.</summary>
        private static void CheckAnswers(JusteringRoundCommand command, JusteringRoundState before, Decision decision, MailedToken? token)
        {
            foreach (var answer in decision.Events.OfType<AnswerRecorded>())
            {
                Assert.Equal(before.RoundOrNull!.Protocol.Version, answer.ProtocolVersion);
                if (answer.Channel != AnswerChannel.PersonalLink)
                    continue;
                Assert.IsType<RecordAnswer>(command);
                Assert.NotNull(token);
                Assert.Equal(before.RoundOrNull!.Protocol.Version, token.Version);
                Assert.Equal(token.JusterareId, answer.JusterareId);
            }

            if (command is not RecordAnswer c || before is not JusteringRoundState.AwaitingAnswers { Round: var r } || r.UsedFormKeys.Contains(c.FormKey))
                return;
            if (token is null || r.Find(token.JusterareId) is null)
                Assert.Equal(RefusalReason.UnknownLink, decision.Refusal?.Reason);
            else if (token.Version != r.Protocol.Version)
                Assert.Equal(RefusalReason.SupersededLink, decision.Refusal?.Reason);
        }

        /// <summary>(f) The stored events fold to the state the decisions built step by step.</summary>
        private void CheckFold() =>
            Assert.Equal(Json(state), Json(JusteringRoundDecider.Fold(history)));

        /// <summary>The round asks for the clock only while open, never past its deadline, and a tick it asked for moves it on.</summary>
        private void CheckWakeUp(JusteringRoundCommand command, JusteringRoundState after)
        {
            var wakeUp = JusteringRoundDecider.NextWakeUp(after, now);
            if (after is not JusteringRoundState.AwaitingAnswers { Round: var r })
                Assert.Null(wakeUp);
            else if (!r.DeadlineNoticeDone)
                Assert.True(wakeUp <= r.Deadline, $"Next wake-up {wakeUp} is after the deadline {r.Deadline}.");
            if (command is Tick)
                Assert.True(wakeUp is null || wakeUp > command.At, $"After a tick at {command.At} the round asks to be woken at {wakeUp} again: the timer would spin.");
        }

        private MailedToken? ChooseToken(Step step)
        {
            if (mailed.Count == 0 || step.Variant % 10 == 0)
                return null;
            if (step.Variant % 10 <= 3 || state.RoundOrNull is not { } r)
                return mailed[step.Pick % mailed.Count];
            var live = mailed.Where(m => m.Version == r.Protocol.Version && r.Find(m.JusterareId) is not null).ToList();
            return live.Count > 0 ? live[step.Pick % live.Count] : mailed[step.Pick % mailed.Count];
        }

        private string ChooseJusterareId(Step step) => (step.Variant % 8) switch
        {
            0 when replacedIds.Count > 0 => replacedIds.Order(StringComparer.Ordinal).ElementAt(step.Pick % replacedIds.Count),
            0 or 1 => "j-nobody",
            _ => Round.Justerare[step.Pick % Round.Justerare.Count].Id,
        };

        private static string? Item(Step step) =>
            step.Kind == ReplyKind.ApprovedWithDissent && step.Variant % 11 != 0 ? $"§ {step.Pick % 12}" : null;

        private static string? Text(Step step) => step.Kind switch
        {
            ReplyKind.ChangesRequested when step.Variant % 97 == 0 => new string('x', RoundRules.MaxTextLength + 1),
            ReplyKind.ChangesRequested when step.Variant % 13 == 0 => null,
            ReplyKind.NoObjection when step.Variant % 3 != 0 => null,
            _ => $"Synpunkt {step.Pick}",
        };

        /// <summary>Mostly a fresh form; sometimes one submitted before, as a double submit or a stale page would.</summary>
        private string FormKey(Step step)
        {
            if (step.Variant % 7 == 0 && formKeys.Count > 0)
                return formKeys[step.Pick % formKeys.Count];
            formKeys.Add($"form-{++counter}");
            return formKeys[^1];
        }

        /// <summary>Seven fresh links, more than any command here needs; tokens look like minted ones but are deterministic.</summary>
        private IReadOnlyList<NewLink> Pool() =>
        [
            .. Enumerable.Range(0, 7).Select(_ =>
            {
                var secret = SHA256.HashData(Encoding.UTF8.GetBytes($"secret-{++counter}"));
                var token = $"{RoundId}.{Base64Url.EncodeToString(secret)}";
                return new NewLink(token, PersonalLinks.Hash(token));
            }),
        ];

        private static IReadOnlyList<NewLink> PoolOf(JusteringRoundCommand command) => command switch
        {
            StartRound c => c.FreshLinks,
            ReviseProtocol c => c.FreshLinks,
            ReplaceJusterare c => c.FreshLinks,
            RemindNow c => c.FreshLinks,
            Tick c => c.FreshLinks,
            _ => [],
        };

        private static string Organisation(int i) => (i % 3) switch { 0 => "arbetsgivaren", 1 => "Kommunal", _ => "Vision" };

        private static string Json(JusteringRoundState s) => JsonSerializer.Serialize(s, s.GetType(), JsonOptions);
    }
}
