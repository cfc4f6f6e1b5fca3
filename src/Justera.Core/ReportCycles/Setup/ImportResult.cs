using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace Justera.Core.ReportCycles.Setup;

/// <summary>
/// One problem in an imported file, in Swedish for the secretary who will fix it. <see cref="Message"/> is complete on
/// its own ("Rad 5, Enhetschefens e-post: …"); <see cref="Line"/> (1-based) and <see cref="Field"/> (a CSV column as
/// the file names it, or a JSON path) are there for pages that point at the place.
/// </summary>
public sealed record ImportError(int? Line, string? Field, string Message)
{
    /// <summary>An error at a line and field, its message prefixed with both.</summary>
    public static ImportError At(int? line, string? field, string problem)
    {
        var where = (line, field) switch
        {
            (null, null) => "",
            (null, _) => $"{field}: ",
            (_, null) => $"Rad {line}: ",
            _ => $"Rad {line}, {field}: ",
        };
        return new(line, field, where + problem);
    }

    /// <summary>An error about the whole file.</summary>
    public static ImportError File(string problem) => new(null, null, problem);
}

/// <summary>What an import gave: the value, or every error found (nothing is half imported).</summary>
public sealed record ImportResult<T>(T? Value, ImmutableArray<ImportError> Errors)
    where T : class
{
    [MemberNotNullWhen(true, nameof(Value))]
    public bool Succeeded => Value is not null && Errors.IsEmpty;
}

/// <summary>Makes <see cref="ImportResult{T}"/>s.</summary>
public static class ImportResult
{
    public static ImportResult<T> Ok<T>(T value) where T : class => new(value, []);

    public static ImportResult<T> Failed<T>(IEnumerable<ImportError> errors) where T : class => new(null, [.. errors]);
}
