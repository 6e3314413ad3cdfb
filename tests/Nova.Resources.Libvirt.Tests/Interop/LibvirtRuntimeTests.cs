using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Nova.Resources.Libvirt.Interop;

namespace Nova.Resources.Libvirt.Tests.Interop;

public sealed partial class LibvirtRuntimeTests
{
    private const string Missing = "libvirt-missing-for-tests.so.0";

    [Fact]
    public void EnsureInitialized_LibvirtInstalled_Succeeds()
    {
        var act = LibvirtRuntime.EnsureInitialized;

        act.Should().NotThrow();
    }

    [Fact]
    public void Run_LibraryMissing_ThrowsUnavailableNamingDebianPackage()
    {
        var act = () => LibvirtRuntime.Run(() => _ = MissingLibrary.virInitialize(), Missing);

        act.Should().Throw<LibvirtUnavailableException>()
            .WithMessage($"*{Missing}*libvirt0*apt-get install libvirt0*")
            .WithInnerException<DllNotFoundException>();
    }

    [Fact]
    public void Run_LibraryMissingInStaticConstructor_ThrowsUnavailableNotTypeInitializationException()
    {
        var act = () => LibvirtRuntime.Run(() => RuntimeHelpers.RunClassConstructor(typeof(MissingInitializer).TypeHandle), Missing);

        act.Should().Throw<LibvirtUnavailableException>().WithInnerException<DllNotFoundException>();
    }

    [Fact]
    public void Run_OtherFailure_IsNotMapped()
    {
        var act = () => LibvirtRuntime.Run(() => throw new InvalidOperationException("x"), Missing);

        act.Should().Throw<InvalidOperationException>();
    }

    private static partial class MissingLibrary
    {
        [LibraryImport(Missing)]
        internal static partial int virInitialize();
    }

    private static class MissingInitializer
    {
        private static readonly int s_result = MissingLibrary.virInitialize();

        public static int Result => s_result;
    }
}
