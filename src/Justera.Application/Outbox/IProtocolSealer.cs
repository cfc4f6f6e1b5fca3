namespace Justera.Application.Outbox;

/// <summary>Assembles, seals and stores the signed protocol of a completed round (the next step after completion).</summary>
public interface IProtocolSealer
{
    Task SealAsync(string roundId, int approvedVersion, CancellationToken cancellationToken = default);
}
