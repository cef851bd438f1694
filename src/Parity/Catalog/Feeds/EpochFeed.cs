using System.Globalization;

namespace Parity.Catalog.Feeds;

/// <summary>
/// Reads Epoch AI's model tables (Notable, Frontier, Large-scale, or the Capabilities Index): one row per
/// model with organization, country, accessibility, parameters, training compute, hardware and cost.
/// Columns are found by name, so any of Epoch's exports (or a subset of their columns) can be read.
/// </summary>
internal static class EpochFeed
{
    public static ParsedFeed Parse(string file, TextReader text, string fileDate, string label)
    {
        using var rows = CsvRows.Read(text, file).GetEnumerator();
        if (!rows.MoveNext())
        {
            throw new ParityException($"{file}: the file is empty.");
        }

        var header = rows.Current.Fields.Select(h => h.Trim().TrimStart('\uFEFF')).ToArray();
        var nameColumn = Array.IndexOf(header, "Model") >= 0 ? "Model" : Array.IndexOf(header, "Model version") >= 0 ? "Model version" : null;
        if (nameColumn is null)
        {
            throw new ParityException($"{file}: an Epoch AI table needs a 'Model' (or 'Model version') column; the header has {string.Join(", ", header.Take(6))}….");
        }

        var records = new List<FeedRecord>();
        DateOnly newest = default;
        while (rows.MoveNext())
        {
            var (line, fields) = rows.Current;
            string? Field(string name)
            {
                var index = Array.IndexOf(header, name);
                if (index < 0 || index >= fields.Length)
                {
                    return null;
                }

                var value = fields[index].Trim();
                return value.Length == 0 ? null : value;
            }

            var model = Field(nameColumn) ?? throw new ParityException($"{file}: line {line}: field '{nameColumn}' is empty.");
            var where = $"line {line} (model '{model}')";

            decimal? Number(string name)
            {
                var value = Field(name);
                if (value is null)
                {
                    return null;
                }

                if (!decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    throw FeedError.At(file, where, name, $"must be a number, got \"{value}\".");
                }

                var problem = FeedNumber.Problem(number, decimal.MaxValue);
                return problem is null ? number : throw FeedError.At(file, where, name, $"{problem}, got \"{value}\".");
            }

            // Epoch's dataset sizes are sometimes lists ("2260275840,2290000001"), one per dataset: not one figure, so not kept.
            decimal? LenientNumber(string name)
            {
                var value = Field(name);
                return value is not null && decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? Number(name) : null;
            }

            DateOnly? Date(string name)
            {
                var value = Field(name);
                if (value is null)
                {
                    return null;
                }

                return DateOnly.TryParseExact(value.Length > 10 ? value[..10] : value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    ? date
                    : throw FeedError.At(file, where, name, $"must be a date (YYYY-MM-DD), got \"{value}\".");
            }

            var released = Date("Publication date") ?? Date("Release date");
            if (released > newest)
            {
                newest = released.Value;
            }

            var accessibility = Field("Model accessibility");
            bool? open = Field("Open model weights?") switch
            {
                "Yes" => true,
                "No" => false,
                _ => accessibility is null ? null : accessibility.StartsWith("Open weights", StringComparison.OrdinalIgnoreCase),
            };
            records.Add(new FeedRecord
            {
                Key = model,
                Name = Field("Display name") ?? Field("Model name"),
                Organization = Field("Organization"),
                Accessibility = accessibility,
                OpenWeights = open,
                Released = released,
                Url = Field("Link"),
                Parameters = Number("Parameters"),
                TrainingComputeFlop = Number("Training compute (FLOP)"),
                DatasetTokens = LenientNumber("Training dataset size (total)"),
                TrainingHardware = Field("Training hardware"),
                HardwareQuantity = Number("Hardware quantity"),
                TrainingHours = Number("Training time (hours)"),
                TrainingTimeNotes = Field("Training time notes"),
                CostUsd2023 = Number("Training compute cost (2023 USD)"),
                CostNotes = Field("Compute cost notes"),
                Confidence = Field("Confidence"),
            });
        }

        var date = newest == default ? fileDate : newest.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new ParsedFeed(FeedFormat.Epoch, label, date, records);
    }
}
