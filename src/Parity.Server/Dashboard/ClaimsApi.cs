using Parity.Claims;

namespace Parity.Server.Dashboard;

/// <summary>
/// <c>GET /api/claims</c>: the verdicts on the dashboard's claims file. <c>GET /api/claims?file=PATH</c> checks another
/// file on this machine, and <c>POST /api/claims/check</c> checks the YAML in the request body (an uploaded file); both
/// in place: nothing is stored, and a file with an error answers 400 with the error (file, line, claim, field).
/// </summary>
internal static class ClaimsApi
{
    /// <summary>Uploaded claims files larger than this are refused (the shipped file is ~10 KB).</summary>
    public const int MaxUploadBytes = 1 << 20;

    public static byte[] Answer(DashboardData data, IQueryCollection query)
    {
        var q = new QueryReader(query, Parameters);
        var asOf = q.Date("asOf");
        if (q.Text("file") is { } path)
        {
            if (!File.Exists(path))
            {
                throw new BadQueryException("file", $"the claims file '{path}' does not exist on the server.");
            }

            return Check(data, path, path, asOf);
        }

        return data.Cached($"claims|{asOf}", () => DashboardJson.Bytes(new
        {
            data = data.Freshness(),
            report = asOf is null ? data.Claims : data.CheckClaims(new ClaimSet(data.Inputs.ClaimsFile, data.Inputs.Claims, data.Inputs.Trackers ?? []), data.Inputs.ClaimsFile, asOf),
            stored = true,
        }));
    }

    /// <summary>Checks uploaded YAML: written to a private temporary file for the loader, deleted after, whatever happens.</summary>
    public static readonly string[] Parameters = ["file", "asOf"];

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
