using Justera.Core.JusteringRounds;
using Justera.Documents.Protocols;
using Justera.Web.Api;
using Microsoft.AspNetCore.Http;

namespace Justera.Web.Secretary;

/// <summary>A new protocol version as posted (page or API): the file, an optional new deadline, and what could not be read.</summary>
public sealed record RevisionInput(string FileName, ReadOnlyMemory<byte> Pdf, DateTimeOffset? Deadline, IReadOnlyList<FieldError> Errors)
{
    /// <summary>Reads the multipart fields <c>protocol</c> (PDF) and <c>deadline</c> (Stockholm time, optional).</summary>
    public static async Task<RevisionInput> ReadAsync(IFormCollection form, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var deadline = RoundInput.LocalDateTime(form, "deadline", "Ny sista dag för synpunkter", errors);
        var file = form.Files.GetFile("protocol");
        var pdf = ReadOnlyMemory<byte>.Empty;
        if (file is null || file.Length == 0)
            errors.Add(new("protocol", file is null ? "Välj den nya versionen av protokollet (PDF)." : ProtocolInspector.MessageFor(ProtocolProblem.Empty)));
        else if (file.Length > ProtocolInspector.MaxBytes)
            errors.Add(new("protocol", ProtocolInspector.MessageFor(ProtocolProblem.TooLarge)));
        else
        {
            using var buffer = new MemoryStream((int)file.Length);
            await file.CopyToAsync(buffer, cancellationToken);
            pdf = buffer.ToArray();
        }
        return new RevisionInput(file?.FileName ?? "protokoll.pdf", pdf, deadline, errors);
    }
}
