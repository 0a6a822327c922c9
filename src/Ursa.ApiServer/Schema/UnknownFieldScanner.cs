using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Ursa.ApiServer.Schema;

/// <summary>
/// Lists the fields of a request body that its schema does not declare (for <c>fieldValidation</c>), in one
/// <see cref="Utf8JsonReader"/> pass, without building a <see cref="JsonDocument"/>: field names are looked up
/// without becoming strings and a field's path is only made a string when the field is unknown. Every create and
/// every patched object is checked, so this is on the hot path (a document and per-field path strings were ~5% of
/// the server's CPU in bench scheduler).
/// </summary>
public static class UnknownFieldScanner
{
    /// <summary>
    /// Scans <paramref name="json"/>, an object, against <paramref name="schema"/> (null: syntax only). Returns false
    /// when it is not valid JSON or not an object; the caller then reports the parser's message.
    /// </summary>
    /// <param name="json">The body.</param>
    /// <param name="schema">The body's schema; null checks only that the body is a valid JSON object.</param>
    /// <param name="maxDepth">The deepest nesting allowed (as <see cref="JsonDocumentOptions.MaxDepth"/>).</param>
    /// <param name="apiVersion">The root's last <c>apiVersion</c> when that is a string.</param>
    /// <param name="kind">The root's last <c>kind</c> when that is a string.</param>
    /// <param name="unknown">Paths of undeclared fields, in document order (<c>spec.containers[0].bogus</c>).</param>
    public static bool TryScan(ReadOnlySpan<byte> json, TypeSchema? schema, int maxDepth, out string? apiVersion, out string? kind, out List<string> unknown)
    {
        apiVersion = null;
        kind = null;
        unknown = [];
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = maxDepth });
        var state = new ScanState(unknown);
        if (schema is { Kind: not (SchemaKind.Object or SchemaKind.Map) })
        {
            schema = null; // nothing in an object body to check against
        }

        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = state.ReadName(ref reader);
                var isApiVersion = name.SequenceEqual("apiVersion");
                var isKind = !isApiVersion && name.SequenceEqual("kind");
                var field = Enter(ref state, schema, schema?.Kind ?? SchemaKind.Object, name, out var known);
                reader.Read();
                if (isApiVersion || isKind)
                {
                    var value = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    (apiVersion, kind) = isApiVersion ? (value, kind) : (apiVersion, value);
                }

                Value(ref reader, ref state, field, known);
                state.PathLength = 0;
            }

            // Trailing content after the object is an error as in JsonDocument.Parse.
            while (reader.Read())
            {
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
        finally
        {
            state.Return();
        }
    }

    /// <summary>Appends a property to the path; returns its schema (null for a field the schema does not declare).</summary>
    private static TypeSchema? Enter(ref ScanState state, TypeSchema? schema, SchemaKind parent, ReadOnlySpan<char> name, out bool known)
    {
        known = true;
        if (schema is null)
        {
            return null;
        }

        if (parent == SchemaKind.Map)
        {
            state.Append(".");
            state.Append(name);
            return schema.Element;
        }

        if (state.PathLength > 0)
        {
            state.Append(".");
        }

        state.Append(name);
        if (schema.TryGetField(name, out var field))
        {
            return field.Schema;
        }

        known = false;
        return null;
    }

    /// <summary>The reader is on a value: walks it when its schema says it is a container of that shape, else skips it.</summary>
    private static void Value(ref Utf8JsonReader reader, ref ScanState state, TypeSchema? schema, bool known)
    {
        if (!known)
        {
            state.Unknown.Add(state.Path());
            reader.Skip();
            return;
        }

        switch (schema?.Kind)
        {
            case SchemaKind.Object or SchemaKind.Map when reader.TokenType == JsonTokenType.StartObject:
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var mark = state.PathLength;
                    var field = Enter(ref state, schema, schema.Kind, state.ReadName(ref reader), out var isKnown);
                    reader.Read();
                    Value(ref reader, ref state, field, isKnown);
                    state.PathLength = mark;
                }

                break;
            case SchemaKind.Array when reader.TokenType == JsonTokenType.StartArray:
                var index = 0;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    var mark = state.PathLength;
                    state.Append("[");
                    state.AppendIndex(index++);
                    state.Append("]");
                    Value(ref reader, ref state, schema.Element, known: true);
                    state.PathLength = mark;
                }

                break;
            default:
                reader.Skip();
                break;
        }
    }

    /// <summary>Pooled buffers for the current path and the current property name.</summary>
    private struct ScanState(List<string> unknown)
    {
        private char[] _path = ArrayPool<char>.Shared.Rent(256);
        private char[] _name = ArrayPool<char>.Shared.Rent(128);

        public List<string> Unknown { get; } = unknown;

        public int PathLength { get; set; }

        public readonly string Path() => new(_path, 0, PathLength);

        /// <summary>The property name the reader is on, unescaped, valid until the next call.</summary>
        public ReadOnlySpan<char> ReadName(ref Utf8JsonReader reader)
        {
            if (reader.ValueIsEscaped)
            {
                return reader.GetString();
            }

            var bytes = reader.ValueSpan;
            if (bytes.Length > _name.Length)
            {
                ArrayPool<char>.Shared.Return(_name);
                _name = ArrayPool<char>.Shared.Rent(bytes.Length);
            }

            return _name.AsSpan(0, Encoding.UTF8.GetChars(bytes, _name));
        }

        public void Append(ReadOnlySpan<char> text)
        {
            Reserve(text.Length);
            text.CopyTo(_path.AsSpan(PathLength));
            PathLength += text.Length;
        }

        public void AppendIndex(int index)
        {
            Reserve(11);
            index.TryFormat(_path.AsSpan(PathLength), out var written, provider: CultureInfo.CurrentCulture);
            PathLength += written;
        }

        public readonly void Return()
        {
            ArrayPool<char>.Shared.Return(_path);
            ArrayPool<char>.Shared.Return(_name);
        }

        private void Reserve(int more)
        {
            if (PathLength + more <= _path.Length)
            {
                return;
            }

            var larger = ArrayPool<char>.Shared.Rent(Math.Max(_path.Length * 2, PathLength + more));
            _path.AsSpan(0, PathLength).CopyTo(larger);
            ArrayPool<char>.Shared.Return(_path);
            _path = larger;
        }
    }
}
