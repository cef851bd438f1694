namespace Parity.Catalog.Feeds;

/// <summary>Builds the error for a malformed record: file, record and field.</summary>
internal static class FeedError
{
    public static ParityException At(string file, string record, string field, string problem) =>
        new($"{file}: {record}: field '{field}' {problem}");
}
