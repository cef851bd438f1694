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

    /// <summary>The key whose secret is <paramref name="secret"/>, or null; a hit allocates nothing.</summary>
    public VirtualKey? Find(ReadOnlySpan<char> secret)
    {
        var now = Environment.TickCount64;
        var bySpan = entries.GetAlternateLookup<ReadOnlySpan<char>>();
        if (bySpan.TryGetValue(secret, out var entry) && entry.Expires > now)
        {
            return entry.Key;
        }

        var text = secret.ToString();
        var key = store.FindByHash(VirtualKeyStore.Hash(text));
        if (key is not null)
        {
            entries[text] = (key, now + (long)lifetime.TotalMilliseconds);
        }
        else
        {
            entries.TryRemove(text, out _);
        }

        return key;
    }

    public void Forget() => entries.Clear();
}
