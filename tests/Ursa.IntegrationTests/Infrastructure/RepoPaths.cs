namespace Ursa.IntegrationTests.Infrastructure;

/// <summary>Paths of the checkout and the tools the set-up script installs.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>kubectl as users run it (on these machines a wrapper that picks the client by server version).</summary>
    public static string Kubectl => Environment.GetEnvironmentVariable("URSA_KUBECTL") is { Length: > 0 } k ? k : "/usr/bin/kubectl";

    /// <summary>Debian's kubernetes-client (kubectl 1.20), unpacked by scripts/setup-tests.sh.</summary>
    public static string Kubectl120 => Path.Combine(Root, ".tools", "kubernetes-client", "usr", "bin", "kubectl");

    /// <summary>The ursa CLI built next to the tests (the test project references it).</summary>
    public static string UrsaDll => Path.Combine(AppContext.BaseDirectory, "ursa.dll");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Ursa.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("cannot find the repository root above " + AppContext.BaseDirectory);
    }
}
