namespace Parity.Costs;

/// <summary>Every open-weights model's list prices against its estimated serving cost, and the models that could not be assessed.</summary>
/// <param name="Rows">One row per model and provider.</param>
/// <param name="Skipped">Models left out, with the reason.</param>
/// <param name="Assumptions">The serving assumptions, as printed by the estimate.</param>
/// <param name="PricesAt">The moment the list prices are read at.</param>
public sealed record MarginReport(IReadOnlyList<MarginRow> Rows, IReadOnlyList<SkippedModel> Skipped, IReadOnlyList<string> Assumptions, DateTimeOffset PricesAt);

/// <summary>A model the margin table leaves out, and why.</summary>
/// <param name="Model">The catalog id.</param>
/// <param name="Reason">What is missing.</param>
public sealed record SkippedModel(string Model, string Reason);
