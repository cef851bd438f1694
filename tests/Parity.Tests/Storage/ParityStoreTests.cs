using Parity.Storage;

namespace Parity.Tests.Storage;

public sealed class ParityStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("parity-store-").FullName;

    [Fact]
    public void Opening_a_new_store_applies_every_migration_once()
    {
        var path = Path.Combine(_dir, "a.db");
        using (var store = ParityStore.OpenSqlite(path))
        {
            store.AppliedVersions().ShouldBe(Migrations.All.Select(m => m.Version).Order().ToList());
        }

        using var reopened = ParityStore.OpenSqlite(path);
        reopened.AppliedVersions().Count.ShouldBe(Migrations.All.Count);
    }

    [Fact]
    public void A_store_in_a_missing_folder_is_a_clear_error()
    {
        var ex = Should.Throw<ParityException>(() => ParityStore.OpenSqlite(Path.Combine(_dir, "nope", "a.db")));
        ex.Message.ShouldContain("does not exist");
    }

    [Fact]
    public void Migration_versions_are_unique()
    {
        Migrations.All.Select(m => m.Version).ShouldBeUnique();
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
