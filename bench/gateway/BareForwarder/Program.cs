using System.Text.Json;
using System.Text.Json.Nodes;

// usage: BareForwarder <listen url> <upstream chat completions url>
if (Environment.GetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS") is null)
{
    Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");
}

var builder = WebApplication.CreateSlimBuilder();
builder.WebHost.UseUrls(args[0]);
builder.Logging.ClearProviders();
// The same event-loop setting as `parity gateway` (GatewayHost.PreferInlineIo), so the floor is measured
// the way Parity runs: socket completions and requests on the socket threads, no thread-pool hand-off.
builder.WebHost.UseSockets(o => o.UnsafePreferInlineScheduling = Environment.GetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS") == "1");

var app = builder.Build();
var upstream = new Uri(args[1]);
using var client = new HttpMessageInvoker(new SocketsHttpHandler { UseProxy = false, ActivityHeadersPropagator = null });
app.MapPost("/v1/chat/completions", async (HttpContext http) =>
{
    var request = (JsonObject)(await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted))!;
    using var message = new HttpRequestMessage(HttpMethod.Post, upstream) { Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(request)) };
    message.Content.Headers.ContentType = new("application/json");
    using var response = await client.SendAsync(message, http.RequestAborted);
    var body = await response.Content.ReadAsByteArrayAsync(http.RequestAborted);
    var answer = JsonNode.Parse(body)!;
    var bytes = JsonSerializer.SerializeToUtf8Bytes(answer);
    http.Response.StatusCode = (int)response.StatusCode;
    http.Response.ContentType = "application/json";
    http.Response.ContentLength = bytes.Length;
    await http.Response.Body.WriteAsync(bytes, http.RequestAborted);
});
await app.RunAsync();
