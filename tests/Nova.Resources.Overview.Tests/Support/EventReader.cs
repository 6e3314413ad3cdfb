namespace Nova.Resources.Overview.Tests.Support;

/// <summary>Reads server-sent events (<c>event:</c> and <c>data:</c> lines up to a blank line) from a stream.</summary>
internal sealed class EventReader(Stream stream) : IDisposable
{
    private readonly StreamReader _reader = new(stream);

    public async Task<(string Name, string Data)> NextAsync(CancellationToken cancellationToken)
    {
        string? name = null;
        string? data = null;
        while (true)
        {
            string line = await _reader.ReadLineAsync(cancellationToken) ?? throw new EndOfStreamException("The event stream ended.");
            if (line.Length == 0)
            {
                if (data is not null)
                {
                    return (name ?? "message", data);
                }

                continue;
            }

            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line["data: ".Length..];
            }
        }
    }

    public void Dispose() => _reader.Dispose();
}
