namespace Parity.Storage;

/// <summary>Every schema change Parity knows, in the order they apply.</summary>
internal static class Migrations
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        .. Catalog.CatalogSchema.Migrations,
        .. Arena.ArenaSchema.Migrations,
        .. Gateway.GatewaySchema.Migrations,
        .. Evals.EvalSchema.Migrations,
    ];
}
