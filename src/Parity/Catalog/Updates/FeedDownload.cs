namespace Parity.Catalog.Updates;

/// <summary>A feed's body read whole, with the validators for the next conditional request.</summary>
/// <param name="Bytes">The body.</param>
/// <param name="ETag">The response's ETag, if any.</param>
/// <param name="LastModified">The response's Last-Modified, if any.</param>
/// <param name="Sha256">The body's SHA-256 (lower-case hex).</param>
internal sealed record FeedDownload(byte[] Bytes, string? ETag, DateTimeOffset? LastModified, string Sha256);
