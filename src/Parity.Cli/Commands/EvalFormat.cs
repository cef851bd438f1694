using System.Globalization;

namespace Parity.Cli.Commands;

/// <summary>Number formatting shared by the eval commands.</summary>
internal static class EvalFormat
{
    public static string Percent(double value) => double.IsNaN(value) ? "–" : (value * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    public static string Interval(double low, double high) =>
        double.IsNaN(low) ? "–" : $"{(low * 100).ToString("0.0", CultureInfo.InvariantCulture)}–{(high * 100).ToString("0.0", CultureInfo.InvariantCulture)}";

    public static string Money(decimal? value) => value is { } v ? "$" + v.ToString(v >= 1 ? "0.00" : "0.0000", CultureInfo.InvariantCulture) : "unknown";

    public static string Number(double? value, string format = "0") => value is { } v && !double.IsNaN(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "–";

    public static string PValue(double p) => p < 0.0001 ? "<0.0001" : p.ToString("0.0000", CultureInfo.InvariantCulture);
}
