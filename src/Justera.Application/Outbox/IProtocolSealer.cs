namespace Justera.Application.Outbox;

/// <summary>Assembles, seals and stores the signed protocol of a completed round (the next step after completion).</summary>
public interface IProtocolSealer
{
    Task SealAsync(string roundId, int approvedVersion, CancellationToken cancellationToken = default);
}

/// <summary>
/// Stands in until sealing exists: the round is complete and the secretary has been told; the signed
/// protocol (original + justering page + bilagor, PAdES seal, write-once blob) is built by its own issue.
/// </summary>
public sealed class SealingNotYetAvailable : IProtocolSealer
{
    public Task SealAsync(string roundId, int approvedVersion, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
