using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using SearchService.Core.Analytics;
using SearchService.Core.Search;

namespace SearchService.Api.Analytics;

/// <summary>
/// Takes what search analytics records off the request path: an event is put on a bounded in-memory queue (no lock
/// held across I/O, no wait) that <see cref="AnalyticsWriter"/> drains to disk. When the queue is full the event is
/// dropped and counted, so a slow disk never slows a search.
/// </summary>
public sealed class SearchAnalytics
{
    private readonly Channel<AnalyticsEvent> _queue;
    private readonly TimeProvider _clock;
    private long _dropped;

    public SearchAnalytics(IOptions<AnalyticsOptions> options, TimeProvider clock)
    {
        Enabled = options.Value.Enabled;
        _clock = clock;
        _queue = Channel.CreateBounded<AnalyticsEvent>(new BoundedChannelOptions(options.Value.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait, // TryWrite then answers false at once: the caller drops and counts
            SingleReader = true,
        });
    }

    public bool Enabled { get; }

    /// <summary>Events dropped since start because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    internal ChannelReader<AnalyticsEvent> Events => _queue.Reader;

    /// <summary>Records an answered search and returns its new opaque id (null when analytics is off).</summary>
    public string? RecordSearch(string kind, string? query, string mode, BriefFilter filter, long total, double tookMs)
    {
        if (!Enabled) return null;
        var id = NewSearchId();
        Offer(new SearchEvent(id, _clock.GetUtcNow(), kind, QueryNormaliser.Normalise(query), mode, Describe(filter), total, tookMs));
        return id;
    }

    /// <summary>Records that the result <paramref name="briefId"/> at <paramref name="position"/> of search <paramref name="searchId"/> was opened.</summary>
    public void RecordClick(string searchId, string briefId, int position)
    {
        if (Enabled) Offer(new ClickEvent(searchId, _clock.GetUtcNow(), briefId, position));
    }

    /// <summary>Completes when every event recorded before the call is on disk (a report then includes them).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (!Enabled) return;
        var flush = new FlushRequest(_clock.GetUtcNow());
        await _queue.Writer.WriteAsync(flush, cancellationToken); // an admin call may wait for room; searches never do
        await flush.Done.Task.WaitAsync(cancellationToken);
    }

    internal void Complete() => _queue.Writer.TryComplete();

    private void Offer(AnalyticsEvent e)
    {
        if (!_queue.Writer.TryWrite(e)) Interlocked.Increment(ref _dropped);
    }

    /// <summary>
    /// 64 random bits as 16 hex digits: unique enough for a million kept searches, and says nothing about who searched.
    /// Not a secret (a beacon can name any id anyway), so the fast generator serves: the cryptographic one costs a system call.
    /// </summary>
    private static string NewSearchId() => Random.Shared.NextInt64(long.MinValue, long.MaxValue).ToString("x16", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The filters as "field=value|value; …", empty when none; values cut so a row stays small.</summary>
    internal static string Describe(BriefFilter filter)
    {
        if (filter.IsEmpty) return "";
        var text = new StringBuilder();
        void Field(string name, IReadOnlyList<string> values)
        {
            if (values.Count == 0) return;
            if (text.Length > 0) text.Append("; ");
            text.Append(name).Append('=').AppendJoin('|', values);
        }
        Field("tags", filter.Tags);
        Field("authors", filter.Authors);
        Field("type", filter.Types);
        Field("publisher", filter.Publishers);
        if (filter.From is { } from) Field("from", [from.ToString("yyyy-MM-dd")]);
        if (filter.To is { } to) Field("to", [to.ToString("yyyy-MM-dd")]);
        return text.Length > MaxFiltersLength ? text.ToString(0, MaxFiltersLength) : text.ToString();
    }

    private const int MaxFiltersLength = 500;

    /// <summary>Not an event: asks the writer to say when everything before it is written.</summary>
    internal sealed record FlushRequest(DateTimeOffset At) : AnalyticsEvent("", At)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
