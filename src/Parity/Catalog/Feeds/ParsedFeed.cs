namespace Parity.Catalog.Feeds;

/// <summary>A whole feed file, parsed and validated.</summary>
/// <param name="Format">Which feed.</param>
/// <param name="Label">A name for messages and sources, e.g. "genai-prices (data_v2.json)".</param>
/// <param name="SourceDate">The date of the data, from the file where it says (LiteLLM's last_updated, the newest OpenRouter <c>created</c> or Epoch publication date), else the file's modification date.</param>
/// <param name="Records">Every record, in file order.</param>
internal sealed record ParsedFeed(FeedFormat Format, string Label, string SourceDate, IReadOnlyList<FeedRecord> Records);
