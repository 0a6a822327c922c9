using System.Net;
using System.Net.Http.Headers;
using Ursa.Grpc;

namespace Ursa.UnitTests.Grpc;

public sealed class GrpcCallStatusTests
{
    [Fact]
    public void From_StatusAndPercentEncodedMessage_Decodes()
    {
        HttpHeaders headers = Headers(("grpc-status", "11"), ("grpc-message", "etcdserver: mvcc: required revision has been compacted%20%E2%9C%93"));

        GrpcCallStatus? status = GrpcCallStatus.From(headers);

        Assert.Equal(new GrpcCallStatus(GrpcStatusCode.OutOfRange, "etcdserver: mvcc: required revision has been compacted \u2713"), status);
    }

    [Fact]
    public void From_NoStatus_IsNull()
    {
        Assert.Null(GrpcCallStatus.From(Headers(("grpc-message", "orphan"))));
    }

    [Fact]
    public void From_StatusWithoutMessage_HasEmptyMessage()
    {
        Assert.Equal(new GrpcCallStatus(GrpcStatusCode.OK, string.Empty), GrpcCallStatus.From(Headers(("grpc-status", "0"))));
    }

    [Fact]
    public void From_NonNumericStatus_IsUnknown()
    {
        Assert.Equal(GrpcStatusCode.Unknown, GrpcCallStatus.From(Headers(("grpc-status", "oops")))!.Value.Code);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, GrpcStatusCode.Internal)]
    [InlineData(HttpStatusCode.Unauthorized, GrpcStatusCode.Unauthenticated)]
    [InlineData(HttpStatusCode.Forbidden, GrpcStatusCode.PermissionDenied)]
    [InlineData(HttpStatusCode.NotFound, GrpcStatusCode.Unimplemented)]
    [InlineData(HttpStatusCode.TooManyRequests, GrpcStatusCode.Unavailable)]
    [InlineData(HttpStatusCode.BadGateway, GrpcStatusCode.Unavailable)]
    [InlineData(HttpStatusCode.ServiceUnavailable, GrpcStatusCode.Unavailable)]
    [InlineData(HttpStatusCode.GatewayTimeout, GrpcStatusCode.Unavailable)]
    [InlineData(HttpStatusCode.InternalServerError, GrpcStatusCode.Unknown)]
    public void FromHttpStatus_FollowsGrpcMapping(HttpStatusCode http, GrpcStatusCode expected)
    {
        Assert.Equal(expected, GrpcCallStatus.FromHttpStatus(http));
    }

    [Fact]
    public void ThrowIfError_Ok_DoesNotThrow()
    {
        new GrpcCallStatus(GrpcStatusCode.OK, string.Empty).ThrowIfError();
    }

    [Fact]
    public void ThrowIfError_Error_ThrowsWithCodeAndDetail()
    {
        var error = Assert.Throws<GrpcException>(() => new GrpcCallStatus(GrpcStatusCode.Unavailable, "no leader").ThrowIfError());

        Assert.Equal((GrpcStatusCode.Unavailable, "no leader"), (error.StatusCode, error.Detail));
    }

    private static HttpHeaders Headers(params (string Name, string Value)[] values)
    {
        var response = new HttpResponseMessage();
        foreach ((string name, string value) in values)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response.Headers;
    }
}
