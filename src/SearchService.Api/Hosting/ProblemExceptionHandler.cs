using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace SearchService.Api.Hosting;

/// <summary>
/// Turns exceptions into RFC 7807 problem details: a request the service cannot bind or accept is a
/// 400 that says why; anything else is a 500 that reveals nothing internal.
/// </summary>
internal sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, "Bad request", Explain(bad)),
            ArgumentException argument => (StatusCodes.Status400BadRequest, "Bad request", argument.Message.Split(" (Parameter")[0]),
            _ => (StatusCodes.Status500InternalServerError, "Internal error", "The service failed to answer this request. It has been logged."),
        };
        if (status >= 500) LogFailure(logger, context.Request.Path, exception);
        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }

    /// <summary>"Failed to bind parameter "Nullable&lt;int&gt; Page" from "abc"" becomes "page must be a whole number (got "abc")".</summary>
    private static string Explain(BadHttpRequestException exception)
    {
        var binding = BindingFailure().Match(exception.Message);
        if (!binding.Success) return exception.Message;
        var name = binding.Groups["name"].Value;
        var type = binding.Groups["type"].Value;
        var expected = type.Contains("int", StringComparison.OrdinalIgnoreCase) ? "a whole number"
            : type.Contains("Date", StringComparison.Ordinal) ? "a date (yyyy-MM-dd)"
            : type.Contains("bool", StringComparison.OrdinalIgnoreCase) ? "true or false"
            : $"a {type}";
        return $"{char.ToLowerInvariant(name[0])}{name[1..]} must be {expected} (got \"{binding.Groups["value"].Value}\").";
    }

    [GeneratedRegex(@"^Failed to bind parameter ""(?<type>.+) (?<name>\w+)"" from ""(?<value>.*)""\.?$")]
    private static partial Regex BindingFailure();

    [LoggerMessage(Level = LogLevel.Error, Message = "Request {Path} failed")]
    private static partial void LogFailure(ILogger logger, string path, Exception exception);
}
