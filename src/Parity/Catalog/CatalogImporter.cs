using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Dapper;
using Parity.Catalog.Feeds;
using Parity.Storage;

namespace Parity.Catalog;

/// <summary>
/// Imports a newer feed into the store. The file is parsed and validated whole before anything is
/// written, and written in one transaction: a malformed record imports nothing. The same file
/// (by SHA-256) imported twice changes nothing. Names that match nothing are stored and returned.
/// </summary>
public static class CatalogImporter
{
    /// <summary>Imports <paramref name="path"/>; <paramref name="format"/> null detects it.</summary>
    public static ImportResult Import(ParityStore store, string path, FeedFormat? format = null) =>
        Import(store, path, format, new RecordMatcher(ModelAliasTable.LoadShipped(), OrganizationTable.LoadShipped()));

    internal static ImportResult Import(ParityStore store, string path, FeedFormat? format, RecordMatcher matcher)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (!File.Exists(path))
        {
            throw new ParityException($"The feed file '{path}' does not exist.");
        }

        var bytes = File.ReadAllBytes(path);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var connection = store.Connection;
        var previous = connection.QuerySingleOrDefault<PreviousImport>(
            "SELECT id AS Id, format AS Format, file_name AS FileName, source_date AS SourceDate, record_count AS RecordCount FROM catalog_imports WHERE sha256 = @sha",
            new { sha });
        if (previous is not null)
        {
            var unmatched = connection.Query<(string Kind, string Name, string? Provider)>(
                "SELECT kind, name, provider FROM catalog_unmatched WHERE import_id = @id ORDER BY id", new { id = previous.Id })
                .Select(u => new UnmatchedName(u.Kind, u.Name, u.Provider, previous.FileName)).ToList();
            var matchedBefore = previous.RecordCount - unmatched.Count(u => u.Kind == "model");
            return new ImportResult(previous.Id, previous.Format, previous.FileName, previous.SourceDate ?? "", (int)previous.RecordCount, (int)matchedBefore, unmatched, AlreadyImported: true);
        }

        var feed = FeedReader.Read(path, bytes, format);
        var unmatchedNames = matcher.Unmatched(feed);
        var formatName = FeedReader.Name(feed.Format);

        using var tx = connection.BeginTransaction();
        var importId = connection.ExecuteScalar<long>(
            """
            INSERT INTO catalog_imports (format, file_name, sha256, source_date, imported_at, record_count, unmatched_count)
            VALUES (@format, @file, @sha, @date, @at, @records, @unmatched)
            RETURNING id
            """,
            new
            {
                format = formatName,
                file = Path.GetFullPath(path),
                sha,
                date = feed.SourceDate,
                at = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                records = feed.Records.Count,
                unmatched = unmatchedNames.Count,
            },
            tx);

        var matched = 0;
        var rows = new List<object>(feed.Records.Count);
        for (var i = 0; i < feed.Records.Count; i++)
        {
            var record = feed.Records[i];
            var match = matcher.Match(record);
            matched += match is null ? 0 : 1;
            rows.Add(new
            {
                importId,
                seq = i,
                key = record.Key,
                provider = record.Provider,
                model = match?.ModelId,
                payload = JsonSerializer.Serialize(record, CatalogJson.Default.FeedRecord),
            });
        }

        connection.Execute(
            "INSERT INTO catalog_records (import_id, seq, record_key, provider, model_id, payload) VALUES (@importId, @seq, @key, @provider, @model, @payload)",
            rows, tx);
        connection.Execute(
            "INSERT INTO catalog_unmatched (import_id, kind, name, provider) VALUES (@importId, @Kind, @Name, @Provider)",
            unmatchedNames.Select(u => new { importId, u.Kind, u.Name, u.Provider }), tx);
        tx.Commit();

        return new ImportResult(importId, formatName, Path.GetFullPath(path), feed.SourceDate, feed.Records.Count, matched, unmatchedNames, AlreadyImported: false);
    }

    /// <summary>Every import in the store, oldest first, with its records.</summary>
    internal static IEnumerable<(StoredImport Import, ParsedFeed Feed)> ReadImports(ParityStore store)
    {
        var imports = store.Connection.Query<StoredImport>(
            "SELECT id AS Id, format AS Format, file_name AS FileName, source_date AS SourceDate, imported_at AS ImportedAt, record_count AS RecordCount, unmatched_count AS UnmatchedCount FROM catalog_imports ORDER BY id").AsList();
        foreach (var import in imports)
        {
            var records = store.Connection.Query<string>("SELECT payload FROM catalog_records WHERE import_id = @id ORDER BY seq", new { id = import.Id })
                .Select(p => JsonSerializer.Deserialize(p, CatalogJson.Default.FeedRecord)!)
                .ToList();
            var label = $"{import.Format} ({Path.GetFileName(import.FileName)}, imported {import.ImportedAt[..10]})";
            yield return (import, new ParsedFeed(FeedReader.ParseName(import.Format), label, import.SourceDate ?? "", records));
        }
    }

    private sealed record PreviousImport(long Id, string Format, string FileName, string? SourceDate, long RecordCount);
}
