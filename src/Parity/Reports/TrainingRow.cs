using Parity.Claims;

namespace Parity.Reports;

/// <summary>Training compute and cost for one model.</summary>
public sealed record TrainingRow(string Model, string? Country, TrainingFact Fact);
