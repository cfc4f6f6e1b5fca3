using System.Net.Sockets;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Justera.Integration.Tests.Infrastructure;

/// <summary>Proves the test servers behave as the other integration tests rely on.</summary>
[Collection(ServersFixture.Collection)]
public sealed class ServersTests(ServersFixture servers)
{
    private static readonly TimeSpan MailTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task GivenAzurite_WhenTheTableEndpointIsCalledOverHttp_ThenAzuriteAnswers()
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });

        using var response = await http.GetAsync(new Uri($"{servers.Azurite.TableEndpoint}/Tables"));

        // Unsigned requests are refused, but the answer shows the table service is up.
        Assert.Contains("Azurite-Table", response.Headers.Server.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenAzurite_WhenTheSdkClientsUseTheConnectionString_ThenTablesAndBlobsWork()
    {
        var connectionString = servers.Azurite.ConnectionString;
        var table = new TableClient(connectionString, "serverstest");
        var container = new BlobContainerClient(connectionString, "serverstest");

        await table.CreateIfNotExistsAsync();
        await table.UpsertEntityAsync(new TableEntity("protokoll", "1") { ["Title"] = "Protokoll 2026-11-24" });
        await container.CreateIfNotExistsAsync();
        await container.UploadBlobAsync($"{Guid.NewGuid():N}.txt", BinaryData.FromString("justerat"));

        var entity = await table.GetEntityAsync<TableEntity>("protokoll", "1");
        Assert.Equal("Protokoll 2026-11-24", entity.Value.GetString("Title"));
    }

    [Fact]
    public async Task GivenAzurite_WhenItIsStoppedAndRestarted_ThenItIsDownMeanwhileAndTheDataSurvives()
    {
        // An Azurite of its own: stopping the shared one would disturb the other tests.
        await using var azurite = await AzuriteServer.StartAsync();
        var options = new TableClientOptions();
        options.Retry.MaxRetries = 0;
        var table = new TableClient(azurite.ConnectionString, "restart", options);
        await table.CreateIfNotExistsAsync();
        // Written just before the stop, i.e. well inside Azurite's 5 s autosave interval.
        await table.AddEntityAsync(new TableEntity("protokoll", "1") { ["Title"] = "Protokoll 2026-11-24" });

        await azurite.StopAsync();
        Assert.False(azurite.IsRunning);
        await Assert.ThrowsAsync<RequestFailedException>(() => table.GetEntityAsync<TableEntity>("protokoll", "1"));

        await azurite.RestartAsync();
        var entity = await table.GetEntityAsync<TableEntity>("protokoll", "1");
        Assert.Equal("Protokoll 2026-11-24", entity.Value.GetString("Title"));
    }

    [Fact]
    public async Task GivenMailDev_WhenAMailIsSent_ThenTheRestApiReturnsIt()
    {
        var message = NewMessage("Protokoll att justera – Norrmalms stadsdelsnämnd");

        await SendAsync(message);

        var mail = await servers.MailDev.WaitForMailAsync(m => m.MessageId == $"<{message.MessageId}>", MailTimeout);
        Assert.Equal(message.Subject, mail.Subject);
        Assert.Equal("noreply@justera.test", Assert.Single(mail.From).Address);
        var to = Assert.Single(mail.To);
        Assert.Equal(("asa@example.test", "Åsa Justerare"), (to.Address, to.Name));
        Assert.Contains("Hej Åsa!", mail.Text, StringComparison.Ordinal);
        Assert.Contains("<p>Hej Åsa!</p>", mail.Html, StringComparison.Ordinal);
        Assert.Equal($"<{message.MessageId}>", mail.Headers["Message-ID"]);
        Assert.Equal(message.Date.ToUnixTimeSeconds(), mail.Date.ToUnixTimeSeconds());
    }

    [Fact]
    public async Task GivenMailDev_WhenItIsStoppedAndStartedAgain_ThenSmtpIsRefusedMeanwhileAndWorksAfterwards()
    {
        var mailDev = servers.MailDev;

        await mailDev.StopAsync();
        try
        {
            Assert.False(mailDev.IsRunning);
            await Assert.ThrowsAnyAsync<SocketException>(() => SendAsync(NewMessage("Skickat medan SMTP är nere")));
        }
        finally
        {
            await mailDev.StartAsync();
        }

        await mailDev.DeleteAllAsync();
        Assert.Empty(await mailDev.GetMailsAsync());
        var message = NewMessage("Skickat efter omstart");
        await SendAsync(message);
        var mail = await mailDev.WaitForMailAsync(m => m.MessageId == $"<{message.MessageId}>", MailTimeout);
        Assert.Equal(message.Subject, mail.Subject);
    }

    private static MimeMessage NewMessage(string subject)
    {
        var message = new MimeMessage
        {
            Subject = subject,
            MessageId = $"{Guid.NewGuid():N}@justera.test",
            Body = new BodyBuilder { TextBody = "Hej Åsa!", HtmlBody = "<p>Hej Åsa!</p>" }.ToMessageBody(),
        };
        message.From.Add(new MailboxAddress("Justera", "noreply@justera.test"));
        message.To.Add(new MailboxAddress("Åsa Justerare", "asa@example.test"));
        return message;
    }

    private async Task SendAsync(MimeMessage message)
    {
        // MailKit is what production code sends with (via Justera.Mail), so this also shows that
        // maildev copes with a real client's EHLO/PIPELINING dialogue.
        using var smtp = new SmtpClient();
        await smtp.ConnectAsync(servers.MailDev.SmtpHost, servers.MailDev.SmtpPort, SecureSocketOptions.None);
        await smtp.SendAsync(message);
        await smtp.DisconnectAsync(quit: true);
    }
}
