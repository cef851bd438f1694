using System.Globalization;
using System.Text.Json;

namespace Parity.Catalog.Feeds;

/// <summary>Reads a feed file whole, detecting its format unless told. Nothing is returned unless every record is valid.</summary>
internal static class FeedReader
{
    public static ParsedFeed Read(string path, FeedFormat? format = null, string? label = null, string? sourceDate = null)
    {
        if (!File.Exists(path))
        {
            throw new ParityException($"The feed file '{path}' does not exist.");
        }

        var bytes = File.ReadAllBytes(path);
        return Read(path, bytes, format, label, sourceDate);
    }

    public static ParsedFeed Read(string path, byte[] bytes, FeedFormat? format = null, string? label = null, string? sourceDate = null)
    {
        var fileDate = sourceDate ?? File.GetLastWriteTimeUtc(path).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        format ??= Detect(path, bytes);
        label ??= $"{Name(format.Value)} ({Path.GetFileName(path)})";
        if (format == FeedFormat.Epoch)
        {
            using var reader = new StreamReader(new MemoryStream(bytes), detectEncodingFromByteOrderMarks: true);
            var epoch = EpochFeed.Parse(path, reader, fileDate, label);
            RefuseRepeatedRecords(path, epoch, "Model");
            return sourceDate is null ? epoch : epoch with { SourceDate = sourceDate };
        }

        var document = JsonDuplicateKey.Parse(path, bytes);
        using (document)
        {
            var parsed = format switch
            {
                FeedFormat.GenAiPrices => GenAiPricesFeed.Parse(path, document.RootElement, fileDate, label),
                FeedFormat.LiteLlm => LiteLlmFeed.Parse(path, document.RootElement, fileDate, label),
                _ => OpenRouterFeed.Parse(path, document.RootElement, fileDate, label),
            };
            RefuseRepeatedRecords(path, parsed, format == FeedFormat.LiteLlm ? "key" : "id");
            return sourceDate is null ? parsed : parsed with { SourceDate = sourceDate };
        }
    }

    /// <summary>The same model twice in one feed (for one provider) is ambiguous, whatever the format: which price or fact holds?</summary>
    /// <param name="path">The feed file, for the error.</param>
    /// <param name="feed">The parsed records.</param>
    /// <param name="field">The field that names a record in this format ('id', 'Model' ...).</param>
    private static void RefuseRepeatedRecords(string path, ParsedFeed feed, string field)
    {
        var seen = new Dictionary<(string? Provider, string Key), int>(feed.Records.Count);
        for (var i = 0; i < feed.Records.Count; i++)
        {
            var record = feed.Records[i];
            if (!seen.TryAdd((record.Provider, record.Key), i))
            {
                var provider = record.Provider is null ? "" : $" of provider '{record.Provider}'";
                throw new ParityException($"{path}: record #{i + 1}: field '{field}' repeats model '{record.Key}'{provider}, record #{seen[(record.Provider, record.Key)] + 1}; which one to keep is ambiguous.");
            }
        }
    }

    /// <summary>The format's name on the command line.</summary>
    public static string Name(FeedFormat format) => format switch
    {
        FeedFormat.GenAiPrices => "genai-prices",
        FeedFormat.LiteLlm => "litellm",
        FeedFormat.OpenRouter => "openrouter",
        _ => "epoch",
    };

    /// <summary>Parses a format name as the command line spells it.</summary>
    public static FeedFormat ParseName(string name) => name.ToLowerInvariant() switch
    {
        "genai-prices" => FeedFormat.GenAiPrices,
        "litellm" => FeedFormat.LiteLlm,
        "openrouter" => FeedFormat.OpenRouter,
        "epoch" => FeedFormat.Epoch,
        _ => throw new ParityException($"Unknown feed format '{name}': use genai-prices, litellm, openrouter or epoch."),
    };

    /// <summary>CSV is Epoch; a JSON array is genai-prices; an object with a 'data' array is OpenRouter; any other object is LiteLLM.</summary>
    public static FeedFormat Detect(string path, byte[] bytes)
    {
        var start = 0;
        if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
        {
            start = 3;
        }

        while (start < bytes.Length && bytes[start] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
        {
            start++;
        }

        if (start >= bytes.Length)
        {
            throw new ParityException($"{path}: the file is empty.");
        }

        if (bytes[start] == '[')
        {
            return FeedFormat.GenAiPrices;
        }

        if (bytes[start] != '{')
        {
            if (path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || bytes.AsSpan(start, Math.Min(200, bytes.Length - start)).IndexOf("Model"u8) >= 0)
            {
                return FeedFormat.Epoch;
            }

            throw new ParityException($"{path}: cannot tell the format (not JSON, not an Epoch CSV); give --format.");
        }

        var reader = new Utf8JsonReader(bytes.AsSpan(start), new JsonReaderOptions { MaxDepth = 128 });
        try
        {
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isData = reader.ValueTextEquals("data"u8);
                reader.Read();
                if (isData && reader.TokenType == JsonTokenType.StartArray)
                {
                    return FeedFormat.OpenRouter;
                }

                reader.Skip();
            }
        }
        catch (JsonException ex)
        {
            throw JsonDuplicateKey.NotJson(path, ex);
        }

        return FeedFormat.LiteLlm;
    }
}
