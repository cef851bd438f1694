using System.Collections.Concurrent;
using Parity.Gateway;

namespace Parity.Server.Gateway;

/// <summary>
/// Looks up virtual keys, keeping hits for a few seconds so the hot path neither queries the store nor
/// hashes the secret again; revocations and keys made on another node show up within that time.
/// </summary>
/// <remarks>
/// Hits are held by the presented secret itself, in this process's memory only: hashing it (SHA-256 in
/// OpenSSL) was the larger part of a cached lookup. The store keeps only hashes, and nothing here is
/// written, logged or sent anywhere. Misses are not kept, so unknown secrets cannot grow the cache.
/// </remarks>
internal sealed class KeyCache(VirtualKeyStore store, TimeSpan lifetime)
{
    private readonly ConcurrentDictionary<string, (VirtualKey Key, long Expires)> entries = new(StringComparer.Ordinal);

    /// <summary>The key whose secret is <paramref name="secret"/> when it was looked up in the last few seconds; a hit allocates nothing.</summary>
    public bool TryFindCached(ReadOnlySpan<char> secret, out VirtualKey? key)
    {
        var bySpan = entries.GetAlternateLookup<ReadOnlySpan<char>>();
        if (bySpan.TryGetValue(secret, out var entry) && entry.Expires > Environment.TickCount64)
        {
            key = entry.Key;
            return true;
        }

        key = null;
        return false;
    }

    /// <summary>
    /// Looks the secret up in the store, on the thread pool: the store's query blocks (a local file, or
    /// PostgreSQL's socket), and requests may run on the socket threads, which must never wait
    /// (see <see cref="GatewayHost.PreferInlineIo"/>).
    /// </summary>
    public Task<VirtualKey?> FindAsync(string secret) => Task.Run(() => Find(secret));

    /// <summary>The key whose secret is <paramref name="secret"/>, or null (cached when found).</summary>
    public VirtualKey? Find(string secret)
    {
        if (TryFindCached(secret, out var cached))
        {
            return cached;
        }

        var key = store.FindByHash(VirtualKeyStore.Hash(secret));
        if (key is not null)
        {
            entries[secret] = (key, Environment.TickCount64 + (long)lifetime.TotalMilliseconds);
        }
        else
        {
            entries.TryRemove(secret, out _);
        }

        return key;
    }

    public void Forget() => entries.Clear();
}
