using System.Net;

namespace NoduleScope.Dicom.Network.Tests;

/// <summary>C-ECHO through our client and server, and every reason an association is refused.</summary>
public sealed class EchoAndAccessTests
{
    [Fact]
    public async Task EchoSucceedsForAnAllowedPeer()
    {
        await using var scp = TestScp.Start();
        Assert.True((await scp.Client().EchoAsync()).IsSuccess);
        Assert.Contains(scp.Logger.Lines, l => l.Contains("accepted TESTSCU -> NODULESCOPE", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AllowListIsOnAndEmptyByDefault()
    {
        await using var scp = TestScp.Start(o => o with { AccessControl = new DicomAccessControl() });
        var e = await Assert.ThrowsAsync<DicomAssociationRejectedException>(() => scp.Client().EchoAsync());
        Assert.Equal(DicomAssociationRejection.CallingAeTitleNotRecognized, e.Rejection);
    }

    [Fact]
    public async Task UnknownCallingAeTitleIsRejected()
    {
        await using var scp = TestScp.Start();
        var e = await Assert.ThrowsAsync<DicomAssociationRejectedException>(() => scp.Client(callingAe: "INTRUDER").EchoAsync());
        Assert.Equal(DicomRejectResult.Permanent, e.Rejection.Result);
        Assert.Equal(DicomRejectSource.ServiceUser, e.Rejection.Source);
        Assert.Equal(3, e.Rejection.Reason);
        Assert.Contains(scp.Logger.Lines, l => l.Contains("rejected INTRUDER", StringComparison.Ordinal) && l.Contains("calling AE title not recognized", StringComparison.Ordinal));
    }

    [Fact]
    public async Task KnownAeTitleFromAnAddressNotAllowedIsRejected()
    {
        var elsewhere = new DicomAccessControl { AllowedPeers = [DicomAllowedPeer.Parse("TESTSCU@10.20.0.0/16")] };
        await using var scp = TestScp.Start(o => o with { AccessControl = elsewhere });
        var e = await Assert.ThrowsAsync<DicomAssociationRejectedException>(() => scp.Client().EchoAsync());
        Assert.Equal(DicomAssociationRejection.NoReasonGiven, e.Rejection);
    }

    [Fact]
    public async Task WrongCalledAeTitleIsRejected()
    {
        await using var scp = TestScp.Start();
        var e = await Assert.ThrowsAsync<DicomAssociationRejectedException>(() => scp.Client(calledAe: "SOMEONEELSE").EchoAsync());
        Assert.Equal(DicomAssociationRejection.CalledAeTitleNotRecognized, e.Rejection);

        await using var lenient = TestScp.Start(o => o with { CheckCalledAeTitle = false });
        Assert.True((await lenient.Client(calledAe: "SOMEONEELSE").EchoAsync()).IsSuccess);
    }

    [Fact]
    public async Task LowDiskSpaceRefusesNewAssociations()
    {
        await using var scp = TestScp.Start(o => o with { DiskSpacePath = Path.GetTempPath(), MinimumFreeDiskBytes = long.MaxValue });
        var e = await Assert.ThrowsAsync<DicomAssociationRejectedException>(() => scp.Client().EchoAsync());
        Assert.Equal(DicomAssociationRejection.TemporaryCongestion, e.Rejection);
        Assert.Equal(DicomRejectResult.Transient, e.Rejection.Result);
    }

    [Fact]
    public async Task StoreHandlerCanVetoAnAssociation()
    {
        var veto = new DicomAssociationRejection(DicomRejectResult.Transient, DicomRejectSource.ServiceUser, 1);
        await using var scp = TestScp.Start(wrap: store => new VetoingHandler(store, veto));
        var e = await Assert.ThrowsAsync<DicomAssociationRejectedException>(() => scp.Client().EchoAsync());
        Assert.Equal(veto, e.Rejection);
    }

    [Fact]
    public async Task AssociationsBeyondTheLimitAreRejectedUntilOneEnds()
    {
        await using var scp = TestScp.Start(o => o with { MaxAssociations = 1 });
        await using (var holder = await RawPeer.ConnectAsync(scp.Port))
        {
            await holder.AssociateAsync();
            var e = await Assert.ThrowsAsync<DicomAssociationRejectedException>(() => scp.Client().EchoAsync());
            Assert.Equal(DicomAssociationRejection.LocalLimitExceeded, e.Rejection);
            Assert.Equal(1, scp.Server.ActiveAssociations);
        }

        // The slot is free once the first association's connection is gone.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (scp.Server.ActiveAssociations > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.True((await scp.Client().EchoAsync()).IsSuccess);
    }

    [Fact]
    public void AccessControlMatchesAeTitleAndNetwork()
    {
        var control = new DicomAccessControl
        {
            AllowedPeers = [DicomAllowedPeer.Parse("PACS@10.0.0.0/24"), DicomAllowedPeer.Parse("CT1@192.168.1.7"), DicomAllowedPeer.Parse("V6@fd00::/8")],
        };
        Assert.Null(control.Check("PACS", IPAddress.Parse("10.0.0.200")));
        Assert.Null(control.Check("PACS", IPAddress.Parse("::ffff:10.0.0.3")));
        Assert.Null(control.Check("CT1", IPAddress.Parse("192.168.1.7")));
        Assert.Null(control.Check("V6", IPAddress.Parse("fd12::1")));
        Assert.Equal(DicomAssociationRejection.NoReasonGiven, control.Check("PACS", IPAddress.Parse("10.0.1.1")));
        Assert.Equal(DicomAssociationRejection.NoReasonGiven, control.Check("CT1", IPAddress.Parse("192.168.1.8")));
        Assert.Equal(DicomAssociationRejection.CallingAeTitleNotRecognized, control.Check("pacs", IPAddress.Parse("10.0.0.1")));
        Assert.Null((control with { AllowAnyPeer = true }).Check("ANYONE", IPAddress.Parse("8.8.8.8")));
        Assert.Throws<FormatException>(() => DicomAllowedPeer.Parse("NOADDRESS"));
        Assert.Throws<ArgumentException>(() => DicomAllowedPeer.Parse("BACK\\SLASH@10.0.0.1"));
    }

    private sealed class VetoingHandler(IStoreHandler inner, DicomAssociationRejection veto) : IStoreHandler
    {
        public ValueTask<DicomAssociationRejection?> ReviewAssociationAsync(DicomAssociationInfo association, CancellationToken cancellationToken) =>
            ValueTask.FromResult<DicomAssociationRejection?>(veto);

        public ValueTask<IStoreTransaction> BeginStoreAsync(DicomStoreRequest request, CancellationToken cancellationToken) =>
            inner.BeginStoreAsync(request, cancellationToken);
    }
}
