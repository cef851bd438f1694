using System.Text.Json.Serialization;

namespace Parity.Catalog.Feeds;

/// <summary>Compile-time JSON for stored feed records (fast to load, no reflection).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(FeedRecord))]
internal sealed partial class CatalogJson : JsonSerializerContext;
