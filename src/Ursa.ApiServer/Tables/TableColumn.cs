namespace Ursa.ApiServer.Tables;

/// <summary>A column of a <c>meta.k8s.io/v1 Table</c>. Priority 0 columns show by default; higher ones with <c>-o wide</c>.</summary>
public sealed record TableColumn(string Name, string Type, string Description, int Priority = 0, string Format = "");
