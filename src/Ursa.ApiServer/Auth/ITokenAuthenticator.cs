namespace Ursa.ApiServer.Auth;

/// <summary>Maps a bearer token to a user, or null when the token is unknown.</summary>
public interface ITokenAuthenticator
{
    UserInfo? Authenticate(string token);
}
