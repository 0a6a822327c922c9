namespace Ursa.ApiMachinery.Selectors;

/// <summary>
/// Recursive-descent parser for the label selector string syntax, a port of the grammar (not the code) of
/// <c>k8s.io/apimachinery/pkg/labels/selector.go</c>, keeping its error messages.
/// </summary>
/// <remarks>
/// <code>
/// selector    = [requirement {"," requirement}]
/// requirement = ["!"] key | key op value | key ("in"|"notin") "(" [value {"," value}] ")"
/// op          = "=" | "==" | "!=" | "&gt;" | "&lt;"
/// </code>
/// </remarks>
internal sealed class LabelSelectorParser
{
    private readonly List<Token> _tokens;
    private int _position;

    private LabelSelectorParser(List<Token> tokens)
    {
        _tokens = tokens;
    }

    private enum Kind
    {
        Identifier,
        In,
        NotIn,
        Not,
        Equals,
        DoubleEquals,
        NotEquals,
        GreaterThan,
        LessThan,
        OpenParenthesis,
        CloseParenthesis,
        Comma,
        End,
        Error,
    }

    public static List<LabelRequirement> Parse(string selector)
    {
        var parser = new LabelSelectorParser(Tokenize(selector));
        return parser.ParseSelector();
    }

    private List<LabelRequirement> ParseSelector()
    {
        var requirements = new List<LabelRequirement>();
        while (true)
        {
            Token next = Peek();
            switch (next.Kind)
            {
                case Kind.Identifier or Kind.Not:
                    requirements.Add(ParseRequirement());
                    Token after = Consume();
                    if (after.Kind == Kind.End)
                    {
                        return requirements;
                    }

                    if (after.Kind != Kind.Comma)
                    {
                        throw new SelectorParseException($"found '{after.Text}', expected: ',' or 'end of string'");
                    }

                    Token afterComma = Peek();
                    if (afterComma.Kind is not (Kind.Identifier or Kind.Not))
                    {
                        throw new SelectorParseException(
                            $"found '{afterComma.Text}', expected: identifier after ','");
                    }

                    break;
                case Kind.End:
                    return requirements;
                default:
                    throw new SelectorParseException(
                        $"found '{next.Text}', expected: !, identifier, or 'end of string'");
            }
        }
    }

    private LabelRequirement ParseRequirement()
    {
        LabelSelectorOperator? op = null;
        Token key = Consume();
        if (key.Kind == Kind.Not)
        {
            op = LabelSelectorOperator.DoesNotExist;
            key = Consume();
        }

        if (key.Kind != Kind.Identifier)
        {
            throw Requirement($"found '{key.Text}', expected: identifier");
        }

        if (op is null && Peek().Kind is Kind.End or Kind.Comma)
        {
            op = LabelSelectorOperator.Exists;
        }

        if (op is { } existence)
        {
            return LabelRequirement.Create(key.Text, existence, null);
        }

        Token opToken = ConsumeOperatorPosition();
        LabelSelectorOperator binary = opToken.Kind switch
        {
            Kind.In => LabelSelectorOperator.In,
            Kind.NotIn => LabelSelectorOperator.NotIn,
            Kind.Equals => LabelSelectorOperator.Equals,
            Kind.DoubleEquals => LabelSelectorOperator.DoubleEquals,
            Kind.NotEquals => LabelSelectorOperator.NotEquals,
            Kind.GreaterThan => LabelSelectorOperator.GreaterThan,
            Kind.LessThan => LabelSelectorOperator.LessThan,
            _ => throw Requirement($"found '{opToken.Text}', expected: in, notin, =, ==, !=, >, <"),
        };

        List<string> values = binary is LabelSelectorOperator.In or LabelSelectorOperator.NotIn
            ? ParseValueSet()
            : [ParseExactValue()];
        return LabelRequirement.Create(key.Text, binary, values);
    }

    private List<string> ParseValueSet()
    {
        Token open = Consume();
        if (open.Kind != Kind.OpenParenthesis)
        {
            throw Requirement($"found '{open.Text}' expected: '('");
        }

        Token first = Peek();
        switch (first.Kind)
        {
            case Kind.CloseParenthesis:
                Consume();
                return [string.Empty];
            case Kind.Identifier or Kind.Comma:
                List<string> values = ParseValueList();
                Token close = Consume();
                if (close.Kind != Kind.CloseParenthesis)
                {
                    throw Requirement($"found '{close.Text}', expected: ')'");
                }

                return values;
            default:
                throw Requirement($"found '{first.Text}', expected: ',', ')' or identifier");
        }
    }

    private List<string> ParseValueList()
    {
        var values = new List<string>();
        while (true)
        {
            Token token = Consume();
            switch (token.Kind)
            {
                case Kind.Identifier:
                    values.Add(token.Text);
                    Token next = Peek();
                    if (next.Kind == Kind.CloseParenthesis)
                    {
                        return values;
                    }

                    if (next.Kind != Kind.Comma)
                    {
                        throw Requirement($"found '{next.Text}', expected: ',' or ')'");
                    }

                    break;
                case Kind.Comma:
                    // "(,a" ",)" and ",," all denote the empty value, as in Kubernetes.
                    if (values.Count == 0)
                    {
                        values.Add(string.Empty);
                    }

                    Kind following = Peek().Kind;
                    if (following == Kind.CloseParenthesis)
                    {
                        values.Add(string.Empty);
                        return values;
                    }

                    if (following == Kind.Comma)
                    {
                        Consume();
                        values.Add(string.Empty);
                    }

                    break;
                default:
                    throw Requirement($"found '{token.Text}', expected: ',', or identifier");
            }
        }
    }

    private string ParseExactValue()
    {
        if (Peek().Kind is Kind.End or Kind.Comma)
        {
            return string.Empty;
        }

        Token value = Consume();
        return value.Kind == Kind.Identifier
            ? value.Text
            : throw Requirement($"found '{value.Text}', expected: identifier");
    }

    // Outside the operator position, "in" and "notin" are plain identifiers (a label may be called "in").
    private Token Peek()
    {
        Token token = _tokens[_position];
        return token.Kind is Kind.In or Kind.NotIn ? token with { Kind = Kind.Identifier } : token;
    }

    private Token Consume()
    {
        Token token = Peek();
        if (token.Kind != Kind.End)
        {
            _position++;
        }

        return token;
    }

    private Token ConsumeOperatorPosition()
    {
        Token token = _tokens[_position];
        if (token.Kind != Kind.End)
        {
            _position++;
        }

        return token;
    }

    private static SelectorParseException Requirement(string detail) =>
        new("unable to parse requirement: " + detail);

    private static List<Token> Tokenize(string input)
    {
        var tokens = new List<Token>();
        int i = 0;
        while (i < input.Length)
        {
            char c = input[i];
            if (c is ' ' or '\t' or '\r' or '\n')
            {
                i++;
                continue;
            }

            if (IsSpecial(c))
            {
                string two = i + 1 < input.Length ? input.Substring(i, 2) : string.Empty;
                (Kind kind, int length) = two switch
                {
                    "==" => (Kind.DoubleEquals, 2),
                    "!=" => (Kind.NotEquals, 2),
                    _ => c switch
                    {
                        '=' => (Kind.Equals, 1),
                        '!' => (Kind.Not, 1),
                        '(' => (Kind.OpenParenthesis, 1),
                        ')' => (Kind.CloseParenthesis, 1),
                        ',' => (Kind.Comma, 1),
                        '>' => (Kind.GreaterThan, 1),
                        _ => (Kind.LessThan, 1),
                    },
                };
                tokens.Add(new Token(kind, input.Substring(i, length)));
                i += length;
                continue;
            }

            int start = i;
            while (i < input.Length && !IsSpecial(input[i]) && input[i] is not (' ' or '\t' or '\r' or '\n'))
            {
                i++;
            }

            string word = input[start..i];
            tokens.Add(new Token(word switch { "in" => Kind.In, "notin" => Kind.NotIn, _ => Kind.Identifier }, word));
        }

        tokens.Add(new Token(Kind.End, string.Empty));
        return tokens;
    }

    private static bool IsSpecial(char c) => c is '=' or '!' or '(' or ')' or ',' or '>' or '<';

    private readonly record struct Token(Kind Kind, string Text);
}
