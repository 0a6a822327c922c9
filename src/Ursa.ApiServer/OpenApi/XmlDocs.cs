using System.Reflection;
using System.Xml.Linq;

namespace Ursa.ApiServer.OpenApi;

/// <summary>
/// Summaries from the API assembly's XML documentation file: the API types' doc comments are the one source of
/// the descriptions <c>kubectl explain</c> shows.
/// </summary>
public sealed class XmlDocs
{
    private readonly Dictionary<string, string> _summaries;

    private XmlDocs(Dictionary<string, string> summaries) => _summaries = summaries;

    public static XmlDocs For(Assembly assembly)
    {
        var path = Path.ChangeExtension(assembly.Location, ".xml");
        var summaries = new Dictionary<string, string>(StringComparer.Ordinal);
        if (File.Exists(path))
        {
            foreach (var member in XDocument.Load(path).Descendants("member"))
            {
                var name = member.Attribute("name")?.Value;
                var summary = member.Element("summary");
                if (name is not null && summary is not null)
                {
                    summaries[name] = string.Join(' ', summary.Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
                }
            }
        }

        return new XmlDocs(summaries);
    }

    public string? Of(Type type) => _summaries.GetValueOrDefault("T:" + type.FullName);

    public string? Of(PropertyInfo property) =>
        _summaries.GetValueOrDefault($"P:{property.DeclaringType!.FullName}.{property.Name}");
}
