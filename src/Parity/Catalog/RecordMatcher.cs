using Parity.Catalog.Feeds;

namespace Parity.Catalog;

/// <summary>Matches feed records to catalog models and lists the names that match nothing.</summary>
internal sealed class RecordMatcher(ModelAliasTable models, OrganizationTable organizations)
{
    public ModelAliasTable Models { get; } = models;

    public OrganizationTable Organizations { get; } = organizations;

    /// <summary>The record's own key first, then the other names the feed gives for it (one rank lower).</summary>
    public ModelMatch? Match(FeedRecord record)
    {
        if (Models.Match(record.Key) is { } direct)
        {
            return direct;
        }

        foreach (var name in record.OtherNames)
        {
            if (Models.Match(name) is { } other)
            {
                return other with { Rank = other.Rank + 1 };
            }
        }

        return null;
    }

    /// <summary>The organization a feed's spelling refers to (Epoch lists several, comma-separated: the first known wins).</summary>
    public Organization? Organization(string? spelling)
    {
        if (string.IsNullOrWhiteSpace(spelling))
        {
            return null;
        }

        return Organizations.Resolve(spelling)
            ?? spelling.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Organizations.Resolve).FirstOrDefault(o => o is not null);
    }

    /// <summary>Every name in the feed that matches no model, and every organization spelling that matches no organization.</summary>
    public List<UnmatchedName> Unmatched(ParsedFeed feed)
    {
        var result = new List<UnmatchedName>();
        var seenOrganizations = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in feed.Records)
        {
            if (Match(record) is null)
            {
                result.Add(new UnmatchedName("model", record.Key, record.Provider, feed.Label));
            }

            if (record.Organization is { } organization && Organization(organization) is null && seenOrganizations.Add(organization))
            {
                result.Add(new UnmatchedName("organization", organization, null, feed.Label));
            }
        }

        return result;
    }
}
