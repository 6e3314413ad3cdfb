using System.Runtime.InteropServices;

namespace Nova.Resources.Libvirt.Interop;

/// <summary>
/// Prepares libvirt once per process: installs silent error handlers (libvirt's and libxml2's default ones print
/// errors to stderr; errors are read with <c>virCopyLastError</c> instead) and calls <c>virInitialize</c>,
/// which must run before any error API is used. A missing <c>libvirt.so.0</c> becomes one
/// <see cref="LibvirtUnavailableException"/> naming the Debian package.
/// </summary>
internal static class LibvirtRuntime
{
    /// <summary>Runs the one-time set-up if it has not run yet.</summary>
    /// <exception cref="LibvirtUnavailableException">libvirt.so.0 cannot be loaded.</exception>
    /// <exception cref="LibvirtException"><c>virInitialize</c> failed.</exception>
    public static void EnsureInitialized() => Run(Initializer.ThrowIfFailed, LibvirtNative.LibraryName);

    /// <summary>
    /// Runs a set-up action and maps a missing native library to <see cref="LibvirtUnavailableException"/>.
    /// Internal so that tests can feed it a library that does not exist.
    /// </summary>
    /// <param name="initialize">The action that loads the library.</param>
    /// <param name="libraryName">The library it loads, for the message.</param>
    internal static void Run(Action initialize, string libraryName)
    {
        try
        {
            initialize();
        }
        catch (TypeInitializationException e) when (e.InnerException is DllNotFoundException or EntryPointNotFoundException)
        {
            throw Unavailable(libraryName, e.InnerException);
        }
        catch (DllNotFoundException e)
        {
            throw Unavailable(libraryName, e);
        }
        catch (EntryPointNotFoundException e)
        {
            throw Unavailable(libraryName, e);
        }
    }

    private static LibvirtUnavailableException Unavailable(string libraryName, Exception inner) =>
        new($"The libvirt client library {libraryName} could not be loaded ({inner.Message}). "
            + $"Install Debian's {LibvirtNative.DebianPackage} package (apt-get install {LibvirtNative.DebianPackage}), "
            + "or the package that provides libvirt.so.0 on your distribution.", inner);

    /// <summary>Holds the static constructor apart, so that a load failure surfaces inside <see cref="Run"/>.</summary>
    private static unsafe class Initializer
    {
        /// <summary>The error <c>virInitialize</c> reported, captured on the thread that ran it.</summary>
        private static readonly LibvirtException? s_error;

#pragma warning disable CA1810 // The static constructor is the point: it runs the native set-up exactly once.
        static Initializer()
        {
            LibvirtNative.virSetErrorFunc(0, &IgnoreError);
            SilenceLibXml2();
            if (LibvirtNative.virInitialize() < 0)
            {
                s_error = LibvirtErrors.Capture("virInitialize");
            }
        }
#pragma warning restore CA1810

        public static void ThrowIfFailed()
        {
            if (s_error is { } e)
            {
                throw new LibvirtException(e.Function, e.Code, e.Domain, e.Level, e.LibvirtMessage);
            }
        }

        [UnmanagedCallersOnly]
        private static void IgnoreError(nint userData, VirError* error)
        {
        }

        /// <summary>
        /// libxml2's variadic handler is declared with one argument: the System V ABI lets a callee ignore the
        /// variadic ones, and this handler reads none.
        /// </summary>
        [UnmanagedCallersOnly]
        private static void IgnoreXmlError(nint context, byte* format)
        {
        }

        private static void SilenceLibXml2()
        {
            try
            {
                LibXml2.xmlThrDefSetGenericErrorFunc(0, &IgnoreXmlError);
                LibXml2.xmlSetGenericErrorFunc(0, &IgnoreXmlError);
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                // A libvirt built without libxml2 has nothing to silence.
            }
        }
    }
}
