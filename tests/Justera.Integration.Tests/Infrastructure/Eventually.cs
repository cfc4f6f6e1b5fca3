namespace Justera.Integration.Tests.Infrastructure;

/// <summary>Waits for a condition that another process or thread makes true, polling within a bound: never a fixed sleep.</summary>
public static class Eventually
{
    public static Task TrueAsync(Func<bool> condition, TimeSpan patience, string failure) =>
        TrueAsync(() => Task.FromResult(condition()), patience, failure);

    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan patience, string failure)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var until = DateTime.UtcNow + patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, failure);
            await Task.Delay(25);
        }
    }
}
