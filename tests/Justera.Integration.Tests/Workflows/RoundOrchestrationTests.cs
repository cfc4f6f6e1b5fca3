using Justera.Integration.Tests.Infrastructure;
using System.Collections.Concurrent;
using Justera.Application.Workflows;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;

namespace Justera.Integration.Tests.Workflows;

/// <summary>
/// The round orchestration in the Durable Task engine (the SDK's in-process test host), where replay, timers, events
/// and ContinueAsNew are real. Only the activities are scripted: what they do against the Tables is tested through
/// the local host elsewhere.
/// </summary>
public sealed class RoundOrchestrationTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly Script script = new();
    private DurableTaskTestHost host = null!;

    private DurableTaskClient Client => host.Client;

    public async Task InitializeAsync() =>
        host = await InProcessEngine.StartAsync(tasks =>
        {
            tasks.AddOrchestratorFunc<RoundOrchestrationInput>(RoundOrchestration.Name, RoundOrchestration.RunAsync);
            tasks.AddActivityFunc<string, RoundStep>(RoundActivities.Decide, (_, roundId) => script.Decide(roundId));
            tasks.AddActivityFunc<string, OutboxStep>(RoundActivities.CarryOutOutbox, (_, roundId) => script.CarryOut(roundId));
        });

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task GivenARoundThatIsOver_WhenItsOrchestrationRuns_ThenItDecidesOnceAndEnds()
    {
        script.Closed = true;
        var id = await StartAsync("r1");

        var done = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: false, new CancellationTokenSource(Patience).Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(1, script.Decisions);
        Assert.Equal(1, script.Passes);
    }

    [Fact]
    public async Task GivenAWaitingRound_WhenChangedIsRaisedThreeTimes_ThenEachTurnDecidesAgainOnTheSameInstanceWhichKeepsWaiting()
    {
        script.WakeUpIn = TimeSpan.FromHours(4);
        var id = await StartAsync("r2");
        await WaitUntilAsync(() => script.Decisions == 1);

        for (var turn = 2; turn <= 4; turn++)
        {
            await Client.RaiseEventAsync(id, RoundOrchestration.ChangedEvent, eventPayload: null);
            var expected = turn;
            // A turn is its decision and then its outbox pass: wait for both, the pass lands after the decision is counted.
            await WaitUntilAsync(() => script.Decisions == expected && script.Passes == expected);
        }

        var instance = await Client.GetInstanceAsync(id);
        Assert.NotNull(instance);
        Assert.Equal(OrchestrationRuntimeStatus.Running, instance.RuntimeStatus);
        // Each turn carried out the outbox after its decision, and always for the same round.
        Assert.Equal(4, script.Passes);
        Assert.All(script.Rounds, r => Assert.Equal("r2", r));
    }

    [Fact]
    public async Task GivenATurnThatReadVersionSeven_WhenChangedArrivesForVersionsItAlreadyRead_ThenNoTurnRunsUntilANewerVersionArrives()
    {
        script.WakeUpIn = TimeSpan.FromHours(4);
        script.Version = 7;
        var id = await StartAsync("r7");
        await WaitUntilAsync(() => script.Decisions == 1);

        // A burst of answers committed before the turn read the round: their events ask for nothing the turn did not see.
        foreach (var version in new long[] { 5, 6, 7, 7 })
            await Client.RaiseEventAsync(id, RoundOrchestration.ChangedEvent, version);
        script.Version = 8;
        await Client.RaiseEventAsync(id, RoundOrchestration.ChangedEvent, 8L);
        await WaitUntilAsync(() => script.Decisions == 2);
        // Recovery raises without a version: that always runs a turn.
        await Client.RaiseEventAsync(id, RoundOrchestration.ChangedEvent, eventPayload: null);
        await WaitUntilAsync(() => script.Decisions == 3 && script.Passes == 3);

        var instance = await Client.GetInstanceAsync(id);
        Assert.NotNull(instance);
        Assert.Equal(OrchestrationRuntimeStatus.Running, instance.RuntimeStatus);
        Assert.Equal(3, script.Decisions);
        Assert.Equal(3, script.Passes);
    }

    [Fact]
    public async Task GivenMoreAlreadyReadEventsThanOneGenerationKeeps_WhenTheyArrive_ThenItContinuesAsNewWithoutATurnAndStillWakesForANewVersion()
    {
        script.WakeUpIn = TimeSpan.FromHours(4);
        script.Version = 500;
        var id = await StartAsync("r8");
        await WaitUntilAsync(() => script.Decisions == 1);

        for (var i = 0; i < RoundOrchestration.MaxSeenEventsPerGeneration + 10; i++)
            await Client.RaiseEventAsync(id, RoundOrchestration.ChangedEvent, 300L + i);
        await WaitUntilAsync(async () => (await Client.GetInstanceAsync(id, getInputsAndOutputs: true))?.SerializedInput?.Contains("SleepUntil", StringComparison.OrdinalIgnoreCase) == true);
        Assert.Equal(1, script.Decisions);

        script.Version = 501;
        await Client.RaiseEventAsync(id, RoundOrchestration.ChangedEvent, 501L);
        await WaitUntilAsync(() => script.Decisions == 2);
    }

    [Fact]
    public async Task GivenAWakeUpDueInOneSecond_WhenNothingIsRaised_ThenTheDurableTimerRunsTheNextTurn()
    {
        script.WakeUpIn = TimeSpan.FromSeconds(1);
        await StartAsync("r3");

        await WaitUntilAsync(() => script.Decisions >= 3);
    }

    [Fact]
    public async Task GivenAnOutboxPassThatDecidedSomethingNew_WhenItReturns_ThenTheNextTurnFollowsAtOnceWithoutAnEvent()
    {
        script.WakeUpIn = TimeSpan.FromHours(4);
        script.MoreNowPasses = 2;
        await StartAsync("r4");

        await WaitUntilAsync(() => script.Decisions == 3 && script.Passes == 3);
    }

    [Fact]
    public async Task GivenARoundThatClosesWhileItsOrchestrationWaits_WhenChangedIsRaisedTwice_ThenTheOrchestrationEndsAndTheDuplicateChangesNothing()
    {
        script.WakeUpIn = TimeSpan.FromHours(4);
        var id = await StartAsync("r5");
        await WaitUntilAsync(() => script.Decisions == 1);

        script.Closed = true;
        await Client.RaiseEventAsync(id, RoundOrchestration.ChangedEvent, eventPayload: null);
        await Client.RaiseEventAsync(id, RoundOrchestration.ChangedEvent, eventPayload: null);
        var done = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: false, new CancellationTokenSource(Patience).Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        // One turn for the first event (which found the round closed); the second event reached an ended instance.
        Assert.Equal(2, script.Decisions);
    }

    [Fact]
    public async Task GivenAnActivityThatKeepsFailing_WhenTheRetriesAreUsedUp_ThenTheOrchestrationDoesNotFailButWaitsToTryAgain()
    {
        script.FailDecisions = int.MaxValue;
        var id = await StartAsync("r6");

        // Four attempts under the retry policy (2 s, 4 s, 8 s between them), then the turn gives up and sleeps.
        await WaitUntilAsync(() => script.Attempts == 4, TimeSpan.FromSeconds(60));
        var instance = await Client.GetInstanceAsync(id);
        Assert.NotNull(instance);
        Assert.Equal(OrchestrationRuntimeStatus.Running, instance.RuntimeStatus);
        Assert.Equal(0, script.Passes);
    }

    [Theory]
    [InlineData(null, null, 6 * 60)]
    [InlineData(90, null, 90)]
    [InlineData(90, 30, 30)]
    [InlineData(null, 30, 30)]
    [InlineData(-5, 30, 0)]
    [InlineData(7 * 3600, null, 6 * 3600)]
    public void TheOrchestrationSleepsUntilTheNearerOfTheWakeUpAndTheRetryWithinSixHours(int? wakeUpSeconds, int? retrySeconds, int expectedSeconds)
    {
        var sleep = RoundOrchestration.Shortest(
            wakeUpSeconds is { } w ? TimeSpan.FromSeconds(w) : null,
            retrySeconds is { } r ? TimeSpan.FromSeconds(r) : null);

        Assert.Equal(expectedSeconds == 6 * 60 ? RoundOrchestration.LongestSleep : TimeSpan.FromSeconds(expectedSeconds), sleep);
    }

    private Task<string> StartAsync(string roundId) =>
        Client.ScheduleNewOrchestrationInstanceAsync(RoundOrchestration.Name, new RoundOrchestrationInput(roundId),
            new StartOrchestrationOptions(RoundWorkflows.InstanceId(roundId)));

    private static Task WaitUntilAsync(Func<bool> condition, TimeSpan? patience = null) =>
        Eventually.TrueAsync(condition, patience ?? Patience, "The orchestration did not get there in time.");

    private static Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan? patience = null) =>
        Eventually.TrueAsync(condition, patience ?? Patience, "The orchestration did not get there in time.");

    /// <summary>Scripted activities: what each turn finds, and a count of the turns.</summary>
    private sealed class Script
    {
        private int decisions;
        private int passes;
        private int attempts;

        public bool Closed { get; set; }

        public TimeSpan? WakeUpIn { get; set; }

        public int MoreNowPasses { get; set; }

        public int FailDecisions { get; set; }

        public long? Version { get; set; }

        public int Decisions => Volatile.Read(ref decisions);

        public int Passes => Volatile.Read(ref passes);

        public int Attempts => Volatile.Read(ref attempts);

        public ConcurrentBag<string> Rounds { get; } = [];

        public RoundStep Decide(string roundId)
        {
            Rounds.Add(roundId);
            if (Interlocked.Increment(ref attempts) <= FailDecisions)
                throw new InvalidOperationException("Storage is down.");
            Interlocked.Increment(ref decisions);
            return new RoundStep(Closed, WakeUpIn, Version);
        }

        public OutboxStep CarryOut(string roundId)
        {
            Rounds.Add(roundId);
            var pass = Interlocked.Increment(ref passes);
            return new OutboxStep(pass <= MoreNowPasses, null);
        }
    }
}
