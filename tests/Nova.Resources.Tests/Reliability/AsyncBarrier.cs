namespace Nova.Resources.Tests.Reliability;

/// <summary>A barrier for async participants: the last to arrive runs the check, then releases the round.</summary>
internal sealed class AsyncBarrier(int participants, Func<string, Task> check)
{
    private readonly Lock _gate = new();
    private readonly int _participants = participants;
    private int _remaining = participants;
    private int _round;
    private TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task SignalAndWait()
    {
        TaskCompletionSource released;
        bool last;
        int round;
        lock (_gate)
        {
            released = _released;
            round = _round;
            last = --_remaining == 0;
            if (last)
            {
                _remaining = _participants;
                _round++;
                _released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        if (last)
        {
            try
            {
                await check($"after round {round}");
            }
            finally
            {
                released.SetResult();
            }
        }

        await released.Task;
    }
}
