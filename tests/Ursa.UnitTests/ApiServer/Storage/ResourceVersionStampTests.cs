using System.Text;
using Ursa.ApiServer.Storage;

namespace Ursa.UnitTests.ApiServer.Storage;

public sealed class ResourceVersionStampTests
{
    [Theory]
    [InlineData("""{"kind":"Pod","metadata":{"name":"a"},"spec":{}}""", """{"kind":"Pod","metadata":{"resourceVersion":"42","name":"a"},"spec":{}}""")]
    [InlineData("""{"kind":"Pod","metadata":{},"spec":{}}""", """{"kind":"Pod","metadata":{"resourceVersion":"42"},"spec":{}}""")]
    [InlineData("""{"spec":{"metadata":{"x":1}},"metadata":{"name":"b"}}""", """{"spec":{"metadata":{"x":1}},"metadata":{"resourceVersion":"42","name":"b"}}""")]
    [InlineData("""{"kind":"Pod"}""", """{"kind":"Pod"}""")]
    public void Apply_InsertsResourceVersionIntoTopLevelMetadataOnly(string stored, string served)
    {
        var result = ResourceVersionStamp.Apply(Encoding.UTF8.GetBytes(stored), 42);
        Assert.Equal(served, Encoding.UTF8.GetString(result));
    }
}
