using System.Text.Json.Nodes;

namespace Ursa.ApiMachinery.Selectors;

/// <summary>
/// A Kubernetes label selector: an AND of <see cref="LabelRequirement"/>s. Built from the string syntax used in
/// <c>?labelSelector=</c> (<see cref="Parse"/>) or from the structured form stored in objects
/// (<see cref="FromMatch"/>, <see cref="FromJson"/>). Immutable and thread-safe.
/// </summary>
public sealed class LabelSelector
{
    private readonly LabelRequirement[] _requirements;
    private readonly bool _matchesNothing;

    private LabelSelector(LabelRequirement[] requirements, bool matchesNothing)
    {
        _requirements = requirements;
        _matchesNothing = matchesNothing;
    }

    /// <summary>The selector with no requirements; matches every label set.</summary>
    public static LabelSelector Empty { get; } = new([], matchesNothing: false);

    /// <summary>
    /// Matches no label set. What Kubernetes makes of an absent (<c>null</c>) structured selector,
    /// e.g. a PodDisruptionBudget without <c>spec.selector</c>.
    /// </summary>
    public static LabelSelector Nothing { get; } = new([], matchesNothing: true);

    /// <summary>The requirements, sorted by key.</summary>
    public IReadOnlyList<LabelRequirement> Requirements => _requirements;

    /// <summary>True when this selector matches everything.</summary>
    public bool IsEmpty => _requirements.Length == 0 && !_matchesNothing;

    /// <summary>
    /// Parses the string syntax: <c>a=b</c>, <c>a==b</c>, <c>a!=b</c>, <c>a in (x,y)</c>, <c>a notin (x)</c>,
    /// <c>a</c>, <c>!a</c>, <c>a&gt;1</c>, <c>a&lt;1</c>, joined by commas. Empty or blank input gives <see cref="Empty"/>.
    /// </summary>
    /// <exception cref="SelectorParseException">The syntax, a key or a value is invalid.</exception>
    public static LabelSelector Parse(string? selector)
    {
        if (string.IsNullOrWhiteSpace(selector))
        {
            return Empty;
        }

        return Create(LabelSelectorParser.Parse(selector));
    }

    /// <summary>Parses like <see cref="Parse"/>, returning false (and the message) instead of throwing.</summary>
    public static bool TryParse(string? selector, out LabelSelector result, out string? error)
    {
        try
        {
            result = Parse(selector);
            error = null;
            return true;
        }
        catch (SelectorParseException e)
        {
            result = Nothing;
            error = e.Message;
            return false;
        }
    }

    /// <summary>Builds a selector from requirements (sorted by key, as Kubernetes does).</summary>
    public static LabelSelector Create(IEnumerable<LabelRequirement> requirements) =>
        new(requirements.OrderBy(r => r.Key, StringComparer.Ordinal).ToArray(), matchesNothing: false);

    /// <summary>
    /// Builds a selector from the structured form (<c>matchLabels</c> + <c>matchExpressions</c>), like Kubernetes
    /// <c>metav1.LabelSelectorAsSelector</c>. Both empty gives <see cref="Empty"/> (matches everything).
    /// </summary>
    /// <exception cref="SelectorParseException">An operator is unknown, or a key, value or value count is invalid.</exception>
    public static LabelSelector FromMatch(
        IReadOnlyDictionary<string, string>? matchLabels,
        IEnumerable<LabelSelectorExpression>? matchExpressions)
    {
        var requirements = new List<LabelRequirement>();
        foreach ((string key, string value) in matchLabels ?? new Dictionary<string, string>())
        {
            requirements.Add(LabelRequirement.Create(key, LabelSelectorOperator.Equals, [value]));
        }

        foreach (LabelSelectorExpression expression in matchExpressions ?? [])
        {
            LabelSelectorOperator op = expression.Operator switch
            {
                "In" => LabelSelectorOperator.In,
                "NotIn" => LabelSelectorOperator.NotIn,
                "Exists" => LabelSelectorOperator.Exists,
                "DoesNotExist" => LabelSelectorOperator.DoesNotExist,
                _ => throw new SelectorParseException(
                    $"\"{expression.Operator}\" is not a valid label selector operator"),
            };
            requirements.Add(LabelRequirement.Create(expression.Key, op, expression.Values));
        }

        return requirements.Count == 0 ? Empty : Create(requirements);
    }

    /// <summary>
    /// Builds a selector from the JSON of a structured selector as stored in an object
    /// (<c>{"matchLabels":{..},"matchExpressions":[..]}</c>). <c>null</c> gives <see cref="Nothing"/>,
    /// <c>{}</c> gives <see cref="Empty"/>, as in Kubernetes.
    /// </summary>
    /// <exception cref="SelectorParseException">The JSON does not have the selector shape, or a requirement is invalid.</exception>
    public static LabelSelector FromJson(JsonNode? selector)
    {
        if (selector is null)
        {
            return Nothing;
        }

        if (selector is not JsonObject obj)
        {
            throw new SelectorParseException("a label selector must be a JSON object");
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (obj["matchLabels"] is JsonObject matchLabels)
        {
            foreach ((string key, JsonNode? value) in matchLabels)
            {
                labels[key] = StringOf(value, "matchLabels." + key);
            }
        }

        var expressions = new List<LabelSelectorExpression>();
        if (obj["matchExpressions"] is JsonArray matchExpressions)
        {
            foreach (JsonNode? item in matchExpressions)
            {
                if (item is not JsonObject expression)
                {
                    throw new SelectorParseException("matchExpressions entries must be JSON objects");
                }

                List<string> values = expression["values"] is JsonArray array
                    ? array.Select(v => StringOf(v, "matchExpressions.values")).ToList()
                    : [];
                expressions.Add(new LabelSelectorExpression(
                    StringOf(expression["key"], "matchExpressions.key"),
                    StringOf(expression["operator"], "matchExpressions.operator"),
                    values));
            }
        }

        return FromMatch(labels, expressions);
    }

    /// <summary>Whether the labels satisfy every requirement; <c>null</c> labels are treated as empty.</summary>
    public bool Matches(IReadOnlyDictionary<string, string>? labels)
    {
        if (_matchesNothing)
        {
            return false;
        }

        foreach (LabelRequirement requirement in _requirements)
        {
            if (!requirement.Matches(labels))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether the selector pins <paramref name="key"/> to exactly one value (<c>key=v</c>, <c>key==v</c> or
    /// <c>key in (v)</c>), which lets a caller use an index.
    /// </summary>
    public bool TryGetExactMatch(string key, out string value)
    {
        foreach (LabelRequirement requirement in _requirements)
        {
            if (requirement.Key == key && requirement.Values.Count == 1 && requirement.Operator is
                    LabelSelectorOperator.Equals or LabelSelectorOperator.DoubleEquals or LabelSelectorOperator.In)
            {
                value = requirement.Values[0];
                return true;
            }
        }

        value = string.Empty;
        return false;
    }

    /// <summary>The canonical string form (requirements sorted by key, comma-joined); empty for <see cref="Empty"/>.</summary>
    public override string ToString() => string.Join(',', _requirements.Select(r => r.ToString()));

    private static string StringOf(JsonNode? node, string what) =>
        node is JsonValue value && value.TryGetValue(out string? s)
            ? s
            : throw new SelectorParseException($"{what} must be a string");
}
