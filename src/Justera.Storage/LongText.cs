using Azure.Data.Tables;

namespace Justera.Storage;

/// <summary>
/// Stores a long string over several properties of one entity: a Table string property holds at most
/// 32K UTF-16 characters, an entity 1 MiB and 255 properties (TRAPS.md), and 50 answers of 4,000
/// characters do not fit one property.
/// </summary>
internal static class LongText
{
    private const int ChunkChars = 30_000;

    public static void Write(TableEntity entity, string name, string value)
    {
        var parts = (value.Length + ChunkChars - 1) / ChunkChars;
        entity[name + "Parts"] = Math.Max(parts, 1);
        for (var i = 0; i < Math.Max(parts, 1); i++)
            entity[Part(name, i)] = value.Substring(i * ChunkChars, Math.Min(ChunkChars, value.Length - (i * ChunkChars)));
    }

    public static string Read(TableEntity entity, string name)
    {
        var parts = entity.GetInt32(name + "Parts") ?? 1;
        return parts == 1
            ? entity.GetString(Part(name, 0)) ?? ""
            : string.Concat(Enumerable.Range(0, parts).Select(i => entity.GetString(Part(name, i))));
    }

    private static string Part(string name, int index) => index == 0 ? name : $"{name}{index}";
}
