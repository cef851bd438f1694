namespace Parity.Catalog;

/// <summary>Two sources that state different values for the same fact.</summary>
/// <param name="Field">What they disagree on, e.g. "DeepSeek output price (USD/Mtok)".</param>
/// <param name="Value">The value the catalog uses.</param>
/// <param name="Source">Its source.</param>
/// <param name="OtherValue">The other source's value.</param>
/// <param name="OtherSource">The other source.</param>
public sealed record SourceDisagreement(string Field, string Value, FactSource Source, string OtherValue, FactSource OtherSource);
