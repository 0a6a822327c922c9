namespace Ursa.ApiServer.Requests;

/// <summary>The API verb of a resource request, derived from the HTTP method and path.</summary>
public enum RequestVerb
{
    Get,
    List,
    Watch,
    Create,
    Update,
    Patch,
    Delete,
    DeleteCollection,
}
