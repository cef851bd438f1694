using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Parity.Arena;
using Parity.Catalog;

namespace Parity.Cli.Tests.Commands;

/// <summary>Newer copies of the shipped feeds for <c>parity update</c> tests: the real files with one stated change each.</summary>
internal static class FeedFixtures
{
    /// <summary>A model key no snapshot has: the "new model" of the newer board.</summary>
    public const string NewModelKey = "fixture-new-model";

    /// <summary>LiteLLM's shipped map with GPT-5's output price changed from $10 to $12 per million.</summary>
    public static byte[] NewerLiteLlm()
    {
        var map = JsonNode.Parse(File.ReadAllText(Path.Combine(ShippedData.Root, "catalog", "litellm_subset_2026-07-24.json")))!.AsObject();
        map["gpt-5"]!["output_cost_per_token"] = 1.2e-05;
        return JsonSerializer.SerializeToUtf8Bytes(map);
    }

    /// <summary>The shipped newest raw text board (LMArena's arena-catalog copy of 2025-12-11), unchanged.</summary>
    public static LeaderboardSnapshot ShippedTextBoard() =>
        LeaderboardHistory.LoadShipped(OrganizationTable.LoadShipped()).Snapshots(LeaderboardHistory.TextBoard)[^1];

    /// <summary>
    /// <paramref name="snapshot"/> in arena-catalog's format (<c>{category: {key: {rating, rating_q975, rating_q025}}}</c>, a
    /// second category as the real files have), with <paramref name="promote"/> raised 40 points above the leader and
    /// <see cref="NewModelKey"/> added just below it, when given.
    /// </summary>
    public static byte[] ArenaBoard(LeaderboardSnapshot snapshot, string? promote = null)
    {
        var full = new JsonObject();
        var top = snapshot.Entries.Max(e => e.Rating);
        foreach (var e in snapshot.Entries)
        {
            var (rating, lower, upper) = e.ModelKey == promote ? (top + 40, top + 34, top + 46) : (e.Rating, e.Lower ?? e.Rating, e.Upper ?? e.Rating);
            full[e.ModelKey] = Entry(rating, lower, upper);
        }

        if (promote is not null)
        {
            full[NewModelKey] = Entry(top + 1, top - 9, top + 11);
        }

        var root = new JsonObject { ["chinese"] = new JsonObject { [snapshot.Entries[0].ModelKey] = Entry(1500, 1490, 1510) }, ["full"] = full };
        return JsonSerializer.SerializeToUtf8Bytes(root);
    }

    private static JsonObject Entry(double rating, double lower, double upper) =>
        new() { ["rating"] = rating, ["rating_q975"] = upper, ["rating_q025"] = lower };

    /// <summary>The newest board's best Chinese open-weight model (the one a newer board promotes to the top).</summary>
    public static string BestChineseOpenModel(LeaderboardSnapshot snapshot) =>
        snapshot.Entries.First(e => e.Country == "CN" && e.OpenWeights == true).ModelKey;

    public static string Invariant(double x) => x.ToString("0.0", CultureInfo.InvariantCulture);
}
