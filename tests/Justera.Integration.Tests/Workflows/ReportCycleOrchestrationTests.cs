using Justera.Integration.Tests.Infrastructure;
using Justera.Application.ReportCycles;
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
        host = await InProcessEngine.StartAsync(tasks =>
        {
            tasks.AddOrchestratorFunc<ReportCycleOrchestrationInput>(ReportCycleOrchestration.Name, ReportCycleOrchestration.RunAsync);
            tasks.AddActivityFunc<string, CycleStep>(ReportCycleActivities.Decide, (_, cycleId) => script.Decide());
            tasks.AddActivityFunc<string, OutboxStep>(ReportCycleActivities.CarryOutOutbox, (_, cycleId) => script.CarryOut());
            tasks.AddActivityFunc<CompileReportInput, CompileResult>(ReportCycleActivities.Compile, (_, input) => script.Compile(input));
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

    [Fact]
    public async Task GivenAClosedCycleWithVersionTwoPending_WhenItsOrchestrationRuns_ThenVersionTwoIsCompiledOnceAndTheNextTurnEndsIt()
    {
        script.Closed = true;
        script.Pending = 2;
        var id = await StartAsync("t1-2027");

        var done = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: false, new CancellationTokenSource(Patience).Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(["t1-2027 v2"], script.Compiled);
        // The turn after the compile reads the result (and carries out the failure notice it may have left), then ends.
        Assert.Equal(2, script.Decisions);
        Assert.Equal(2, script.Passes);
    }

    [Fact]
    public async Task GivenACompileThatKeepsThrowing_WhenItsRetriesAreUsedUp_ThenTheOrchestrationDoesNotFailButWaitsForTheNextTurn()
    {
        script.Closed = true;
        script.Pending = 1;
        script.CompileThrows = true;
        var id = await StartAsync("t2-2027");

        // The retry policy makes four attempts (2 s, 4 s and 8 s apart); then the loop sleeps a minute instead of failing.
        await Eventually.TrueAsync(() => script.Compiled.Count == 4, TimeSpan.FromSeconds(60), "The compile was not attempted four times.");
        await Eventually.TrueAsync(async () => (await Client.GetInstanceAsync(id))!.RuntimeStatus == OrchestrationRuntimeStatus.Running
            && script.Compiled.Count == 4, Patience, "The orchestration did not go back to sleep.");
        var instance = await Client.GetInstanceAsync(id);
        Assert.NotEqual(OrchestrationRuntimeStatus.Failed, instance!.RuntimeStatus);
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

        /// <summary>The version the decision step reports pending until a compile of it succeeds.</summary>
        public int? Pending { get; set; }

        public bool CompileThrows { get; set; }

        public List<string> Compiled { get; } = [];

        public int Decisions => Volatile.Read(ref decisions);

        public int Passes => Volatile.Read(ref passes);

        public CycleStep Decide()
        {
            Interlocked.Increment(ref decisions);
            var more = BatchesLeft > 0;
            if (more)
                BatchesLeft--;
            return new CycleStep(Closed, Closed ? null : WakeUpIn, more, Pending);
        }

        public CompileResult Compile(CompileReportInput input)
        {
            lock (Compiled)
                Compiled.Add($"{input.CycleId} v{input.Number}");
            if (CompileThrows)
                throw new InvalidOperationException("Storage did not answer.");
            Pending = null;
            return CompileResult.Stored;
        }

        public OutboxStep CarryOut()
        {
            Interlocked.Increment(ref passes);
            return new OutboxStep(false, null);
        }
    }
}
