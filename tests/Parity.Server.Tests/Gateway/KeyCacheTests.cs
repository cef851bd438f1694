using Parity.Gateway;
using Parity.Server.Gateway;
using Parity.Storage;

namespace Parity.Server.Tests.Gateway;

public sealed class KeyCacheTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("parity-keycache-").FullName;

    [Fact]
    public async Task A_hit_is_served_from_memory_until_it_expires_and_a_miss_is_never_kept()
    {
        var store = new VirtualKeyStore(ParityStore.OpenSqlite(Path.Combine(folder, "keys.db")));
        var cache = new KeyCache(store, TimeSpan.FromMilliseconds(300));
        var now = DateTimeOffset.UtcNow;

        // A secret looked up before its key exists is found as soon as it does: misses are not cached.
        cache.Find("pk-not-yet").ShouldBeNull();
        var (key, secret) = store.Create("team", 10, BudgetPeriod.Month, null, null, now);
        cache.TryFindCached(secret, out _).ShouldBeFalse(); // not looked up yet
        (await cache.FindAsync(secret)).ShouldNotBeNull().Id.ShouldBe(key.Id);
        cache.TryFindCached(("Bearer " + secret).AsSpan(7), out var hit).ShouldBeTrue(); // a slice of a header, no copy
        hit.ShouldNotBeNull().Id.ShouldBe(key.Id);
        cache.TryFindCached(secret.AsSpan(0, secret.Length - 1), out _).ShouldBeFalse(); // a prefix is not the key
        cache.Find(secret[..^1]).ShouldBeNull();

        // A revocation in the store shows once the hit expires (another node's revocation, say).
        store.Revoke(key.Id, now).ShouldBeTrue();
        cache.Find(secret).ShouldNotBeNull().RevokedAt.ShouldBeNull();
        Thread.Sleep(400);
        cache.Find(secret).ShouldNotBeNull().RevokedAt.ShouldNotBeNull();
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
