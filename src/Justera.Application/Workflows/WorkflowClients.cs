using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Justera.Application.Workflows;

/// <summary>
/// The Durable Task client the shared code raises events and starts orchestrations with. The local host has one
/// for its lifetime (from its container); the Functions app gets one per invocation through the
/// <c>[DurableClient]</c> binding and hands it over with <see cref="Use"/> for the length of the call.
/// </summary>
public sealed class WorkflowClients(IServiceProvider services)
{
    private readonly AsyncLocal<DurableTaskClient?> _scoped = new();

    /// <summary>The client of the current call, else the host's own; none where no engine runs (tests that drive the outbox by hand).</summary>
    public DurableTaskClient? Current => _scoped.Value ?? services.GetService<DurableTaskClient>();

    /// <summary>Makes <paramref name="client"/> the current client until the returned scope is disposed.</summary>
    public IDisposable Use(DurableTaskClient client)
    {
        var previous = _scoped.Value;
        _scoped.Value = client;
        return new Restore(_scoped, previous);
    }

    private sealed class Restore(AsyncLocal<DurableTaskClient?> scoped, DurableTaskClient? previous) : IDisposable
    {
        public void Dispose() => scoped.Value = previous;
    }
}
