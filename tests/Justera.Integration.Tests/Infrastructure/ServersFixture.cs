namespace Justera.Integration.Tests.Infrastructure;

/// <summary>
/// One Azurite and one maildev shared by the tests of the "servers" collection (xunit runs a
/// collection's tests one after another). A test that stops a server must start it again,
/// in a finally block; tests that need a server of their own start one with
/// <see cref="AzuriteServer.StartAsync"/> or <see cref="MailDevServer.StartNewAsync"/>.
/// </summary>
public sealed class ServersFixture : IAsyncLifetime
{
    /// <summary>The xunit collection name: <c>[Collection(ServersFixture.Collection)]</c>.</summary>
    public const string Collection = "servers";

    private AzuriteServer? azurite;
    private MailDevServer? mailDev;

    public AzuriteServer Azurite => azurite ?? throw new InvalidOperationException("The fixture has not been initialized.");

    public MailDevServer MailDev => mailDev ?? throw new InvalidOperationException("The fixture has not been initialized.");

    public async Task InitializeAsync()
    {
        // Both start in parallel; together they take about as long as the slower one.
        var startAzurite = AzuriteServer.StartAsync();
        var startMailDev = MailDevServer.StartNewAsync();
        try
        {
            await Task.WhenAll(startAzurite, startMailDev);
        }
        catch
        {
            // Whichever did start must not stay running when the other failed.
            if (startAzurite.IsCompletedSuccessfully)
            {
                await startAzurite.Result.DisposeAsync();
            }

            if (startMailDev.IsCompletedSuccessfully)
            {
                await startMailDev.Result.DisposeAsync();
            }

            throw;
        }

        azurite = startAzurite.Result;
        mailDev = startMailDev.Result;
    }

    public async Task DisposeAsync()
    {
        if (azurite is not null)
        {
            await azurite.DisposeAsync();
        }

        if (mailDev is not null)
        {
            await mailDev.DisposeAsync();
        }
    }
}

/// <summary>
/// Test classes marked <c>[Collection(ServersFixture.Collection)]</c> share one <see cref="ServersFixture"/>.
/// xunit only reads collection definitions from the test assembly itself, so another test
/// project that wants the fixture declares a definition class like this one.
/// </summary>
[CollectionDefinition(ServersFixture.Collection)]
public sealed class ServersCollectionDefinition : ICollectionFixture<ServersFixture>;
