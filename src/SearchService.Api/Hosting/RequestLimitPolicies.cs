using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace SearchService.Api.Hosting;

/// <summary>
/// Request limits from <see cref="RequestLimitsOptions"/>: Kestrel's body size and request line, and fixed-window
/// rate limits per client address — every request counts against a global limit, writes and admin calls also against
/// the stricter <see cref="Writes"/> policy. A refused request gets 429 problem details with Retry-After.
/// </summary>
public static class RequestLimitPolicies
{
    /// <summary>Rate-limit policy of write and admin endpoints.</summary>
    public const string Writes = "writes";

    public static IServiceCollection AddRequestLimits(this IServiceCollection services)
    {
        services.AddOptions<RequestLimitsOptions>()
            .BindConfiguration(RequestLimitsOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<RequestLimitsOptions>>((kestrel, limits) =>
        {
            kestrel.Limits.MaxRequestBodySize = limits.Value.MaxRequestBytes;
            kestrel.Limits.MaxRequestLineSize = RequestLimitsOptions.MaxRequestLineBytes;
        });
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RequestLimitsOptions>>((options, limits) =>
        {
            var settings = limits.Value;
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Probes and scrapes are never refused: a 429 on /health/ready would take a busy service out of its load balancer.
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => Endpoints.HealthEndpoints.IsMonitoring(context.Request.Path)
                ? RateLimitPartition.GetNoLimiter("monitoring")
                : PerClient(context, "all", settings.RequestsPerWindow, settings.Window));
            options.AddPolicy(Writes, context => PerClient(context, Writes, settings.WritesPerWindow, settings.Window));
            options.OnRejected = (rejected, cancellationToken) => WriteTooManyRequests(rejected, settings, cancellationToken);
        });
        return services;
    }

    /// <summary>
    /// One fixed window per client address. Behind a reverse proxy every client shares the proxy's address
    /// unless forwarded headers are configured.
    /// </summary>
    private static RateLimitPartition<string> PerClient(HttpContext context, string scope, int permits, TimeSpan window)
    {
        var client = $"{scope}:{context.Connection.RemoteIpAddress?.ToString() ?? "unknown"}";
        return permits == 0
            ? RateLimitPartition.GetNoLimiter(client)
            : RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = permits,
                Window = window,
                QueueLimit = 0,
                AutoReplenishment = true,
            });
    }

    private static async ValueTask WriteTooManyRequests(OnRejectedContext rejected, RequestLimitsOptions settings, CancellationToken cancellationToken)
    {
        var http = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : settings.Window;
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"This client has used its requests for the current {settings.Window.TotalSeconds:0}-second window; retry after {seconds} s.",
            },
        });
    }
}
