using Parity.Analysis;
using Parity.Claims;

namespace Parity.Tests.Claims;

/// <summary>Small, hand-made boards and prices for claim tests.</summary>
internal static class ClaimTestData
{
    public static RatedModel Model(string key, double rating, string country, bool open, double halfWidth = 5) =>
        new(key, key, rating, rating - halfWidth, rating + halfWidth, country == "US" ? "US Lab" : "CN Lab", country, open);

    public static ClaimData Data(IReadOnlyList<PricePoint>? prices = null, IReadOnlyList<TrainingFact>? training = null)
    {
        var snapshots = new List<RatingSnapshot>();
        var start = new DateOnly(2024, 1, 10);
        for (var i = 0; i < 18; i++)
        {
            // US leads by 100 points, shrinking by 4 points a month.
            snapshots.Add(new RatingSnapshot(start.AddMonths(i), $"test-board-{i}.csv", "text", "BT", [
                Model("us-best", 1400 + i, "US", false),
                Model("cn-best", 1300 + 5 * i, "CN", true),
            ]));
        }

        snapshots.Add(new RatingSnapshot(new DateOnly(2025, 12, 1), "test-newest.csv", "text", "BT", [
            Model("us-frontier", 1500, "US", false),
            Model("us-second", 1480, "US", false),
            Model("cn-open", 1460, "CN", true),
            Model("cn-open-v2", 1400, "CN", true),
            Model("us-small", 1300, "US", true),
        ]));
        var pricesByModel = (prices ?? []).GroupBy(p => p.Model).ToDictionary(g => g.Key, g => (IReadOnlyList<PricePoint>)g.ToList());
        var trainingByModel = (training ?? []).GroupBy(t => t.Model).ToDictionary(g => g.Key, g => (IReadOnlyList<TrainingFact>)g.ToList());
        return new ClaimData(
            new Dictionary<string, IReadOnlyList<RatingSnapshot>> { ["text"] = snapshots },
            id => pricesByModel.GetValueOrDefault(id, []),
            id => trainingByModel.GetValueOrDefault(id, []));
    }

    /// <summary>Writes a claims file with the given YAML body under <c>claims:</c> and loads it.</summary>
    public static IReadOnlyList<Claim> Load(string claimsYaml)
    {
        var path = Path.Combine(Path.GetTempPath(), $"claims-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "claims:\n" + claimsYaml);
        try
        {
            return ClaimFile.Load(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
