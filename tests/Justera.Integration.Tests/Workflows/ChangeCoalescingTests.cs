using Justera.Integration.Tests.Infrastructure;
using System.Collections.Concurrent;
using Justera.Application.Workflows;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace Justera.Integration.Tests.Workflows;

/// <summary>
/// How many "changed" events a burst of commits raises. The engine is replaced by a recording client here: what an
/// event does in the engine is tested in <see cref="RoundOrchestrationTests"/>; this is about which events are sent.
/// </summary>
public sealed class ChangeCoalescingTests
{
    private const string Round = "0123456789abcdef0123456789abcdef";
    private readonly ConcurrentQueue<object?> raised = new();
    private readonly RoundWorkflows workflows;

    public ChangeCoalescingTests()
    {
        var client = new Mock<DurableTaskClient>("test");
        client.Setup(c => c.GetInstanceAsync(It.IsAny<string>(), It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string id, bool _, CancellationToken _) => new OrchestrationMetadata(RoundOrchestration.Name, id) { RuntimeStatus = OrchestrationRuntimeStatus.Running });
        client.Setup(c => c.RaiseEventAsync(It.IsAny<string>(), RoundOrchestration.ChangedEvent, It.IsAny<object?>(), It.IsAny<CancellationToken>()))
            .Callback((string _, string _, object? payload, CancellationToken _) => raised.Enqueue(payload))
            .Returns(Task.CompletedTask);
        var services = new ServiceCollection().AddSingleton(client.Object).BuildServiceProvider();
        workflows = new RoundWorkflows(new WorkflowSignals(new WorkflowClients(services), NullLogger<WorkflowSignals>.Instance));
    }

    [Fact]
    public async Task GivenAnEventOnItsWay_WhenMoreChangesArriveBeforeTheTurnStartsHere_ThenTheyRaiseNothingAndTheTurnCoversThem()
    {
        await workflows.ChangedAsync(Round, 2);
        await workflows.ChangedAsync(Round, 3);
        await workflows.ChangedAsync(Round, 4);
        Assert.Equal([2L], raised);

        workflows.TurnStarting(Round);
        await workflows.ChangedAsync(Round, 5);

        // After the turn started, a change is newer than anything it reads: it gets its own event at once.
        Assert.Equal([2L, 5L], raised);
    }

    [Fact]
    public async Task GivenAnEventRaisedAfterTheTurnStartedForAVersionItThenRead_WhenTheTurnHasRead_ThenLaterChangesAreRaisedAtOnce()
    {
        workflows.TurnStarting(Round);
        await workflows.ChangedAsync(Round, 2);
        // The orchestration will wait past this event (the turn read version 2), so it must not hold back version 3.
        workflows.TurnRead(Round, 2);
        await workflows.ChangedAsync(Round, 3);

        Assert.Equal([2L, 3L], raised);
    }

    [Fact]
    public async Task GivenAChangeHeldBackBeyondWhatTheTurnRead_WhenTheTurnHasRead_ThenTheHeldBackVersionIsRaisedWithoutWaitingForTheWindow()
    {
        workflows.TurnStarting(Round);
        await workflows.ChangedAsync(Round, 2);
        await workflows.ChangedAsync(Round, 3);
        workflows.TurnRead(Round, 2);

        await WaitUntilAsync(() => raised.Count == 2, TimeSpan.FromMilliseconds(WorkflowSignals.Coalescing.TotalMilliseconds / 2));
        Assert.Equal([2L, 3L], raised);
    }

    [Fact]
    public async Task GivenTheTurnRunsInAnotherProcess_WhenChangesWereSkippedHere_ThenTheNewestIsRaisedAfterTheCoalescingWindow()
    {
        await workflows.ChangedAsync(Round, 2);
        await workflows.ChangedAsync(Round, 3);
        await workflows.ChangedAsync(Round, 4);

        await WaitUntilAsync(() => raised.Count == 2);
        Assert.Equal([2L, 4L], raised);
    }

    [Fact]
    public async Task GivenARaiseThatFails_WhenTheNextChangeComes_ThenItRaisesAgainRatherThanWaitingForAnEventThatNeverLeft()
    {
        var client = new Mock<DurableTaskClient>("failing");
        client.Setup(c => c.GetInstanceAsync(It.IsAny<string>(), It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("engine down"));
        var services = new ServiceCollection().AddSingleton(client.Object).BuildServiceProvider();
        var failing = new RoundWorkflows(new WorkflowSignals(new WorkflowClients(services), NullLogger<WorkflowSignals>.Instance));

        await failing.ChangedAsync(Round, 2);
        await failing.ChangedAsync(Round, 3);

        client.Verify(c => c.GetInstanceAsync(It.IsAny<string>(), It.IsAny<bool>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task GivenAnActivityOfTheRoundItself_WhenItCommits_ThenNoEventIsRaised()
    {
        using (workflows.Within(Round))
            await workflows.ChangedAsync(Round, 2);

        Assert.Empty(raised);
    }

    private static Task WaitUntilAsync(Func<bool> condition, TimeSpan? patience = null) =>
        Eventually.TrueAsync(condition, patience ?? TimeSpan.FromSeconds(10), "The trailing event was not raised.");
}
