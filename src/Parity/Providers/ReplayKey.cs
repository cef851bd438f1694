namespace Parity.Providers;

/// <summary>
/// Which benchmark item a request is about. The replay provider answers from recordings keyed by
/// suite and item (not by prompt text); live providers ignore it.
/// </summary>
/// <param name="Suite">The recording's suite name, e.g. <c>gsm8k</c>.</param>
/// <param name="ItemId">The item's id within the suite.</param>
public sealed record ReplayKey(string Suite, string ItemId);
