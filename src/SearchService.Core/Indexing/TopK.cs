namespace SearchService.Core.Indexing;

/// <summary>
/// Keeps the k best of many results: a priority queue of at most k whose head is the worst kept, so each
/// further result costs one comparison, plus log k when it gets in. Cheaper than sorting thousands to keep 100.
/// </summary>
internal static class TopK
{
    /// <summary>Adds <paramref name="element"/> when fewer than <paramref name="k"/> are kept or it beats the worst kept (by the queue's comparer).</summary>
    public static void Offer<TElement, TPriority>(PriorityQueue<TElement, TPriority> best, TElement element, TPriority priority, int k)
    {
        if (best.Count < k) best.Enqueue(element, priority);
        else if (best.TryPeek(out _, out var worst) && best.Comparer.Compare(priority, worst) > 0) best.EnqueueDequeue(element, priority);
    }

    /// <summary>Empties the queue into a list, best first.</summary>
    public static List<TElement> BestFirst<TElement, TPriority>(PriorityQueue<TElement, TPriority> best)
    {
        var ranked = new TElement[best.Count];
        for (var i = ranked.Length - 1; i >= 0; i--) ranked[i] = best.Dequeue();
        return [.. ranked];
    }
}
