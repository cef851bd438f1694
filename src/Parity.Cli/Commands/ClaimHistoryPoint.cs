namespace Parity.Cli.Commands;

/// <summary>One change in a claim's verdict, as <c>parity claims history</c> prints it.</summary>
internal sealed record ClaimHistoryPoint(DateTimeOffset At, string Verdict, double? PTrue, string Why, IReadOnlyList<string> Readings);
