namespace Parity.Reports;

/// <summary>A model's published architecture.</summary>
/// <param name="Kind"><c>moe</c> or <c>dense</c>.</param>
/// <param name="TotalParamsB">Total parameters, billions.</param>
/// <param name="ActiveParamsB">Parameters active per token, billions.</param>
/// <param name="Source">Where the figures are published.</param>
public sealed record ArchitectureFacts(string Kind, double? TotalParamsB, double? ActiveParamsB, string Source);
