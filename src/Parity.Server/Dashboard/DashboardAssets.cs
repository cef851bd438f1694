using System.Reflection;
using System.Security.Cryptography;

namespace Parity.Server.Dashboard;

/// <summary>The dashboard's pages (rendered from one template by <see cref="DashboardPages"/>), scripts and styles, embedded in the assembly (no CDN, no files beside the binary), each with an ETag.</summary>
internal sealed class DashboardAssets
{
    private const string Prefix = "dashboard/";

    private readonly Dictionary<string, Asset> _assets = new(StringComparer.Ordinal);

    private DashboardAssets()
    {
        var assembly = typeof(DashboardAssets).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var bytes = copy.ToArray();
            var file = name[Prefix.Length..];
            _assets[file] = Make(file, bytes);
        }

        Template = System.Text.Encoding.UTF8.GetString(_assets["page.html"].Bytes);
        foreach (var page in DashboardPages.All)
        {
            _assets[page.File] = Make(page.File, System.Text.Encoding.UTF8.GetBytes(DashboardPages.Render(Template, page)));
        }
    }

    /// <summary>The pages' one template (<c>page.html</c>), for <see cref="DashboardPages"/>.</summary>
    public string Template { get; }

    /// <summary>The assets of this build, read once.</summary>
    public static DashboardAssets Instance { get; } = new();

    /// <summary>The file names (e.g. <c>race.html</c>, <c>app.js</c>).</summary>
    public IEnumerable<string> Names => _assets.Keys;

    public Asset? Find(string name) => _assets.GetValueOrDefault(name);

    /// <summary>Writes an asset, or 304 when the browser has it.</summary>
    public static Task Write(HttpContext http, Asset asset)
    {
        http.Response.Headers.ETag = asset.ETag;
        http.Response.Headers.CacheControl = "no-cache";
        if (http.Request.Headers.IfNoneMatch == asset.ETag)
        {
            http.Response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        http.Response.ContentType = asset.ContentType;
        http.Response.ContentLength = asset.Bytes.Length;
        return http.Response.Body.WriteAsync(asset.Bytes, http.RequestAborted).AsTask();
    }

    private static Asset Make(string file, byte[] bytes) =>
        new(bytes, ContentType(file), "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..16] + "\"");

    private static string ContentType(string file) => Path.GetExtension(file) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };

    /// <summary>One embedded file.</summary>
    internal sealed record Asset(byte[] Bytes, string ContentType, string ETag);
}
