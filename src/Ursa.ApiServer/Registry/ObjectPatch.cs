using System.Text.Json.Nodes;

namespace Ursa.ApiServer.Registry;

/// <summary>A PATCH request's body and options, as <see cref="ObjectRegistry.PatchAsync"/> applies them.</summary>
/// <param name="MediaType">
/// <c>application/json-patch+json</c>, <c>application/merge-patch+json</c> or
/// <c>application/strategic-merge-patch+json</c>.
/// </param>
/// <param name="Patch">The decoded patch document.</param>
/// <param name="FieldValidation">The request's <c>fieldValidation</c> (Strict, Warn, Ignore; null is Warn).</param>
/// <param name="Warn">Called once per unknown field of the patched object when validation is Warn.</param>
public sealed record ObjectPatch(string MediaType, JsonNode? Patch, string? FieldValidation, Action<string> Warn);
