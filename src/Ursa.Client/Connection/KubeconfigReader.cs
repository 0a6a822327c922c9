using System.Text;
using YamlDotNet.RepresentationModel;

namespace Ursa.Client.Connection;

/// <summary>Reads the current context of a kubeconfig (server, CA data, bearer token).</summary>
public static class KubeconfigReader
{
    public static ClusterConnection Load(string path) => Parse(File.ReadAllText(path));

    public static ClusterConnection Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var current = Scalar(root, "current-context");
        var context = Named(root, "contexts", current, "context");
        var cluster = Named(root, "clusters", Scalar(context, "cluster"), "cluster");
        var user = Named(root, "users", Scalar(context, "user"), "user");
        var server = new Uri(Scalar(cluster, "server") ?? throw new InvalidDataException("kubeconfig cluster has no server"));
        var ca = Scalar(cluster, "certificate-authority-data") is { } data
            ? Encoding.UTF8.GetString(Convert.FromBase64String(data))
            : Scalar(cluster, "certificate-authority") is { } file ? File.ReadAllText(file) : throw new InvalidDataException("kubeconfig cluster has no certificate authority");
        var token = Scalar(user, "token") ?? throw new InvalidDataException("kubeconfig user has no token");
        return new ClusterConnection(server, ca, token);
    }

    private static YamlMappingNode Named(YamlMappingNode root, string list, string? name, string field)
    {
        if (root.Children.TryGetValue(new YamlScalarNode(list), out var node) && node is YamlSequenceNode sequence)
        {
            foreach (var item in sequence.Children.OfType<YamlMappingNode>())
            {
                if (Scalar(item, "name") == name && item.Children.TryGetValue(new YamlScalarNode(field), out var inner) && inner is YamlMappingNode mapping)
                {
                    return mapping;
                }
            }
        }

        throw new InvalidDataException($"kubeconfig has no {list} entry named \"{name}\"");
    }

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar ? scalar.Value : null;
}
