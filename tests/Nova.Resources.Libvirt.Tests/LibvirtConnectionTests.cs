using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using Nova.Resources.Libvirt.Interop;
using Nova.Resources.Libvirt.Tests.TestSupport;

namespace Nova.Resources.Libvirt.Tests;

public sealed class LibvirtConnectionTests
{
    [Fact]
    public void Constructor_BadUri_OpensNothing()
    {
        var logger = new FakeLogger();
        using var connection = new LibvirtConnection(":::notauri", readOnly: true, logger);

        logger.Opens().Should().Be(0);
    }

    [Fact]
    public void GetNodeInfo_TestDefault_ReturnsTestDriverValues()
    {
        var logger = new FakeLogger();
        using var connection = new LibvirtConnection("test:///default", readOnly: true, logger);

        // virsh -c test:///default nodeinfo / python getInfo(): ['i686', 3072, 16, 1400, 2, 2, 2, 2]
        connection.GetNodeInfo().Should().Be(new NodeInfo(3145728, 16, 1400, 2, 2, 2, 2));
        logger.Opens().Should().Be(1);
    }

    [Fact]
    public void GetNodeInfo_NodeFile_ReturnsFileValues()
    {
        using var connection = new LibvirtConnection(Fixtures.TestUri("node-64cpu.xml"), readOnly: true, NullLogger.Instance);

        // virsh nodeinfo: x86_64, 64 CPUs, 2400 MHz, 1 socket, 16 cores, 2 threads, 2 cells, 268435456 KiB
        connection.GetNodeInfo().Should().Be(new NodeInfo(268435456, 64, 2400, 2, 1, 16, 2));
        connection.GetHypervisorType().Should().Be("TEST");
        connection.GetHypervisorVersion().Should().Be(2);
    }

    [Fact]
    public void GetNodeMemoryStats_TestDriver_IsUnsupportedAndRemembered()
    {
        var logger = new FakeLogger();
        using var connection = new LibvirtConnection("test:///default", readOnly: true, logger);

        connection.GetNodeMemoryStats().Should().BeNull();
        connection.GetNodeMemoryStats().Should().BeNull();

        logger.Collector.GetSnapshot().Where(r => r.Id.Id == 506).Should().ContainSingle();
    }

    [Fact]
    public void ListAllDomains_NodeFile_ListsActiveAndInactive()
    {
        using var connection = new LibvirtConnection(Fixtures.TestUri("node-64cpu.xml"), readOnly: true, NullLogger.Instance);

        var active = connection.ListAllDomains(LibvirtNative.ListDomainsActive);
        var inactive = connection.ListAllDomains(LibvirtNative.ListDomainsInactive);
        try
        {
            active.Select(d => d.GetName()).Should().BeEquivalentTo("small", "large");
            inactive.Select(d => d.GetName()).Should().Equal("off");
            var off = inactive[0];
            off.GetUuid().Should().Be("33333333-3333-4333-8333-333333333333");
            off.GetInfo().Should().Be(new DomainInfo(5, 16777216, 16777216, 8));

            // virDomainGetVcpus needs a running domain: code 55, as python's dom.vcpus() raises.
            var act = () => off.GetVcpuCount(8);
            act.Should().Throw<LibvirtException>().Which.Should().BeEquivalentTo(new
            {
                Function = "virDomainGetVcpus",
                Code = LibvirtErrorCode.OperationInvalid,
                Domain = LibvirtErrorDomain.Test,
                Level = LibvirtErrorLevel.Error,
                LibvirtMessage = "Requested operation is not valid: cannot list vcpus for an inactive domain",
            });
        }
        finally
        {
            foreach (var d in active.Concat(inactive))
            {
                d.Dispose();
            }
        }
    }

    [Fact]
    public void Domain_UsedAfterConnectionDisposed_StaysValid()
    {
        var connection = new LibvirtConnection(Fixtures.TestUri("node-64cpu.xml"), readOnly: true, NullLogger.Instance);
        var domains = connection.ListAllDomains(LibvirtNative.ListDomainsInactive);

        connection.Dispose();

        domains[0].GetName().Should().Be("off");
        domains[0].Dispose();
        var act = () => domains[0].GetName();
        act.Should().Throw<ObjectDisposedException>();
    }

    public static TheoryData<string, LibvirtErrorCode, LibvirtErrorDomain, string> BadUris => new()
    {
        { "test:///nonexistent.xml", LibvirtErrorCode.XmlError, LibvirtErrorDomain.Test, "XML error: failed to parse xml document '/nonexistent.xml'" },
        { ":::notauri", LibvirtErrorCode.InternalError, LibvirtErrorDomain.Uri, "internal error: Unable to parse URI :::notauri" },
        { "test:///", LibvirtErrorCode.InvalidArgument, LibvirtErrorDomain.Test, "invalid argument: testOpen: supply a path or use test:///default" },
    };

    [Theory]
    [MemberData(nameof(BadUris))]
    public void Open_BadUri_ThrowsLibvirtErrorWithLibvirtsCodeAndMessage(string uri, LibvirtErrorCode code, LibvirtErrorDomain domain, string message)
    {
        var logger = new FakeLogger();
        using var connection = new LibvirtConnection(uri, readOnly: true, logger);

        var act = () => connection.GetHypervisorType();

        var error = act.Should().Throw<LibvirtException>().Which;
        error.Function.Should().Be("virConnectOpenReadOnly");
        error.Code.Should().Be(code);
        error.Domain.Should().Be(domain);
        error.Level.Should().Be(LibvirtErrorLevel.Error);
        error.LibvirtMessage.Should().Be(message);
        error.Message.Should().Be($"virConnectOpenReadOnly failed: {message}");
        logger.LatestRecord.Level.Should().Be(LogLevel.Error);
        logger.LatestRecord.Message.Should().StartWith("Connection to libvirt failed: ");
    }

    [Fact]
    public void Open_Directory_ThrowsDocumentIsEmpty()
    {
        string dir = Fixtures.Path("") ;
        using var connection = new LibvirtConnection("test://" + dir, readOnly: true, NullLogger.Instance);

        var error = FluentActions.Invoking(connection.GetHypervisorType).Should().Throw<LibvirtException>().Which;

        error.Code.Should().Be(LibvirtErrorCode.XmlDetail);
        error.Domain.Should().Be(LibvirtErrorDomain.Test);
        error.LibvirtMessage.Should().StartWith(dir + ":1: Document is empty");
    }

    [Fact]
    public void Open_NotWellFormedNodeFile_ThrowsXmlDetail()
    {
        string file = Fixtures.Path("node-not-well-formed.xml");
        using var connection = new LibvirtConnection("test://" + file, readOnly: true, NullLogger.Instance);

        var error = FluentActions.Invoking(connection.GetHypervisorType).Should().Throw<LibvirtException>().Which;

        error.Code.Should().Be(LibvirtErrorCode.XmlDetail);
        error.Domain.Should().Be(LibvirtErrorDomain.Test);
        error.LibvirtMessage.Should().StartWith(file + ":1: Premature end of data in tag cpu line 1");
    }

    [Fact]
    public void Open_WrongRootElement_ThrowsXmlError()
    {
        using var connection = new LibvirtConnection(Fixtures.TestUri("node-wrong-root.xml"), readOnly: true, NullLogger.Instance);

        var error = FluentActions.Invoking(connection.GetHypervisorType).Should().Throw<LibvirtException>().Which;

        error.Code.Should().Be(LibvirtErrorCode.XmlError);
        error.Domain.Should().Be(LibvirtErrorDomain.Xml);
        error.LibvirtMessage.Should().Be("XML error: expecting root element of 'node', not 'host'");
    }

    [Fact]
    public void Open_FailedOnce_IsRetriedOnNextCall()
    {
        var logger = new FakeLogger();
        using var connection = new LibvirtConnection("test:///nonexistent.xml", readOnly: true, logger);

        FluentActions.Invoking(connection.GetNodeInfo).Should().Throw<LibvirtException>();
        FluentActions.Invoking(connection.GetNodeInfo).Should().Throw<LibvirtException>();

        logger.Opens().Should().Be(2, "each call tries to open again");
        logger.Collector.GetSnapshot().Count(r => r.Id.Id == 501).Should().Be(2, "both opens failed");
    }

    [Fact]
    public void ReportFailure_ConnectionBrokenError_LogsAndReopensOnNextCall()
    {
        var logger = new FakeLogger();
        using var connection = new LibvirtConnection("test:///default", readOnly: true, logger);
        connection.GetNodeInfo();
        var broke = new LibvirtException("virNodeGetInfo", LibvirtErrorCode.SystemError, LibvirtErrorDomain.Rpc, LibvirtErrorLevel.Error, "Cannot recv data: Connection reset by peer");

        connection.ReportFailure(generation: 1, broke);

        logger.LatestRecord.Id.Id.Should().Be(502);
        logger.LatestRecord.Level.Should().Be(LogLevel.Warning);
        logger.LatestRecord.Message.Should().Contain("Cannot recv data: Connection reset by peer");
        connection.GetNodeInfo().Cpus.Should().Be(16);
        logger.Opens().Should().Be(2);
        connection.GetNodeInfo().Cpus.Should().Be(16);
        logger.Opens().Should().Be(2, "the new connection is not broken");
    }

    [Theory]
    [InlineData(LibvirtErrorCode.SystemError, LibvirtErrorDomain.Rpc, true)]
    [InlineData(LibvirtErrorCode.InternalError, LibvirtErrorDomain.Remote, true)]
    [InlineData(LibvirtErrorCode.SystemError, LibvirtErrorDomain.Test, false)]
    [InlineData(LibvirtErrorCode.NoSupport, LibvirtErrorDomain.Rpc, false)]
    public void IsConnectionBroken_FollowsNovasRule(LibvirtErrorCode code, LibvirtErrorDomain domain, bool broken)
    {
        new LibvirtException("f", code, domain, LibvirtErrorLevel.Error, "m").IsConnectionBroken.Should().Be(broken);
    }

    [Fact]
    public void Calls_AfterDispose_ThrowObjectDisposed()
    {
        var connection = new LibvirtConnection("test:///default", readOnly: true, NullLogger.Instance);
        connection.GetNodeInfo();

        connection.Dispose();

        FluentActions.Invoking(connection.GetNodeInfo).Should().Throw<ObjectDisposedException>();
    }

    [Fact]
    public async Task Calls_ManyThreadsOnOneConnection_AllSucceed()
    {
        var logger = new FakeLogger();
        using var connection = new LibvirtConnection(Fixtures.TestUri("node-64cpu.xml"), readOnly: true, logger);
        using var start = new ManualResetEventSlim();

        var workers = Enumerable.Range(0, 8).Select(_ => Task.Factory.StartNew(
            () =>
            {
                start.Wait();
                int failures = 0;
                for (int i = 0; i < 300; i++)
                {
                    if (connection.GetNodeInfo().Cpus != 64)
                    {
                        failures++;
                    }

                    var domains = connection.ListAllDomains(LibvirtNative.ListDomainsActive);
                    foreach (var d in domains)
                    {
                        if (d.GetInfo().State != 1)
                        {
                            failures++;
                        }

                        d.Dispose();
                    }

                    var error = FluentActions.Invoking(connection.GetNodeMemoryStats).Should().NotThrow().Subject;
                    if (error is not null || connection.GetHostname().Length == 0)
                    {
                        failures++;
                    }
                }

                return failures;
            },
            TaskCreationOptions.LongRunning)).ToArray();
        start.Set();

        (await Task.WhenAll(workers)).Should().AllBeEquivalentTo(0);
        logger.Opens().Should().Be(1);
    }
}
