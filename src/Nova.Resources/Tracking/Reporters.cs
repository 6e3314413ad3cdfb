namespace Nova.Resources.Tracking;

/// <summary>
/// Calls every registered <see cref="IComputeNodeReporter"/> (or <see cref="IAuditObserver"/>) in turn; one's failure
/// never stops the others.
/// </summary>
internal static class Reporters
{
    /// <summary>Calls <paramref name="call"/> on each reporter; an exception (but the caller's cancellation) goes to <paramref name="failed"/>.</summary>
    /// <returns>The first reporter's exception, or <see langword="null"/> when every reporter succeeded.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async ValueTask<Exception?> CallEachAsync<TReporter>(
        IReadOnlyList<TReporter> reporters,
        Func<TReporter, ValueTask> call,
        Action<TReporter, Exception> failed,
        CancellationToken cancellationToken)
    {
        Exception? first = null;
        foreach (var reporter in reporters)
        {
            try
            {
                await call(reporter).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                failed(reporter, ex);
                first ??= ex;
            }
        }

        return first;
    }
}
