namespace Justera.Integration.Tests.Infrastructure;

internal static class TempFolders
{
    /// <summary>
    /// Deletes a test server's temporary folder. Failing to clean up /tmp must not fail a test
    /// (or hide the exception that made it fail), so errors are ignored after a few retries.
    /// </summary>
    public static void DeleteQuietly(string folder)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }

                return;
            }
            catch (IOException)
            {
                // A just-killed process may still be closing files; try again shortly.
                Thread.Sleep(200);
            }
            catch (UnauthorizedAccessException)
            {
                Thread.Sleep(200);
            }
        }
    }
}
