using Justera.Application.Outbox;
using Microsoft.Extensions.Time.Testing;

namespace Justera.Integration.Tests.Outbox;

public class SendRateTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Sends one after another as the dispatcher does, each taking <paramref name="sendTakes"/>; returns when each send finished.
    /// Runs without xunit's synchronization context, as the hosts do, so a permit is given on the thread that moves the clock.
    /// </summary>
    private static Task<List<DateTimeOffset>> SendAsync(SendRate rate, FakeTimeProvider clock, int count, TimeSpan sendTakes) =>
        Task.Run(() => SendInOrderAsync(rate, clock, count, sendTakes));

    private static async Task<List<DateTimeOffset>> SendInOrderAsync(SendRate rate, FakeTimeProvider clock, int count, TimeSpan sendTakes)
    {
        var finished = new List<DateTimeOffset>();
        for (var i = 0; i < count; i++)
        {
            var permit = rate.AcquireAsync();
            // Moves the clock a second at a time until the permit is given; never more than ten minutes.
            for (var step = 0; !permit.IsCompleted && step < 600; step++)
                clock.Advance(TimeSpan.FromSeconds(1));
            Assert.True(permit.IsCompleted, $"Send {i + 1} got no permit within ten minutes.");
            using (await permit)
            {
                clock.Advance(sendTakes);
                finished.Add(clock.GetUtcNow());
            }
        }
        return finished;
    }

    /// <summary>The most sends in any 60 seconds; a window holding the most sends can always be taken to start at one of them.</summary>
    private static int MostInAnyMinute(IReadOnlyList<DateTimeOffset> sends) =>
        sends.Max(from => sends.Count(t => t >= from && t < from + Minute));

    [Fact]
    public async Task GivenThirtyAMinute_WhenFiftyMailsAreSent_ThenThirtyGoAtOnceAndTheThirtyFirstExactlyAMinuteAfterTheFirst()
    {
        var clock = new FakeTimeProvider(Start);
        using var rate = new SendRate(30, clock);

        var sends = await SendAsync(rate, clock, 50, TimeSpan.Zero);

        Assert.All(sends.Take(30), t => Assert.Equal(Start, t));
        Assert.Equal(sends[0] + Minute, sends[30]);
        Assert.All(sends.Skip(30), t => Assert.Equal(Start + Minute, t));
        Assert.Equal(30, MostInAnyMinute(sends));
    }

    [Theory]
    [InlineData(30, 50, 0)]
    [InlineData(30, 95, 700)]
    [InlineData(1, 5, 0)]
    [InlineData(7, 40, 2500)]
    public async Task GivenARate_WhenManyMailsAreSent_ThenNoSixtySecondsEverHoldMoreThanTheRate(int perMinute, int count, int sendMilliseconds)
    {
        var clock = new FakeTimeProvider(Start);
        using var rate = new SendRate(perMinute, clock);

        var sends = await SendAsync(rate, clock, count, TimeSpan.FromMilliseconds(sendMilliseconds));

        // Every window, not just the first: a limiter that refills early passes a check of the first minute alone.
        Assert.Equal(perMinute, MostInAnyMinute(sends));
        Assert.All(sends.Skip(perMinute).Select((t, i) => t - sends[i]), gap => Assert.True(gap >= Minute, $"Only {gap} between a send and the one {perMinute} places later."));
    }

    [Fact]
    public async Task GivenASendStillInFlight_WhenAnotherAsks_ThenItWaitsUntilTheFirstIsDone()
    {
        var clock = new FakeTimeProvider(Start);
        using var rate = new SendRate(30, clock);

        var first = await rate.AcquireAsync();
        var second = rate.AcquireAsync();
        Assert.False(second.IsCompleted);

        first.Dispose();
        (await second).Dispose();
    }

    [Fact]
    public Task GivenAWaitingSend_WhenItIsCancelled_ThenTheNextSendStillGetsItsTurn() => Task.Run(async () =>
    {
        var clock = new FakeTimeProvider(Start);
        using var rate = new SendRate(1, clock);
        (await rate.AcquireAsync()).Dispose();

        using var cancel = new CancellationTokenSource();
        var waiting = rate.AcquireAsync(cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);

        var next = rate.AcquireAsync();
        clock.Advance(Minute);
        Assert.True(next.IsCompleted);
        (await next).Dispose();
    });
}
