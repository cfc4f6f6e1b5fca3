using Justera.Integration.Tests.Infrastructure;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Testing;

namespace Justera.Integration.Tests.Workflows;

/// <summary>
/// The SDK's in-process engine on a free port. Left to itself it picks a random port between 30000 and 40000, which
/// collides now and then with the ports other test projects' servers took (a flaky "address already in use").
/// </summary>
internal static class InProcessEngine
{
    public static async Task<DurableTaskTestHost> StartAsync(Action<DurableTaskRegistry> tasks)
    {
        // A port chosen now can still be taken before the engine binds it; then try another.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await DurableTaskTestHost.StartAsync(tasks, new DurableTaskTestHostOptions { Port = FreePort.Get() });
            }
            catch (IOException) when (attempt < 3)
            {
            }
        }
    }
}
