namespace Ursa.ApiServer.Validation;

/// <summary>Collects validation failures as Status causes (reason, message, field path).</summary>
public sealed class FieldErrorList
{
    private readonly List<StatusCause> _causes = [];

    public IReadOnlyList<StatusCause> Causes => _causes;

    public bool IsEmpty => _causes.Count == 0;

    public void Required(string field, string message = "Required value") =>
        Add("FieldValueRequired", field, message);

    public void Invalid(string field, object? value, string detail) =>
        Add("FieldValueInvalid", field, $"Invalid value: {Quote(value)}: {detail}");

    public void NotSupported(string field, object? value, IEnumerable<string> supported) =>
        Add("FieldValueNotSupported", field, $"Unsupported value: {Quote(value)}: supported values: {string.Join(", ", supported.Select(s => $"\"{s}\""))}");

    public void Duplicate(string field, object? value) =>
        Add("FieldValueDuplicate", field, $"Duplicate value: {Quote(value)}");

    public void Forbidden(string field, string detail) => Add("FieldValueForbidden", field, $"Forbidden: {detail}");

    public void TooLong(string field, int max) => Add("FieldValueTooLong", field, $"Too long: may not be longer than {max}");

    public void Add(string reason, string field, string message) =>
        _causes.Add(new StatusCause { Reason = reason, Field = field, Message = message });

    private static string Quote(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "null",
    };
}
