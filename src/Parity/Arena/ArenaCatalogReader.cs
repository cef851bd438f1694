using System.Text.Json;

namespace Parity.Arena;

/// <summary>
/// Reads one of LMArena's published leaderboard files from <c>lmarena/arena-catalog</c>
/// (<c>data/leaderboard-text.json</c>, <c>data/leaderboard-text-style-control.json</c>):
/// <c>{category: {model_key: {rating, rating_q025, rating_q975}}}</c>, unrounded, no votes or organizations.
/// Only the overall category (<c>full</c>) is a leaderboard snapshot; the whole file is checked before anything is returned.
/// </summary>
public static class ArenaCatalogReader
{
    /// <summary>The category that is the overall board.</summary>
    public const string OverallCategory = "full";

    /// <summary>The overall board's entries, best first; <paramref name="name"/> names the file in errors.</summary>
    public static IReadOnlyList<ArenaCatalogEntry> Read(byte[] bytes, string name)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException ex)
        {
            throw new ParityException($"{name}:{(ex.LineNumber ?? 0) + 1}: not valid JSON (a truncated download?): {ex.Message}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty(OverallCategory, out var full) || full.ValueKind != JsonValueKind.Object)
            {
                throw new ParityException($"{name}: expected an object with a '{OverallCategory}' category of {{model: {{rating, rating_q025, rating_q975}}}} (the arena-catalog leaderboard format); the schema changed?");
            }

            var entries = new List<ArenaCatalogEntry>();
            foreach (var model in full.EnumerateObject())
            {
                var record = $"{name}: {OverallCategory}.{model.Name}";
                if (model.Value.ValueKind != JsonValueKind.Object)
                {
                    throw new ParityException($"{record}: expected an object with rating, rating_q025 and rating_q975.");
                }

                var rating = Number(model.Value, "rating", record);
                var lower = Number(model.Value, "rating_q025", record);
                var upper = Number(model.Value, "rating_q975", record);
                if (!(lower <= rating && rating <= upper))
                {
                    throw new ParityException($"{record}: field 'rating' {rating} lies outside its interval [rating_q025 {lower}, rating_q975 {upper}].");
                }

                entries.Add(new ArenaCatalogEntry(model.Name, rating, lower, upper));
            }

            if (entries.Count == 0)
            {
                throw new ParityException($"{name}: the '{OverallCategory}' category lists no model.");
            }

            return [.. entries.OrderByDescending(e => e.Rating)];
        }
    }

    private static double Number(JsonElement entry, string field, string record) =>
        entry.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.Number && value.GetDouble() is var x && double.IsFinite(x)
            ? x
            : throw new ParityException($"{record}: field '{field}' is missing or not a number.");
}
