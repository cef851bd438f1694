using System.CommandLine;
using Parity.Catalog.Updates;
using Parity.Storage;
using YamlDotNet.RepresentationModel;

namespace Parity.Cli.Commands;

/// <summary><c>parity update</c>: downloads the public feeds and imports them into the store, one summary line per source.</summary>
internal static class UpdateCommand
{
    public static Command Create(CliContext context)
    {
        var source = new Option<string>("--source")
        {
            Description = "Which feed: " + string.Join('|', FeedSource.Names) + "|all",
            DefaultValueFactory = _ => "all",
        };
        source.AcceptOnlyFromAmong([.. FeedSource.Names, "all"]);
        var url = new Option<string[]>("--url")
        {
            Description = "Download a source from another address: NAME=URL (repeatable), e.g. litellm=http://mirror.example/prices.json",
            AllowMultipleArgumentsPerToken = false,
        };
        var config = new Option<string?>("--config")
        {
            Description = "A YAML file with the feeds' addresses: 'feeds: { litellm: URL, … }' (flags win over it)",
        };
        var format = FormatOption.Create(OutputFormat.Table, OutputFormat.Json);
        var command = new Command("update",
            "Download the public feeds (LMArena's raw and style-controlled text boards from arena-catalog, genai-prices, LiteLLM's price map, OpenRouter's models, Epoch AI's CSV) " +
            "and import each into the store all or nothing, with conditional requests; prints one line per source: what changed, or why nothing did.")
        {
            source, url, config, format,
        };
        HelpWithNotes.Add(command,
            "Published addresses: " + string.Join("; ", FeedSource.Defaults.Select(d => $"{d.Name} {d.Url}")) + ". " +
            "Each download is kept under feeds/ beside the store. A network error, an HTTP error, a truncated body or a file the importer refuses " +
            "leaves the store as it was, names the source, and makes the exit code 1. A board is dated by the response's Last-Modified, else by the day of the download " +
            "(the arena-catalog files carry no date); its line names the models new to the board and the scores that moved outside their previous 95% interval. " +
            "`parity serve --refresh 6h` runs the same update on a schedule.");
        CliAction.Set(command, context, async (parse, cancellationToken) =>
        {
            var sources = Sources(parse.GetValue(source)!, parse.GetValue(url) ?? [], parse.GetValue(config));
            var results = await RunAsync(parse.GetValue(GlobalOptions.Db)!, sources, cancellationToken);
            if (parse.GetValue(format) == OutputFormat.Json)
            {
                CliJson.Write(context.Writer, results);
            }
            else
            {
                foreach (var r in results)
                {
                    context.Writer.WriteLine(r.Summary);
                }
            }

            return results.Any(r => r.Failed) ? 1 : 0;
        });
        return command;
    }

    /// <summary>Updates <paramref name="sources"/> into the store at <paramref name="db"/>, one after the other.</summary>
    internal static async Task<IReadOnlyList<FeedUpdate>> RunAsync(string db, IReadOnlyList<FeedSource> sources, CancellationToken cancellationToken)
    {
        using var store = ParityStore.OpenSqlite(db);
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("parity-update/0.1");
        var keep = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(db))!, "feeds");
        var results = new List<FeedUpdate>();
        foreach (var s in sources)
        {
            results.Add(await FeedUpdater.UpdateAsync(store, s, http, keep, cancellationToken));
        }

        return results;
    }

    /// <summary>The sources asked for, with addresses from the config file and then the flags.</summary>
    internal static IReadOnlyList<FeedSource> Sources(string which, IReadOnlyList<string> urls, string? configFile)
    {
        var overrides = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (configFile is not null)
        {
            foreach (var (name, address) in ConfigUrls(configFile))
            {
                overrides[name] = address;
            }
        }

        foreach (var pair in urls)
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var name = eq > 0 ? pair[..eq].Trim() : "";
            if (eq <= 0 || !FeedSource.Names.Contains(name, StringComparer.OrdinalIgnoreCase) || !Uri.TryCreate(pair[(eq + 1)..].Trim(), UriKind.Absolute, out _))
            {
                throw new ParityException($"--url: expected NAME=URL with NAME one of {string.Join(", ", FeedSource.Names)} and an absolute URL, got '{pair}'.");
            }

            overrides[name] = pair[(eq + 1)..].Trim();
        }

        return FeedSource.Defaults
            .Where(d => which == "all" || d.Name == which)
            .Select(d => overrides.TryGetValue(d.Name, out var u) ? d with { Url = u } : d)
            .ToList();
    }

    private static IEnumerable<(string Name, string Url)> ConfigUrls(string path)
    {
        if (!File.Exists(path))
        {
            throw new ParityException($"--config: the file '{path}' does not exist.");
        }

        var yaml = new YamlStream();
        try
        {
            using var reader = new StreamReader(path);
            yaml.Load(reader);
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            throw new ParityException($"{path}:{ex.Start.Line}: not valid YAML: {ex.Message}");
        }

        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root
            || !root.Children.TryGetValue(new YamlScalarNode("feeds"), out var feedsNode) || feedsNode is not YamlMappingNode feeds)
        {
            throw new ParityException($"{path}: expected a 'feeds:' mapping of source name to URL.");
        }

        foreach (var (key, value) in feeds.Children)
        {
            var name = ((YamlScalarNode)key).Value ?? "";
            if (!FeedSource.Names.Contains(name, StringComparer.OrdinalIgnoreCase) || value is not YamlScalarNode { Value: { } address } || !Uri.TryCreate(address, UriKind.Absolute, out _))
            {
                throw new ParityException($"{path}:{key.Start.Line}: feed '{name}' needs an absolute URL; known feeds: {string.Join(", ", FeedSource.Names)}.");
            }

            yield return (name, address);
        }
    }
}
