using Parity.Evidence;

namespace Parity.Claims;

/// <summary>
/// <c>series-value</c> (also <c>investment</c>, <c>token-share</c>, <c>compute-share</c>): published figures of an
/// evidence series match the claimed ones. Published figures come without intervals, so each row either satisfies its
/// claimed value or not; P(true) is the share of (figure × source) rows that do, over every claimed figure (product).
/// </summary>
public sealed class SeriesValueClaim : ClaimTest
{
    public required string Series { get; init; }

    public required IReadOnlyList<SeriesValue> Values { get; init; }

    public override IEnumerable<(string Field, string Name)> SeriesNames => [("series", Series)];

    public override bool Volatile => true;

    public override IEnumerable<DateTimeOffset> ChangeMoments(ClaimData data) => SeriesMoments(data, Series);

    public override ReadingResult Check(ClaimData data)
    {
        var evidence = new List<ClaimEvidence>();
        var probability = 1.0;
        var parts = new List<string>();
        foreach (var value in Values)
        {
            var rows = data.Rows(this, Series, value.Where);
            var ok = rows.Count(r => value.Satisfied(r.Value));
            probability *= ok / (double)rows.Count;
            evidence.AddRange(rows.Select(r => Evidence(r, value)));
            parts.Add($"{string.Join(" ", value.Where.Values)}: {string.Join(" / ", rows.Select(r => ClaimText.N(r.Value, "0.###")))} (claimed {value.Text})");
        }

        return ReadingResult.FromProbability(this, probability, string.Join("; ", parts) + ".",
            "published point figures: each row satisfies its claimed value within the stated tolerance or not; P = product over claimed figures of the share of rows (sources) that do", evidence);
    }

    internal static ClaimEvidence Evidence(EvidenceRow r, SeriesValue? value) =>
        new($"{r["measure"]} {string.Join(" ", new[] { r["country"], r["group"], r["platform"] }.Where(s => s.Length > 0))}, {r.Period}: {ClaimText.N(r.Value, "0.####")}" +
            (value is null ? "" : value.Satisfied(r.Value) ? $" — satisfies {value.Text}" : $" — does not satisfy {value.Text}") +
            (r["note"] is { Length: > 0 } n ? $" ({n})" : r["quote"] is { Length: > 0 } q ? $" (\"{q}\")" : ""),
            $"{r.Source}, {r.Url}", r.Published);
}
