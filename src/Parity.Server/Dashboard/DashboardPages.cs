using System.Net;
using System.Text;

namespace Parity.Server.Dashboard;

/// <summary>
/// The dashboard's HTML pages, all from one template (<c>Assets/page.html</c>: head, styles, the navigation): each page is
/// its title and its script; the page's own link in the navigation is marked as current. Rendered once per process.
/// </summary>
internal static class DashboardPages
{
    /// <summary>One page: its address, the asset name it is served as, its title and script, and its label in the navigation (null: not listed).</summary>
    internal sealed record Page(string Route, string File, string Title, string Script, string? NavLabel);

    public static IReadOnlyList<Page> All { get; } =
    [
        new("/", "race.html", "The race: is the gap closing?", "race.js", "Race"),
        new("/leaderboard", "leaderboard.html", "Leaderboard", "leaderboard.js", "Leaderboard"),
        new("/value", "value.html", "Value for money", "value.js", "Value"),
        new("/claims", "claims.html", "Claims tracker", "claims.js", "Claims"),
        new("/usage", "usage.html", "Gateway usage", "usage.js", "Usage"),
        new("/evals", "evals.html", "Eval runs", "evals.js", "Evals"),
        new("/model/{id}", "model.html", "Model", "model.js", null),
    ];

    /// <summary>A page of the dashboard (<paramref name="template"/> is <c>page.html</c>).</summary>
    public static string Render(string template, Page page) =>
        Fill(template, page.Title, page.Route,
            $"""
                <h1 id="title">{WebUtility.HtmlEncode(page.Title)}</h1>
                <p id="freshness" class="freshness" aria-live="polite">Loading data…</p>
                <div id="page"></div>
            """,
            $"""
              <script src="/assets/app.js"></script>
              <script src="/assets/{page.Script}"></script>
            """);

    /// <summary>The 400 page for a bad query string: the parameter and the message, and a link to the page without it.</summary>
    public static string Error(string template, string path, string parameter, string message) =>
        Fill(template, "Bad address: " + parameter, null,
            $"""
                <h1>Bad address</h1>
                <p class="error" role="alert">Parameter <code>{WebUtility.HtmlEncode(parameter)}</code>: {WebUtility.HtmlEncode(message)}</p>
                <p><a href="{WebUtility.HtmlEncode(path)}">Open the page without the query string</a></p>
            """,
            "");

    private static string Fill(string template, string title, string? current, string main, string scripts)
    {
        var nav = new StringBuilder();
        foreach (var p in All.Where(p => p.NavLabel is not null))
        {
            nav.Append("      <a href=\"").Append(p.Route).Append('"').Append(p.Route == current ? " aria-current=\"page\"" : "").Append('>')
                .Append(WebUtility.HtmlEncode(p.NavLabel)).Append("</a>\n");
        }

        return template.Replace("{{title}}", WebUtility.HtmlEncode(title), StringComparison.Ordinal)
            .Replace("{{nav}}", nav.ToString().TrimEnd('\n'), StringComparison.Ordinal)
            .Replace("{{main}}", main, StringComparison.Ordinal)
            .Replace("{{scripts}}", scripts, StringComparison.Ordinal);
    }
}
