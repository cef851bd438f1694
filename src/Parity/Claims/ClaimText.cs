using System.Globalization;
using Parity.Analysis;

namespace Parity.Claims;

/// <summary>How claims print numbers in evidence.</summary>
internal static class ClaimText
{
    public static string Rating(RatedModel m) =>
        m.Lower is { } lo && m.Upper is { } hi
            ? string.Create(CultureInfo.InvariantCulture, $"{m.Key} {m.Rating:F1} [95% CI {lo:F1}, {hi:F1}]")
            : string.Create(CultureInfo.InvariantCulture, $"{m.Key} {m.Rating:F1} (no interval published)");

    public static ClaimEvidence Evidence(RatedModel m, RatingSnapshot s) =>
        new($"{Rating(m)}, {s.Board} board", s.Source, s.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    public static string P(double p) => p.ToString("P1", CultureInfo.InvariantCulture);

    public static string N(double x, string format = "F1") => x.ToString(format, CultureInfo.InvariantCulture);

    public static string Usd(double x) => x >= 1e6
        ? "$" + (x / 1e6).ToString("0.###", CultureInfo.InvariantCulture) + "M"
        : "$" + x.ToString("0.###", CultureInfo.InvariantCulture);
}
