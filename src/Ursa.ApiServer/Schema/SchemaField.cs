using System.Reflection;

namespace Ursa.ApiServer.Schema;

/// <summary>One field of an object schema.</summary>
public sealed record SchemaField(string Name, PropertyInfo Property, TypeSchema Schema, string? PatchMergeKey, string? PatchStrategy, bool Required);
