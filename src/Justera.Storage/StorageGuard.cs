using Azure;

namespace Justera.Storage;

/// <summary>Turns "storage did not answer" into one exception the edges map to 503, whatever client raised it.</summary>
internal static class StorageGuard
{
    internal static async Task<T> GuardAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (RequestFailedException e) when (e.Status is 0 or >= 500)
        {
            throw new StorageUnavailableException("Storage did not answer.", e);
        }
        catch (AggregateException e) when (e.InnerExceptions.All(x => x is RequestFailedException or HttpRequestException))
        {
            throw new StorageUnavailableException("Storage did not answer.", e);
        }
        catch (HttpRequestException e)
        {
            throw new StorageUnavailableException("Storage did not answer.", e);
        }
    }

    internal static Task GuardAsync(Func<Task> call) => GuardAsync(async () =>
    {
        await call();
        return true;
    });

}
