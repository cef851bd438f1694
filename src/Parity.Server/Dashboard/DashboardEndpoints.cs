using System.Text;

namespace Parity.Server.Dashboard;

/// <summary>
/// The dashboard's addresses: the pages (<c>/</c> race, <c>/leaderboard</c>, <c>/model/{id}</c>, <c>/value</c>,
/// <c>/claims</c>, <c>/usage</c>, <c>/evals</c>), their scripts under <c>/assets/</c>, and the JSON under <c>/api/</c>
/// that returns exactly what each page shows. A bad query string answers 400 naming the parameter (JSON for the API,
/// a short page for a page address), never a stack trace.
/// </summary>
public static class DashboardEndpoints
{
    /// <summary>Maps the dashboard onto <paramref name="app"/>, reading the store <paramref name="options"/> names.</summary>
    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app, DashboardOptions options)
    {
        var state = new DashboardState(options);
        return app.MapDashboard(state);
    }

    internal static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app, DashboardState state)
    {
        var gateway = state.Options.Gateway;
        app.MapGet("/api/version", (HttpContext http) =>
        {
            var data = state.Current;
            return Json(http, DashboardJson.Bytes(new { version = data.Version, loadedAt = data.LoadedAt, reloadError = state.ReloadError }));
        });
        Api(app, "/api/race", state, RaceApi.Answer);
        Api(app, "/api/leaderboard", state, LeaderboardApi.Answer);
        app.MapGet("/api/leaderboard.csv", (HttpContext http) => Guarded(http, () =>
        {
            var bytes = LeaderboardApi.Csv(state.Current, http.Request.Query);
            http.Response.ContentType = "text/csv; charset=utf-8";
            http.Response.Headers.ContentDisposition = "attachment; filename=\"leaderboard.csv\"";
            return http.Response.Body.WriteAsync(bytes, http.RequestAborted).AsTask();
        }));
        app.MapGet("/api/model/{id}", (HttpContext http, string id) => Guarded(http, () =>
            ModelApi.Answer(state.Current, id, http.Request.Query) is { } bytes
                ? Json(http, bytes)
                : Json(http, DashboardJson.Bytes(new { error = $"no model '{id}' in the catalog or on any leaderboard snapshot", parameter = "id" }), StatusCodes.Status404NotFound)));
        Api(app, "/api/value", state, ValueApi.Answer);
        Api(app, "/api/claims", state, (data, query) => ClaimsApi.Answer(data, state.Options, query));
        app.MapPost("/api/claims/check", (HttpContext http) => Guarded(http, async () =>
        {
            var q = new QueryReader(http.Request.Query, "name", "asOf");
            var name = q.Text("name") is { } given ? Path.GetFileName(given) : "uploaded claims file";
            await Json(http, await ClaimsApi.CheckUploadAsync(state.Current, http.Request, name, q.Date("asOf")));
        }));
        Api(app, "/api/evals", state, EvalsApi.Answer);
        Api(app, "/api/usage", state, (data, query) => UsageApi.Answer(data, gateway, query));

        var checks = new Dictionary<string, Func<IQueryCollection, object>>(StringComparer.Ordinal)
        {
            ["race.html"] = q => RaceApi.Parse(q),
            ["leaderboard.html"] = q => LeaderboardQuery.Parse(q),
            ["model.html"] = q => new QueryReader(q),
            ["value.html"] = q => new QueryReader(q, ValueApi.Parameters),
            ["claims.html"] = q =>
            {
                var reader = new QueryReader(q, ClaimsApi.Parameters);
                return (reader.Date("asOf"), reader.Text("file") is { } file ? ClaimsApi.AllowedFile(state.Options, file) : null);
            },
            ["usage.html"] = q => new QueryReader(q, UsageApi.Parameters),
            ["evals.html"] = q => new QueryReader(q),
        };
        foreach (var page in DashboardPages.All)
        {
            Page(app, page.Route, page.File, checks[page.File]);
        }

        app.MapGet("/assets/{name}", (HttpContext http, string name) =>
            DashboardAssets.Instance.Find(name) is { } asset && !name.EndsWith(".html", StringComparison.Ordinal)
                ? DashboardAssets.Write(http, asset)
                : Json(http, DashboardJson.Bytes(new { error = $"no asset '{name}'" }), StatusCodes.Status404NotFound));
        return app;
    }

    private static void Api(IEndpointRouteBuilder app, string path, DashboardState state, Func<DashboardData, IQueryCollection, byte[]> answer) =>
        app.MapGet(path, (HttpContext http) => Guarded(http, () => Json(http, answer(state.Current, http.Request.Query))));

    private static void Page(IEndpointRouteBuilder app, string path, string file, Func<IQueryCollection, object> check) =>
        app.MapGet(path, (HttpContext http) =>
        {
            try
            {
                check(http.Request.Query);
            }
            catch (BadQueryException ex)
            {
                return ErrorPage(http, ex.Parameter, ex.Message);
            }

            return DashboardAssets.Write(http, DashboardAssets.Instance.Find(file)!);
        });

    /// <summary>Runs a handler; input errors become 400 JSON with the parameter named, anything else a 500 without internals.</summary>
    private static async Task Guarded(HttpContext http, Func<Task> handler)
    {
        try
        {
            await handler();
        }
        catch (BadQueryException ex)
        {
            await Json(http, DashboardJson.Bytes(new { error = ex.Message, parameter = ex.Parameter }), StatusCodes.Status400BadRequest);
        }
        catch (ClaimsFileException ex)
        {
            await Json(http, DashboardJson.Bytes(new { error = ex.Message, stored = false }), StatusCodes.Status400BadRequest);
        }
        catch (ParityException ex)
        {
            await Json(http, DashboardJson.Bytes(new { error = ex.Message }), StatusCodes.Status400BadRequest);
        }
    }

    private static Task Json(HttpContext http, byte[] bytes, int status = StatusCodes.Status200OK)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        http.Response.ContentLength = bytes.Length;
        return http.Response.Body.WriteAsync(bytes, http.RequestAborted).AsTask();
    }

    private static Task ErrorPage(HttpContext http, string parameter, string message)
    {
        http.Response.StatusCode = StatusCodes.Status400BadRequest;
        http.Response.ContentType = "text/html; charset=utf-8";
        var html = DashboardPages.Error(DashboardAssets.Instance.Template, http.Request.Path, parameter, message);
        return http.Response.WriteAsync(html, Encoding.UTF8, http.RequestAborted);
    }
}
