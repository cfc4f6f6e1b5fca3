using Justera.Core.JusteringRounds;
using Justera.Web.Api;
using Justera.Web.Pages;
using Microsoft.AspNetCore.Http;

namespace Justera.Web.Secretary;

/// <summary>A new protocol version as posted (page or API): the file, an optional new deadline, and what could not be read.</summary>
public sealed record RevisionInput(string FileName, ReadOnlyMemory<byte> Pdf, DateTimeOffset? Deadline, IReadOnlyList<FieldError> Errors)
{
    /// <summary>Reads the multipart fields <c>protocol</c> (PDF) and <c>deadline</c> (Stockholm time, optional).</summary>
    public static async Task<RevisionInput> ReadAsync(IFormCollection form, DateOnly meetingDate, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var deadline = RoundInput.LocalDateTime(form, "deadline", "Ny sista dag för synpunkter", errors);
        if (deadline is { } d)
            errors.AddRange(RoundDates.Deadline(d, meetingDate, now));
        var (fileName, pdf) = await PdfUpload.ReadAsync(form, "protocol", "Välj den nya versionen av protokollet (PDF).", errors, cancellationToken);
        return new RevisionInput(fileName, pdf, deadline, errors);
    }
}
