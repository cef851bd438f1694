namespace Parity.Catalog.Updates;

/// <summary>A model's maker list price before and after an import (USD per million tokens), and from when the feed says it holds.</summary>
public sealed record PriceChange(string Model, string Provider, decimal? InputBefore, decimal? InputAfter, decimal? OutputBefore, decimal? OutputAfter, string EffectiveFrom)
{
    public override string ToString() =>
        $"{Model} ({Provider}) input {Fmt(InputBefore)} → {Fmt(InputAfter)}, output {Fmt(OutputBefore)} → {Fmt(OutputAfter)} from {EffectiveFrom}";

    private static string Fmt(decimal? v) => v is { } d ? d.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture) : "–";
}
