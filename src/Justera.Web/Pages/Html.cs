using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;

namespace Justera.Web.Pages;

/// <summary>
/// A piece of HTML. Interpolating into it encodes every value unless the value is itself <see cref="Html"/>,
/// so names and answer texts typed by people can only ever show as text.
/// </summary>
public readonly struct Html(string value)
{
    public static Html Empty { get; } = new("");

    public string Value => value ?? "";

    public static Html Raw(string trusted) => new(trusted);

    public static Html Join(IEnumerable<Html> parts) => new(string.Concat(parts.Select(p => p.Value)));

    public static implicit operator Html(HtmlBuilder builder) => builder.Build();

    public override string ToString() => Value;
}

/// <summary>The interpolation handler behind <see cref="Html"/>: literal parts pass through, values are encoded.</summary>
[InterpolatedStringHandler]
public ref struct HtmlBuilder
{
    private readonly StringBuilder _builder;

    public HtmlBuilder(int literalLength, int formattedCount) => _builder = new StringBuilder(literalLength + (formattedCount * 16));

    public readonly void AppendLiteral(string literal) => _builder.Append(literal);

    public readonly void AppendFormatted(Html html) => _builder.Append(html.Value);

    public readonly void AppendFormatted(IEnumerable<Html> parts)
    {
        foreach (var part in parts)
            _builder.Append(part.Value);
    }

    public readonly void AppendFormatted<T>(T value) =>
        _builder.Append(HtmlEncoder.Default.Encode(Convert.ToString(value, System.Globalization.CultureInfo.GetCultureInfo("sv-SE")) ?? ""));

    public readonly void AppendFormatted<T>(T value, string? format)
        where T : IFormattable =>
        _builder.Append(HtmlEncoder.Default.Encode(value.ToString(format, System.Globalization.CultureInfo.GetCultureInfo("sv-SE"))));

    public readonly Html Build() => new(_builder.ToString());
}

/// <summary>Shorthand: <c>H($"&lt;p&gt;{name}&lt;/p&gt;")</c> builds encoded HTML.</summary>
public static class HtmlFactory
{
    public static Html H(HtmlBuilder builder) => builder.Build();
}
