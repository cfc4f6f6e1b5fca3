using Azure;
using Azure.Data.Tables;

namespace Justera.Storage.JusteringRounds;

/// <summary>
/// The tables of justering rounds. Layout (the one place it is written down):
/// <list type="bullet">
/// <item><c>{prefix}rounds</c>, PartitionKey = round id — one partition per round, so every decision is one
/// entity-group transaction:
///   <c>state</c> the current state (JSON over <c>State…</c> properties, no long texts), its <c>Shape</c>, its stream <c>Version</c>,
///   <c>NextWakeUp</c> and <c>AdministrationId</c>;
///   <c>e{version:D10}</c> the events of one decision (the audit trail);
///   <c>o{version:D10}</c> the outbox of one decision (its effects, carried out afterwards).
/// Event rows are keyed by stream version, so two writers deciding on the same version collide on the
/// insert whatever the emulator does with If-Match inside a batch (Azurite #1233).</item>
/// <item><c>{prefix}index</c>: PartitionKey <c>wake</c>, RowKey <c>{due UTC ticks:D19}_{round id}</c> — the
/// wake-up index the timer reads with one range query; PartitionKey <c>outbox</c>, RowKey round id — rounds
/// with outbox work; PartitionKey <c>adm_{administration id}</c>, RowKey round id — a display summary for
/// the rounds list; PartitionKey <c>sealed</c>, RowKey the SHA-256 of a sealed protocol file — its round id and
/// document id, for the verification page (<see cref="SignedProtocols.SealedIndex"/>). Index rows are written
/// before a decision and cleaned after it; an orphan row is harmless because the round's own partition is the truth.</item>
/// </list>
/// </summary>
public sealed class RoundTables(TableServiceClient service, string prefix)
{
    public TableClient Rounds { get; } = service.GetTableClient(prefix + "rounds");

    public TableClient Index { get; } = service.GetTableClient(prefix + "index");

    public const string StateRow = "state";

    /// <summary>
    /// The state row's shape, written as its <c>Shape</c> property. 2: answers without their texts (which stay in the
    /// event rows) and JSON without \uXXXX escapes. Rows without the property are shape 1, with the texts in the
    /// state; they still load, because reading skips the properties shape 2 no longer has, and the next decision
    /// rewrites them as shape 2.
    /// </summary>
    public const int StateShape = 2;
    public const string WakePartition = "wake";
    public const string OutboxPartition = "outbox";

    public static string EventRow(int version) => $"e{version:D10}";

    public static string OutboxRow(int version) => $"o{version:D10}";

    public static string AdministrationPartition(string administrationId) => "adm_" + administrationId;

    public static string WakeRow(DateTimeOffset due, string roundId) => $"{due.UtcTicks:D19}_{roundId}";

    public async Task CreateIfMissingAsync(CancellationToken cancellationToken = default)
    {
        await Rounds.CreateIfNotExistsAsync(cancellationToken);
        await Index.CreateIfNotExistsAsync(cancellationToken);
    }

    internal static bool IsConflict(RequestFailedException e) => e.Status is 409 or 412;

    internal static ETag ETagOf(TableEntity entity) => entity.ETag;
}
