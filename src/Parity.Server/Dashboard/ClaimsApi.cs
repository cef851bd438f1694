using Parity.Claims;

namespace Parity.Server.Dashboard;

/// <summary>
/// <c>GET /api/claims</c>: the verdicts on the dashboard's claims file. <c>GET /api/claims?file=PATH</c> checks another
/// claims file on the server — only a <c>.yaml</c>/<c>.yml</c> file in or under the store's folder, the folder of the
/// <c>--claims</c> file or the shipped <c>data/claims</c> (see <see cref="AllowedFile"/>), so the address cannot read
/// arbitrary files — and <c>POST /api/claims/check</c> checks the YAML in the request body (an uploaded file); both
/// in place: nothing is stored, and a file with an error answers 400 with the error (file, line, claim, field).
/// </summary>
internal static class ClaimsApi
{
    /// <summary>Uploaded claims files larger than this are refused (the shipped file is ~10 KB).</summary>
    public const int MaxUploadBytes = 1 << 20;

    public static byte[] Answer(DashboardData data, DashboardOptions options, IQueryCollection query)
    {
        var q = new QueryReader(query, Parameters);
        var asOf = q.Date("asOf");
        if (q.Text("file") is { } given)
        {
            var path = AllowedFile(options, given);
            return Check(data, path, given, asOf);
        }

        return data.Cached($"claims|{asOf}", () => DashboardJson.Bytes(new
        {
            data = data.Freshness(),
            report = asOf is null ? data.Claims : data.CheckClaims(new ClaimSet(data.Inputs.ClaimsFile, data.Inputs.Claims, data.Inputs.Trackers ?? []), data.Inputs.ClaimsFile, asOf),
            stored = true,
        }));
    }

    public static readonly string[] Parameters = ["file", "asOf"];

    /// <summary>The folders a <c>file</c> parameter may point into: the store's, the <c>--claims</c> file's, the shipped claims'.</summary>
    public static IReadOnlyList<string> AllowedFolders(DashboardOptions options) =>
        new[] { Path.GetDirectoryName(Path.GetFullPath(options.StorePath)), options.ClaimsFile is { } c ? Path.GetDirectoryName(Path.GetFullPath(c)) : null, Path.GetFullPath(ShippedData.PathOf("claims")) }
            .OfType<string>()
            .Select(d => Path.TrimEndingDirectorySeparator(d))
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// The full path of the claims file <paramref name="given"/> names (relative: to the store's folder), if it is an existing
    /// <c>.yaml</c>/<c>.yml</c> file in or under an allowed folder, itself and the file a link points to; otherwise a bad
    /// <c>file</c> parameter. The error never says whether a file outside the allowed folders exists.
    /// </summary>
    public static string AllowedFile(DashboardOptions options, string given)
    {
        var folders = AllowedFolders(options);
        var refused = new BadQueryException("file",
            $"'{given}' is not a claims file the dashboard may read: give a .yaml or .yml file in or under {string.Join(", ", folders)} (or upload it).");
        string full;
        try
        {
            full = Path.GetFullPath(given, folders[0]);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw refused;
        }

        bool Inside(string path) =>
            Path.GetExtension(path).ToLowerInvariant() is ".yaml" or ".yml"
            && folders.Any(f => path.StartsWith(f + Path.DirectorySeparatorChar, StringComparison.Ordinal));
        if (!Inside(full))
        {
            throw refused;
        }

        var info = new FileInfo(full);
        if (info.LinkTarget is not null && (info.ResolveLinkTarget(returnFinalTarget: true) is not { } target || !Inside(Path.GetFullPath(target.FullName))))
        {
            throw refused;
        }

        return info.Exists ? full : throw new BadQueryException("file", $"the claims file '{given}' does not exist (looked for {full}).");
    }

    /// <summary>Checks uploaded YAML: written to a private temporary file for the loader, deleted after, whatever happens.</summary>

    public static async Task<byte[]> CheckUploadAsync(DashboardData data, HttpRequest request, string name, DateOnly? asOf)
    {
        using var buffer = new MemoryStream();
        var read = new byte[81920];
        int n;
        while ((n = await request.Body.ReadAsync(read, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + n > MaxUploadBytes)
            {
                throw new BadQueryException("body", $"the claims file is larger than {MaxUploadBytes / 1024} KB.");
            }

            buffer.Write(read, 0, n);
        }

        if (buffer.Length == 0)
        {
            throw new BadQueryException("body", "the request has no claims file in its body.");
        }

        var temp = Path.Combine(Path.GetTempPath(), "parity-claims-" + Guid.NewGuid().ToString("N") + ".yaml");
        try
        {
            await File.WriteAllBytesAsync(temp, buffer.ToArray(), request.HttpContext.RequestAborted);
            return Check(data, temp, name, asOf);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static byte[] Check(DashboardData data, string path, string shownName, DateOnly? asOf)
    {
        ClaimsReport report;
        try
        {
            var set = ClaimFile.LoadSet(path);
            report = data.CheckClaims(set, shownName, asOf);
        }
        catch (ParityException ex)
        {
            throw new ClaimsFileException(ex.Message.Replace(path, shownName, StringComparison.Ordinal));
        }

        return DashboardJson.Bytes(new { data = data.Freshness(), report, stored = false });
    }
}
