using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Parity.Costs;

/// <summary>A published day (or any period) of a provider's inference fleet, as a YAML file (see <c>data/cost/deepseek-inference-2025-02.yaml</c>).</summary>
public sealed class InferenceScenario
{
    /// <summary>What the scenario describes.</summary>
    public string Name { get; set; } = "";

    /// <summary>The publication the figures come from.</summary>
    public string Source { get; set; } = "";

    /// <summary>Its address.</summary>
    public string? Url { get; set; }

    /// <summary>Its publication date.</summary>
    public string? Published { get; set; }

    /// <summary>The catalog model served.</summary>
    public string Model { get; set; } = "";

    /// <summary>The accelerator.</summary>
    public string Gpu { get; set; } = "";

    /// <summary>GPUs per node.</summary>
    public int GpusPerNode { get; set; } = 8;

    /// <summary>Rental price per GPU-hour.</summary>
    public decimal PricePerGpuHour { get; set; }

    /// <summary>Length of the period in hours.</summary>
    public decimal Hours { get; set; }

    /// <summary>Mean nodes in use over the period.</summary>
    public decimal AverageNodes { get; set; }

    /// <summary>Input tokens over the period.</summary>
    public decimal InputTokens { get; set; }

    /// <summary>Share of input tokens served from the KV cache.</summary>
    public decimal CacheHitShare { get; set; }

    /// <summary>Output tokens over the period.</summary>
    public decimal OutputTokens { get; set; }

    /// <summary>The list prices revenue is computed at.</summary>
    public ScenarioPrices Prices { get; set; } = new();

    /// <summary>The provider's own figures, to compare with.</summary>
    public PublishedFigures PublishedFigures { get; set; } = new();

    /// <summary>How the fleet is deployed.</summary>
    public ScenarioDeployment Deployment { get; set; } = new();

    /// <summary>Reads a scenario file; a missing or malformed field is an error naming the file and line.</summary>
    public static InferenceScenario Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new ParityException($"{path}: no such scenario file.");
        }

        var deserializer = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build();
        InferenceScenario scenario;
        try
        {
            using var reader = new StreamReader(path);
            scenario = deserializer.Deserialize<InferenceScenario>(reader) ?? throw new ParityException($"{path}: the file is empty.");
        }
        catch (YamlException ex)
        {
            var message = (ex.InnerException?.Message ?? ex.Message).Split('\n')[0];
            throw new ParityException($"{path}:{ex.Start.Line}: {message}");
        }

        scenario.Validate(path);
        return scenario;
    }

    private void Validate(string path)
    {
        void Require(bool ok, string field, string problem)
        {
            if (!ok)
            {
                throw new ParityException($"{path}: {field} {problem}");
            }
        }

        Require(Model.Length > 0, "model", "is missing");
        Require(Gpu.Length > 0, "gpu", "is missing");
        Require(GpusPerNode > 0, "gpus_per_node", "must be positive");
        Require(PricePerGpuHour > 0, "price_per_gpu_hour", "must be positive");
        Require(Hours > 0, "hours", "must be positive");
        Require(AverageNodes > 0, "average_nodes", "must be positive");
        Require(InputTokens >= 0, "input_tokens", "must not be negative");
        Require(OutputTokens >= 0, "output_tokens", "must not be negative");
        Require(CacheHitShare is >= 0 and <= 1, "cache_hit_share", $"{CacheHitShare.ToString(CultureInfo.InvariantCulture)} is outside 0–1");
        Require(Prices.InputCacheHit >= 0 && Prices.InputCacheMiss >= 0 && Prices.Output >= 0, "prices", "must not be negative");
    }
}
