using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Dapper;
using Parity.Storage;

namespace Parity.Catalog.Updates;

/// <summary>
/// Downloads a public feed and imports it into the store all or nothing: a conditional request with the ETag and
/// Last-Modified of the last download, the body read whole (a short read is an error), the bytes kept beside the store
/// for provenance, then the import — price feeds through <see cref="CatalogImporter"/> (what changed: the list prices that
/// differ and the feed's names that match no model), LMArena's boards through <see cref="ArenaFeedImporter"/> (new
/// models and scores that moved beyond their interval). Any failure — network, HTTP status, truncated body, a format the
/// importer refuses — leaves the store as it was and names the source.
/// </summary>
public static class FeedUpdater
{
    /// <summary>Updates one source into <paramref name="store"/>; <paramref name="keepDir"/> receives the downloaded copy.</summary>
    public static async Task<FeedUpdate> UpdateAsync(ParityStore store, FeedSource source, HttpClient http, string keepDir, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(source);
        var previous = store.Connection.QuerySingleOrDefault<(string? ETag, string? LastModified)>(
            "SELECT etag, last_modified FROM feed_fetches WHERE source = @source AND url = @url ORDER BY id DESC LIMIT 1", new { source = source.Name, url = source.Url });
        FeedDownload download;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, source.Url);
            if (previous.ETag is { } tag && EntityTagHeaderValue.TryParse(tag, out var parsed))
            {
                request.Headers.IfNoneMatch.Add(parsed);
            }

            if (previous.LastModified is { } lm && DateTimeOffset.TryParse(lm, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since))
            {
                request.Headers.IfModifiedSince = since;
            }

            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                return new FeedUpdate(source.Name, source.Url, "not-modified", $"{source.Name}: not modified since the last download (HTTP 304); store unchanged");
            }

            if (!response.IsSuccessStatusCode)
            {
                return Failed(source, $"{source.Url} answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (response.Content.Headers.ContentLength is { } length && length != bytes.Length)
            {
                return Failed(source, $"the download from {source.Url} was cut short ({bytes.Length} of {length} bytes)");
            }

            download = new FeedDownload(bytes, response.Headers.ETag?.ToString(), response.Content.Headers.LastModified, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return Failed(source, $"downloading {source.Url} failed: {ex.Message}");
        }

        Directory.CreateDirectory(keepDir);
        var file = Path.Combine(keepDir, $"{source.Name}_{DateTimeOffset.UtcNow:yyyyMMddTHHmmssZ}_{download.Sha256[..8]}{source.Extension}");
        await File.WriteAllBytesAsync(file, download.Bytes, cancellationToken);
        FeedUpdate update;
        try
        {
            update = source.Board is { } board
                ? ArenaFeedImporter.Import(store, source, board, download, file)
                : ImportCatalog(store, source, download, file);
        }
        catch (ParityException ex)
        {
            File.Delete(file);
            return Failed(source, ex.Message);
        }

        if (update.Outcome != "imported")
        {
            File.Delete(file);
        }

        return update;
    }

    private static FeedUpdate ImportCatalog(ParityStore store, FeedSource source, FeedDownload download, string file)
    {
        var format = source.Format ?? throw new InvalidOperationException($"feed '{source.Name}' has neither a catalog format nor a board");
        var before = ListPrices(ModelCatalog.Load(store));
        var result = CatalogImporter.Import(store, file, format);
        Record(store, source, download, result.ImportId);
        if (result.AlreadyImported)
        {
            return new FeedUpdate(source.Name, source.Url, "unchanged", $"{source.Name}: same content as the import of {result.SourceDate} (sha256 {download.Sha256[..12]}); store unchanged", result.Records);
        }

        var after = ListPrices(ModelCatalog.Load(store));
        var effective = result.SourceDate is { Length: > 0 } d ? d : DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var changes = after.Where(a => !before.TryGetValue(a.Key, out var b) || b != a.Value)
            .Select(a =>
            {
                before.TryGetValue(a.Key, out var b);
                return new PriceChange(a.Key.Model, a.Key.Provider, b.Input, a.Value.Input, b.Output, a.Value.Output, effective);
            })
            .OrderBy(c => c.Model, StringComparer.Ordinal)
            .ToList();
        var unmatched = result.Unmatched.Where(u => u.Kind == "model").Select(u => u.Name).ToList();
        var summary = $"{source.Name}: imported {result.Records:N0} records of {effective} ({result.Matched:N0} matched, {unmatched.Count:N0} names new to the catalog), " +
            (changes.Count == 0 ? "no list price changed" : $"{changes.Count} list price{(changes.Count == 1 ? "" : "s")} changed: {string.Join("; ", changes.Take(3))}{(changes.Count > 3 ? "; …" : "")}");
        return new FeedUpdate(source.Name, source.Url, "imported", summary, result.Records, unmatched, changes, file);
    }

    private static FeedUpdate Failed(FeedSource source, string why) =>
        new(source.Name, source.Url, "failed", $"{source.Name}: failed, store unchanged: {why}");

    /// <summary>Remembers the download's validators for the next conditional request (<paramref name="importId"/>: the catalog import, null for a board).</summary>
    internal static void Record(ParityStore store, FeedSource source, FeedDownload download, long? importId) =>
        store.Connection.Execute(
            "INSERT INTO feed_fetches (source, url, etag, last_modified, sha256, fetched_at, import_id) VALUES (@source, @url, @etag, @lastModified, @sha, @at, @import)",
            new
            {
                source = source.Name,
                url = source.Url,
                etag = download.ETag,
                lastModified = download.LastModified?.ToString("R", CultureInfo.InvariantCulture),
                sha = download.Sha256,
                at = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                import = importId,
            });

    /// <summary>Every model's primary list price now (input, output), keyed by model and provider.</summary>
    private static Dictionary<(string Model, string Provider), (decimal? Input, decimal? Output)> ListPrices(ModelCatalog catalog)
    {
        var now = DateTimeOffset.UtcNow;
        var prices = new Dictionary<(string, string), (decimal?, decimal?)>();
        foreach (var model in catalog.Models)
        {
            foreach (var offer in model.Offers.Where(o => o.FirstParty))
            {
                var set = offer.Schedule.StandardRuleOn(now).Prices;
                prices.TryAdd((model.Id, offer.Provider), (set.Input?.Base, set.Output?.Base));
            }
        }

        return prices;
    }
}
