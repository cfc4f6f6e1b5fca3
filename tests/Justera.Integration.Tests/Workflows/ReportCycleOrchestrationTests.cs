using Justera.Integration.Tests.Infrastructure;
using Justera.Application.Workflows;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;

namespace Justera.Integration.Tests.Workflows;

/// <summary>The report cycle's orchestration in the Durable Task engine (the SDK's in-process test host), with scripted activities.</summary>
public sealed class ReportCycleOrchestrationTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly Script script = new();
    private DurableTaskTestHost host = null!;

    private DurableTaskClient Client => host.Client;

    public async Task InitializeAsync() =>
        host = await DurableTaskTestHost.StartAsync(tasks =>
        {
            tasks.AddOrchestratorFunc<ReportCycleOrchestrationInput>(ReportCycleOrchestration.Name, ReportCycleOrchestration.RunAsync);
            tasks.AddActivityFunc<string, CycleStep>(ReportCycleActivities.Decide, (_, cycleId) => script.Decide());
            tasks.AddActivityFunc<string, OutboxStep>(ReportCycleActivities.CarryOutOutbox, (_, cycleId) => script.CarryOut());
        });

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task GivenThreeBatchesOfUnitsToOpen_WhenTheCycleStarts_ThenTurnsFollowAtOnceUntilAllAreOpenedAndThenItSleeps()
    {
        script.BatchesLeft = 3;
        script.WakeUpIn = TimeSpan.FromHours(4);
        var id = await StartAsync("t1-2026");

        await WaitUntilAsync(() => script.Decisions == 4 && script.Passes == 4);
        var instance = await Client.GetInstanceAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Running, instance!.RuntimeStatus);
    }

    [Fact]
    public async Task GivenEventsFromUnitStreams_WhenTheyArrive_ThenEachRunsATurnWhateverVersionItCarries()
    {
        // Unit streams number their versions independently, so a low version from a unit is no older than what the turn read.
        script.WakeUpIn = TimeSpan.FromHours(4);
        var id = await StartAsync("t2-2026");
        await WaitUntilAsync(() => script.Decisions == 1);

        await Client.RaiseEventAsync(id, WorkflowLoop.ChangedEvent, 1L);
        await WaitUntilAsync(() => script.Decisions == 2);
        await Client.RaiseEventAsync(id, WorkflowLoop.ChangedEvent, 1L);
        await WaitUntilAsync(() => script.Decisions == 3 && script.Passes == 3);
    }

    [Fact]
    public async Task GivenAClosedCycleWithNothingLeft_WhenItsOrchestrationRuns_ThenItEnds()
    {
        script.Closed = true;
        var id = await StartAsync("vb-2026");

        var done = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: false, new CancellationTokenSource(Patience).Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(1, script.Decisions);
    }

    private Task<string> StartAsync(string cycleId) =>
        Client.ScheduleNewOrchestrationInstanceAsync(ReportCycleOrchestration.Name, new ReportCycleOrchestrationInput(cycleId),
            new StartOrchestrationOptions(CycleWorkflows.InstanceId(cycleId)));

    private static Task WaitUntilAsync(Func<bool> condition) =>
        Eventually.TrueAsync(condition, Patience, "The orchestration did not get there in time.");

    private sealed class Script
    {
        private int decisions;
        private int passes;

        public bool Closed { get; set; }

        public TimeSpan? WakeUpIn { get; set; }

        public int BatchesLeft { get; set; }

        public int Decisions => Volatile.Read(ref decisions);

        public int Passes => Volatile.Read(ref passes);

        public CycleStep Decide()
        {
            Interlocked.Increment(ref decisions);
            var more = BatchesLeft > 0;
            if (more)
                BatchesLeft--;
            return new CycleStep(Closed, Closed ? null : WakeUpIn, more);
        }

        public OutboxStep CarryOut()
        {
            Interlocked.Increment(ref passes);
            return new OutboxStep(false, null);
        }
    }
}
