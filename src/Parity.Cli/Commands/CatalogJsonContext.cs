using System.Text.Json;
using System.Text.Json.Serialization;

namespace Parity.Cli.Commands;

/// <summary>
/// Compile-time JSON metadata for <c>parity models --format json</c>, with <see cref="CliJson"/>'s
/// settings: the listing skips System.Text.Json's reflection start-up (about 40 ms of CPU per run).
/// </summary>
[JsonSerializable(typeof(List<ModelSummary>))]
internal sealed partial class CatalogJsonContext : JsonSerializerContext
{
    private static JsonSerializerOptions? _options;

    /// <summary>CliJson's options resolved through this context.</summary>
    public static JsonSerializerOptions CliOptions => _options ??= new JsonSerializerOptions(CliJson.Options) { TypeInfoResolver = Default };
}
