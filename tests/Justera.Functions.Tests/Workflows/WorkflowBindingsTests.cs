using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Justera.Application.Workflows;
using Justera.Functions.Tests.Http;
using Justera.Functions.Workflows;
using Justera.Integration.Tests.Infrastructure;
using Justera.Web.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Justera.Functions.Tests.Workflows;

/// <summary>One private Azurite for the class: the bindings below run the shared code against real tables.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public AzuriteServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await AzuriteServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>
/// The Durable bindings hand over to the shared workflow classes: the HTTP function's <c>[DurableClient]</c> is the one
/// a committed decision starts its round's orchestration with, the activities run the round's decision, and the
/// recovery timer wakes an overdue round with its own client.
/// </summary>
public sealed class WorkflowBindingsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    /// <summary>A working Tuesday, 09:30 in Stockholm.</summary>
    private static readonly DateTimeOffset Start = new(2026, 12, 8, 8, 30, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider clock = new(Start);

    private async Task<WorkerHttpHost> StartHostAsync()
    {
        var host = await WorkerHttpHost.StartAsync("Development",
            [
                new("Storage:ConnectionString", azurite.Server.ConnectionString),
                new("Storage:Prefix", $"t{Guid.NewGuid():N}"[..13]),
                // Nothing listens there: these tests never get as far as sending.
                new("Smtp:Host", "127.0.0.1"),
                new("Smtp:Port", FreePort.Get().ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new("Smtp:FromAddress", "justera@example.org"),
                new("Smtp:FromName", "Justera"),
                new("Justera:PublicBaseUrl", "https://justera.test/"),
            ],
            services => services.AddSingleton<TimeProvider>(clock));
        await host.Services.EnsureStorageAsync();
        return host;
    }

    private static async Task<string> CreateAndStartRoundAsync(WorkerHttpHost host)
    {
        using var form = new MultipartFormDataContent();
        var pdf = new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(RepoPaths.Root, "samples", "fg-protokoll-exempel.pdf")));
        pdf.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(pdf, "protocol", "fg-protokoll-exempel.pdf");
        form.Add(new StringContent(await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "samples", "justerare-exempel.json")), Encoding.UTF8, "application/json"), "roster");
        form.Add(new StringContent("2026-12-07"), "meetingDate");
        form.Add(new StringContent("2026-12-18T16:00"), "deadline");
        form.Add(new StringContent("true"), "start");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/rundor", UriKind.Relative)) { Content = form };
        request.Headers.Add(DevelopmentSignIn.SecretaryHeader, "sekreterare@example.org");
        request.Headers.Add(DevelopmentSignIn.AdministrationHeader, Uri.EscapeDataString("Exempelby stadsdelsförvaltning"));

        using var response = await host.CreateClient().SendAsync(request);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Creating the round answered {(int)response.StatusCode}: {body}");
        return response.Headers.Location!.OriginalString["/api/rundor/".Length..];
    }

    private static void VerifyStarted(Mock<DurableTaskClient> client, string roundId) =>
        client.Verify(c => c.ScheduleNewOrchestrationInstanceAsync(
            It.Is<TaskName>(n => n.Name == RoundOrchestration.Name),
            It.Is<object?>(input => input is RoundOrchestrationInput && ((RoundOrchestrationInput)input).RoundId == roundId),
            It.Is<StartOrchestrationOptions?>(o => o != null && o.InstanceId == RoundWorkflows.InstanceId(roundId)),
            It.IsAny<CancellationToken>()), Times.Once);

    [Fact]
    public async Task HttpFunction_StartsTheRoundsOrchestration_WithItsOwnDurableClient()
    {
        await using var host = await StartHostAsync();

        var roundId = await CreateAndStartRoundAsync(host);

        VerifyStarted(host.Client, roundId);
    }

    [Fact]
    public async Task DecideActivity_RunsTheRoundsDecision_AndSaysWhenItWantsToWake()
    {
        await using var host = await StartHostAsync();
        var roundId = await CreateAndStartRoundAsync(host);
        var functions = new RoundFunctions(host.Services.GetRequiredService<RoundActivities>());

        var step = await functions.DecideAsync(roundId, CancellationToken.None);

        Assert.False(step.Closed);
        Assert.NotNull(step.WakeUpIn);
        Assert.InRange(step.WakeUpIn.Value, TimeSpan.FromMinutes(1), TimeSpan.FromDays(10));
    }

    [Fact]
    public async Task DecideActivity_ForARoundThatDoesNotExist_SaysItIsClosed()
    {
        await using var host = await StartHostAsync();
        var functions = new RoundFunctions(host.Services.GetRequiredService<RoundActivities>());

        var step = await functions.DecideAsync("finnsinte", CancellationToken.None);

        Assert.True(step.Closed);
    }

    [Fact]
    public async Task RecoveryTimer_WakesAnOverdueRound_WithTheTimersDurableClient()
    {
        await using var host = await StartHostAsync();
        var roundId = await CreateAndStartRoundAsync(host);
        // The round's first reminder falls due, and no orchestration ran it: the task hub lost it.
        clock.Advance(TimeSpan.FromDays(5));
        var hubWithoutTheRound = WorkerHttpHost.EmptyTaskHub();
        var function = new RecoveryFunction(host.Services.GetRequiredService<WorkflowRecovery>());

        await function.RunAsync(new TimerInfo(), hubWithoutTheRound.Object, CancellationToken.None);

        VerifyStarted(hubWithoutTheRound, roundId);
    }
}
