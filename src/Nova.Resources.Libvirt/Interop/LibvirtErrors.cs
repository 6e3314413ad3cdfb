using System.Runtime.InteropServices;
using System.Runtime.InteropServices.Marshalling;

namespace Nova.Resources.Libvirt.Interop;

/// <summary>
/// Turns libvirt's thread-local last error into a <see cref="LibvirtException"/>. Call it on the same thread,
/// right after the failing call and before any other libvirt call (every libvirt call resets the error).
/// </summary>
internal static unsafe class LibvirtErrors
{
    /// <summary>Ends the blocking call <paramref name="function"/> and throws its error when <paramref name="result"/> is negative.</summary>
    /// <param name="result">What the call returned.</param>
    /// <param name="function">The libvirt function.</param>
    /// <returns><paramref name="result"/>.</returns>
    public static int ThrowIfFailed(int result, string function)
    {
        if (result < 0)
        {
            throw Fail(function);
        }

        LibvirtOperation.End();
        return result;
    }

    /// <summary>Ends the blocking call <paramref name="function"/> and throws its error when <paramref name="result"/> is NULL.</summary>
    /// <param name="result">What the call returned.</param>
    /// <param name="function">The libvirt function.</param>
    /// <param name="owned">Whether the caller frees <paramref name="result"/>: it is freed here when ending the call throws.</param>
    /// <returns><paramref name="result"/>.</returns>
    public static byte* ThrowIfFailed(byte* result, string function, bool owned = false)
    {
        if (result is null)
        {
            throw Fail(function);
        }

        EndOrFree(result, owned);
        return result;
    }

    /// <summary>Ends the call; when that throws (the caller has gone), frees an owned result first.</summary>
    public static void EndOrFree(byte* result, bool owned)
    {
        try
        {
            LibvirtOperation.End();
        }
        catch when (owned)
        {
            NativeMemory.Free(result);
            throw;
        }
    }

    /// <summary>Captures the error of the blocking call <paramref name="function"/> that just failed, then ends the call.</summary>
    /// <param name="function">The libvirt function that just failed.</param>
    /// <returns>The exception to throw.</returns>
    public static LibvirtException Fail(string function)
    {
        var error = Capture(function);
        LibvirtOperation.End();
        return error;
    }

    /// <summary>Copies and clears this thread's last libvirt error.</summary>
    /// <param name="function">The libvirt function that just failed.</param>
    /// <returns>The exception to throw.</returns>
    public static LibvirtException Capture(string function)
    {
        VirError error = default;
        int code = LibvirtNative.virCopyLastError(&error);
        try
        {
            if (code <= 0)
            {
                return new LibvirtException(function, LibvirtErrorCode.Ok, LibvirtErrorDomain.None, LibvirtErrorLevel.Error,
                    "the call failed but libvirt recorded no error");
            }

            string message = Utf8StringMarshaller.ConvertToManaged(error.Message) ?? "libvirt gave no message";
            return new LibvirtException(function, (LibvirtErrorCode)error.Code, (LibvirtErrorDomain)error.Domain, (LibvirtErrorLevel)error.Level, message);
        }
        finally
        {
            LibvirtNative.virResetError(&error);
        }
    }
}
