using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Justera.Integration.Tests.JusteringRounds;

namespace Justera.Integration.Tests.Hardening;

/// <summary>
/// What a refused hostile request must look like: a 4xx, RFC 9457 problem details from the API or a page from the
/// pages, in Swedish, naming no exception, type or stack frame. Each check returns what is wrong (null when nothing),
/// so a test can try many inputs and report every one that fails at once.
/// </summary>
public static class Refusals
{
    private static readonly string[] Leaks = ["Exception", " at ", "Microsoft.", "System.", "stack"];

    /// <summary>Swedish letters, or a word every Swedish message of ours uses.</summary>
    private static readonly string[] Swedish = ["å", "ä", "ö", "Å", "Ä", "Ö", "Inget har sparats", "Ange"];

    public static async Task<string?> CheckAsync(HttpResponseMessage response, string label, bool page, int? status = null)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync();
        var code = (int)response.StatusCode;
        var problems = new List<string>();
        if (status is { } expected ? code != expected : code is < 400 or >= 500)
            problems.Add($"status {code}");
        var media = response.Content.Headers.ContentType?.MediaType;
        if (media != (page ? "text/html" : "application/problem+json"))
            problems.Add($"content type {media ?? "none"}");
        var text = page ? WebUtility.HtmlDecode(body) : ProblemText(body, problems);
        if (!Swedish.Any(w => text.Contains(w, StringComparison.Ordinal)))
            problems.Add("no Swedish message");
        problems.AddRange(Leaks.Where(l => body.Contains(l, StringComparison.OrdinalIgnoreCase)).Select(l => $"body contains \"{l}\""));
        return problems.Count == 0 ? null : $"{label}: {string.Join(", ", problems)} — {(body.Length > 300 ? body[..300] : body)}";
    }

    /// <summary>The problem's title, detail and field messages, decoded from JSON.</summary>
    private static string ProblemText(string body, List<string> problems)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            var parts = new List<string?>
            {
                root.TryGetProperty("title", out var t) ? t.GetString() : null,
                root.TryGetProperty("detail", out var d) ? d.GetString() : null,
            };
            if (root.TryGetProperty("errors", out var errors))
                parts.AddRange(errors.EnumerateObject().SelectMany(e => e.Value.EnumerateArray().Select(m => m.GetString())));
            if (root.TryGetProperty("exception", out _))
                problems.Add("has an \"exception\" member");
            return string.Join(" ", parts.OfType<string>());
        }
        catch (JsonException)
        {
            problems.Add("body is not JSON");
            return "";
        }
    }

    public static void AssertNone(IEnumerable<string?> failures)
    {
        var found = failures.OfType<string>().ToList();
        Assert.True(found.Count == 0, $"{found.Count} hostile request(s) were not refused properly:\n" + string.Join("\n", found));
    }

    /// <summary>What was stored and sent, as text: the administration's rounds, a round's history and the number of mails delivered.</summary>
    public static async Task<string> SnapshotAsync(RoundScenario s, string? roundId = null)
    {
        ArgumentNullException.ThrowIfNull(s);
        // Everything the round had to send is sent before counting: with the engine on, its orchestration may hold a
        // lease on the last rows (a pass of ours then skips them), and a mail still on its way would count later.
        if (roundId is null)
            await s.Host.DispatchOnceAsync();
        else
            await s.DrainOutboxAsync(roundId);
        await s.FenceAsync();
        var mails = (await s.MailDev.GetMailsAsync()).Count(m => m.Subject != "Staket");
        var rounds = (await s.ListAsync()).GetRawText();
        var history = roundId is null ? "" : (await s.HistoryAsync(roundId)).GetRawText();
        return $"{mails} mails; rounds {rounds}; history {history}";
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static HttpContent Raw(string body, string contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }
}

/// <summary>A body of zero bytes written as it is sent, so a test can offer 70 MB without holding it in memory.</summary>
public sealed class ZeroContent : HttpContent
{
    private readonly long length;

    public ZeroContent(long length, string contentType)
    {
        this.length = length;
        Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        var chunk = new byte[64 * 1024];
        for (long sent = 0; sent < length; sent += chunk.Length)
            await stream.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, length - sent)));
    }

    protected override bool TryComputeLength(out long length)
    {
        length = this.length;
        return true;
    }
}
