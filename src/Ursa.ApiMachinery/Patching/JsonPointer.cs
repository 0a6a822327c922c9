using System.Globalization;
using System.Text.Json.Nodes;

namespace Ursa.ApiMachinery.Patching;

/// <summary>RFC 6901 JSON pointer: <c>/a/b~1c/0</c>; <c>~1</c> is <c>/</c>, <c>~0</c> is <c>~</c>; "" is the whole document.</summary>
internal sealed class JsonPointer
{
    private JsonPointer(string text, string[] tokens)
    {
        Text = text;
        Tokens = tokens;
    }

    public string Text { get; }

    public string[] Tokens { get; }

    public bool IsRoot => Tokens.Length == 0;

    public string Last => Tokens[^1];

    public static JsonPointer Parse(string text)
    {
        if (text.Length == 0)
        {
            return new JsonPointer(text, []);
        }

        if (text[0] != '/')
        {
            throw new PatchException($"invalid JSON pointer: \"{text}\": must be empty or start with '/'");
        }

        string[] tokens = text[1..].Split('/');
        for (int i = 0; i < tokens.Length; i++)
        {
            string token = tokens[i];
            for (int j = token.IndexOf('~', StringComparison.Ordinal); j >= 0; j = token.IndexOf('~', j + 1))
            {
                if (j + 1 >= token.Length || token[j + 1] is not ('0' or '1'))
                {
                    throw new PatchException($"invalid JSON pointer: \"{text}\": bad escape '~' in \"{token}\"");
                }
            }

            tokens[i] = token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
        }

        return new JsonPointer(text, tokens);
    }

    /// <summary>Whether this pointer is a proper prefix of <paramref name="other"/> (a move into its own child).</summary>
    public bool IsAncestorOf(JsonPointer other) =>
        other.Tokens.Length > Tokens.Length && Tokens.SequenceEqual(other.Tokens.Take(Tokens.Length));

    /// <summary>Resolves the node this pointer's parent names; false when any step is missing.</summary>
    public bool TryGetParent(JsonNode? root, out JsonNode? parent) => TryResolve(root, Tokens.Length - 1, out parent);

    public bool TryGet(JsonNode? root, out JsonNode? value) => TryResolve(root, Tokens.Length, out value);

    /// <summary>Parses an array index token: digits without leading zeros (RFC 6901).</summary>
    public static bool TryParseIndex(string token, out int index)
    {
        index = -1;
        return token.Length > 0 && token.All(char.IsAsciiDigit) && (token.Length == 1 || token[0] != '0')
            && int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out index);
    }

    private bool TryResolve(JsonNode? root, int depth, out JsonNode? node)
    {
        node = root;
        for (int i = 0; i < depth; i++)
        {
            switch (node)
            {
                case JsonObject obj when obj.TryGetPropertyValue(Tokens[i], out JsonNode? child):
                    node = child;
                    break;
                case JsonArray array when TryParseIndex(Tokens[i], out int index) && index < array.Count:
                    node = array[index];
                    break;
                default:
                    node = null;
                    return false;
            }
        }

        return true;
    }
}
