using System.CommandLine;
using Parity.Catalog;
using Parity.Storage;

namespace Parity.Cli.Commands;

/// <summary>Loads the catalog for a command: the shipped data, overlaid by the store's imports when the store file exists (it is not created just to read).</summary>
internal static class CatalogLoader
{
    public static ModelCatalog Load(ParseResult parseResult)
    {
        var db = parseResult.GetValue(GlobalOptions.Db);
        if (string.IsNullOrEmpty(db) || !File.Exists(db))
        {
            return ModelCatalog.LoadShipped();
        }

        using var store = ParityStore.OpenSqlite(db);
        return ModelCatalog.Load(store);
    }
}
