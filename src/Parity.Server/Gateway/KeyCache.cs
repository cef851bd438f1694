using System.Collections.Concurrent;
using Parity.Gateway;

namespace Parity.Server.Gateway;

/// <summary>
/// Looks up virtual keys by the hash of the presented secret, keeping hits for a few seconds so the
/// hot path does not query the store; revocations and keys made on another node show up within that time.
/// </summary>
internal sealed class KeyCache(VirtualKeyStore store, TimeSpan lifetime)
{
    private readonly ConcurrentDictionary<string, (VirtualKey? Key, long Expires)> entries = new(StringComparer.Ordinal);

    public VirtualKey? Find(string secret)
    {
        var hash = VirtualKeyStore.Hash(secret);
        var now = Environment.TickCount64;
        if (entries.TryGetValue(hash, out var entry) && entry.Expires > now)
        {
            return entry.Key;
        }

        var key = store.FindByHash(hash);
        if (key is not null)
        {
            entries[hash] = (key, now + (long)lifetime.TotalMilliseconds);
        }

        return key;
    }

    public void Forget() => entries.Clear();
}
