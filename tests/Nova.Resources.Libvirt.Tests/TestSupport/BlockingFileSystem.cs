namespace Nova.Resources.Libvirt.Tests.TestSupport;

/// <summary>A statvfs that hangs (as on a dead NFS mount) until released.</summary>
internal sealed class BlockingFileSystem : IFileSystemStatsProvider, IDisposable
{
    private readonly ManualResetEventSlim _release = new();

    /// <summary>Completes when a read is inside <see cref="GetStats"/>.</summary>
    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public FileSystemStats GetStats(string path)
    {
        Entered.TrySetResult();
        _release.Wait();
        return new FileSystemStats(100UL << 30, 50UL << 30, 50UL << 30);
    }

    public void Release() => _release.Set();

    public void Dispose()
    {
        _release.Set();
        _release.Dispose();
    }
}
